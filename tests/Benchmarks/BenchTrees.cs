using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text;
using BkSops.Building;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Model;
using BkSops.Serialization;

namespace BkSops.Benchmarks
{
    /// <summary>The benchmark inputs, built once per process and shared by the benchmark classes and the report.</summary>
    public static class BenchTrees
    {
        /// <summary>The tree of the JSON round-trip benchmarks.</summary>
        public const string RoundTripShape = "chain-10k";

        /// <summary>
        /// The trees of the validation benchmarks, by name. Each is read from its JSON text, as the cmdlets get a tree;
        /// a name ending in <see cref="BuiltSuffix"/> is the generator's tree as built in memory instead, whose
        /// objects lie scattered on the heap (the validator's walks over it miss the cache more often).
        /// </summary>
        public static readonly string[] ValidationShapes =
            { SeedShape, "chain-1k", "chain-10k", "chain-100k", "parallel-1k", "parallel-10k", "nested-50", "nested-200", "chain-10k" + BuiltSuffix };

        /// <summary>
        /// docs/examples/seed-tree.json (about 15 nodes) as New-BkSopsTask checks it: repaired by TreeNormalizer first. One
        /// tree per row of a CSV is the common bulk case, where the fixed cost of a check matters more than its cost per node.
        /// </summary>
        public const string SeedShape = "seed-normalized";

        /// <summary>docs/examples/seed-tree.json as read from its file (copied next to the benchmark program).</summary>
        public static PipelineTree Seed() =>
            PipelineReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed-tree.json")), "seed-tree.json");

        /// <summary>A 10,000-step chain as ConvertTo-BkSopsPipeline builds it (in memory), and the same tree read back from its JSON.</summary>
        public const string BuilderShape = "builder-10k";
        public const string ParsedSuffix = "-parsed";

        public const string BuiltSuffix = "-built";

        private static readonly ConcurrentDictionary<string, PipelineTree> Trees = new ConcurrentDictionary<string, PipelineTree>();
        private static readonly ConcurrentDictionary<string, long> Sizes = new ConcurrentDictionary<string, long>();
        private static string roundTripJson;

        public static PipelineTree Tree(string shape) => Trees.GetOrAdd(shape, Make);

        /// <summary>The round-trip input: the 10,000-activity chain as indented JSON text.</summary>
        public static string RoundTripJson => roundTripJson ?? (roundTripJson = Tree(RoundTripShape).ToJson(indented: true));

        /// <summary>The size in UTF-8 bytes of the shape's indented JSON (what a user's file would hold).</summary>
        public static long JsonBytes(string shape) => Sizes.GetOrAdd(shape, s =>
        {
            var counter = new Utf8CountingWriter();
            JsonWriter.Write(Tree(s).Root, counter, indented: true);
            return counter.Bytes;
        });

        private static PipelineTree Make(string shape)
        {
            if (shape.EndsWith(BuiltSuffix, StringComparison.Ordinal)) return Generate(shape.Substring(0, shape.Length - BuiltSuffix.Length));
            if (shape == SeedShape)
            {
                var seed = Seed();
                new TreeNormalizer(describe: false).Normalize(seed.Root);
                return seed;
            }
            if (shape == BuilderShape) return BuilderInputs.Chain(10000);
            if (shape == BuilderShape + ParsedSuffix) return PipelineReader.Parse(Tree(BuilderShape).ToJson(indented: true), shape + ".json");
            return PipelineReader.Parse(Generate(shape).ToJson(indented: true), shape + ".json");
        }

        private static PipelineTree Generate(string shape)
        {
            int dash = shape.IndexOf('-');
            string kind = shape.Substring(0, dash);
            string size = shape.Substring(dash + 1);
            int n = size.EndsWith("k", StringComparison.Ordinal) ? int.Parse(size.TrimEnd('k')) * 1000 : int.Parse(size);
            switch (kind)
            {
                case "chain": return ShapeGenerators.Chain(n);
                case "parallel": return ShapeGenerators.ParallelBlocks(n);
                case "nested": return ShapeGenerators.NestedExclusive(n);
                default: throw new ArgumentException("Unknown shape " + shape);
            }
        }

        /// <summary>Counts the UTF-8 bytes written instead of keeping them.</summary>
        private sealed class Utf8CountingWriter : TextWriter
        {
            private char pendingHigh;
            public long Bytes { get; private set; }
            public override Encoding Encoding => Encoding.UTF8;

            public override void Write(char value)
            {
                if (char.IsHighSurrogate(value)) { pendingHigh = value; return; }
                if (char.IsLowSurrogate(value) && pendingHigh != 0) { Bytes += 4; pendingHigh = '\0'; return; }
                Bytes += value < 0x80 ? 1 : value < 0x800 ? 2 : 3;
            }

            public override void Write(string value)
            {
                if (value != null) foreach (char c in value) Write(c);
            }

            public override void Write(char[] buffer, int index, int count)
            {
                for (int i = 0; i < count; i++) Write(buffer[index + i]);
            }
        }

        /// <summary>Human-readable bytes: 1.2 KB, 6.1 MB.</summary>
        public static string FormatBytes(double bytes)
        {
            string[] units = { "B", "KB", "MB", "GB" };
            int u = 0;
            while (bytes >= 1024 && u < units.Length - 1) { bytes /= 1024; u++; }
            return u == 0 ? $"{bytes:0} B" : $"{bytes:0.0} {units[u]}";
        }

        public static IEnumerable<string> AllShapes()
        {
            yield return RoundTripShape;
            foreach (var s in ValidationShapes) yield return s;
        }
    }
}
