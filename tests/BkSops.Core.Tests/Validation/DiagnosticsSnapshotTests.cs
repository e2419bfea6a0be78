using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using BkSops.Building;
using BkSops.Core.Tests.Generators;
using BkSops.Core.Tests.Properties;
using BkSops.Json;
using BkSops.Model;
using BkSops.Serialization;
using BkSops.Validation;
using Xunit;
using Xunit.Abstractions;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>
    /// Pins everything the validator and Repair say, field by field, on every fixture and on a few thousand random and
    /// mutated trees (fixed seeds), against tests/data/diagnostics-snapshot.txt: one line per tree with the number of
    /// diagnostics and a digest of every field of every diagnostic, the server's working copy, and Repair's changes,
    /// repaired tree and verdict; and that neither validation nor Repair changes the tree it is given. A refactoring must leave it green; a change that alters diagnostics on purpose
    /// regenerates the snapshot (and the diff of the snapshot shows which trees changed):
    /// <code>BKSOPS_UPDATE_SNAPSHOT=1 dotnet test tests/BkSops.Core.Tests -c Release --filter FullyQualifiedName~DiagnosticsSnapshotTests</code>
    /// </summary>
    public sealed class DiagnosticsSnapshotTests
    {
        private static readonly System.Collections.Concurrent.ConcurrentBag<string> Unregistered = new System.Collections.Concurrent.ConcurrentBag<string>();
        private static readonly System.Collections.Concurrent.ConcurrentBag<string> Changed = new System.Collections.Concurrent.ConcurrentBag<string>();
        private const string SnapshotName = "diagnostics-snapshot.txt";
        private const string UpdateVariable = "BKSOPS_UPDATE_SNAPSHOT";
        private readonly ITestOutputHelper output;

        public DiagnosticsSnapshotTests(ITestOutputHelper output) { this.output = output; }

        [Fact]
        public void EveryDiagnosticFieldMatchesTheSnapshot()
        {
            // Trees are independent: described on every core, listed in a fixed order.
            var trees = Trees().ToList();
            var texts = new string[trees.Count];
            var counts = new int[trees.Count];
            System.Threading.Tasks.Parallel.For(0, trees.Count, i => texts[i] = Describe(trees[i].Read(), trees[i].Repair, out counts[i]));
            var lines = new List<string>(trees.Count);
            var byName = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < trees.Count; i++)
            {
                byName.Add(trees[i].Name, texts[i]);
                lines.Add($"{trees[i].Name}\t{counts[i]}\t{Digest(texts[i])}");
            }
            int diagnostics = counts.Sum();
            Assert.True(Changed.IsEmpty, "Validation or Repair changed the tree it was given: " + string.Join(", ", Changed.Distinct()));
            Assert.True(Unregistered.IsEmpty, "Findings of rules (or with severities) the registry BkSops.Validation.Rules does not list: " + string.Join(", ", Unregistered.Distinct()));
            string actual = Header(lines.Count, diagnostics) + string.Join("\n", lines) + "\n";
            output.WriteLine($"{lines.Count} trees, {diagnostics} diagnostics compared.");

            if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            {
                File.WriteAllText(Path.Combine(RepositoryRoot(), "tests", "data", SnapshotName), actual, new UTF8Encoding(false));
                return;
            }
            var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "examples", SnapshotName))
                .Where(l => l.Length > 0 && l[0] != '#')
                .ToDictionary(l => l.Split('\t')[0], StringComparer.Ordinal);
            var differences = new List<string>();
            foreach (var line in lines)
            {
                string name = line.Split('\t')[0];
                if (!expected.TryGetValue(name, out var was)) differences.Add($"new tree {name}");
                else if (was != line) differences.Add($"{name}: snapshot {was.Substring(name.Length + 1)}, now {line.Substring(name.Length + 1)}:\n{byName[name]}");
                expected.Remove(name);
            }
            differences.AddRange(expected.Keys.Select(k => "tree no longer produced: " + k));
            Assert.True(differences.Count == 0,
                $"{differences.Count} of {lines.Count} trees differ from tests/data/{SnapshotName} (regenerate with {UpdateVariable}=1 if the change is intended). First ones:\n" +
                string.Join("\n\n", differences.Take(3)));
        }

        private static string Header(int trees, int diagnostics) =>
            "# The validator's and Repair's output on every fixture and on fixed-seed random and mutated trees: tree, number of\n" +
            "# diagnostics, digest of every field (see tests/BkSops.Core.Tests/Validation/DiagnosticsSnapshotTests.cs).\n" +
            $"# Regenerate: {UpdateVariable}=1 dotnet test tests/BkSops.Core.Tests -c Release --filter FullyQualifiedName~DiagnosticsSnapshotTests\n" +
            $"# {trees} trees, {diagnostics} diagnostics.\n";

        /// <summary>
        /// Every tree compared: its name, how to read it (from text, so with line/column positions, or as a document),
        /// and whether Repair runs on it too.
        /// </summary>
        private static IEnumerable<(string Name, Func<PipelineTree> Read, bool Repair)> Trees()
        {
            string bin = AppContext.BaseDirectory;
            string examples = Path.Combine(bin, "examples");
            var files = Directory.GetFiles(examples, "*.json", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(Path.Combine(bin, "Fixtures"), "*.json", SearchOption.AllDirectories))
                .Where(f => !f.EndsWith("verdicts.json", StringComparison.Ordinal) && !f.EndsWith("labels-corpus.json", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(bin, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal);
            foreach (var file in files)
            {
                string json = File.ReadAllText(Path.Combine(bin, file));
                if (!(JsonReader.Parse(json) is JsonObject root)) continue;
                yield return ("file " + file, () => PipelineReader.Parse(json, file), true);
                yield return ("object " + file, () => new PipelineTree(root, file), false);
            }

            var corpus = (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(examples, "labels-corpus.json")));
            int n = 0;
            foreach (var item in ((JsonArray)corpus["cases"]).Items.Cast<JsonObject>())
                {
                var root = (JsonObject)((JsonObject)item["tree"]).Clone();
                yield return ($"labels case {n}", Read(root, $"labels case {n}", n++ % 2 == 0), true);
            }

            // Random valid trees (the property tests' generator), half of them read from text.
            for (int seed = 0; seed < 1000; seed++)
            {
                var recipe = new TreeRecipe(seed, Options(new Random(seed)));
                yield return ($"random {seed}", Read(recipe.Build().Root, $"random {seed}", seed % 2 == 0, indented: true), false);
            }

            // Random mutations of them, as MutatedTreesNeverCrashTests and RepairStepsTests make.
            for (int seed = 0; seed < 1200; seed++)
            {
                var recipe = new TreeRecipe(seed * 7919 + 1, Options(new Random(seed + 100_000)));
                var root = recipe.Build().Root;
                var random = new Random(seed);
                TreeMutator.Mutate(random, root, 1 + seed % 4);
                yield return ($"mutated {seed}", Read(root, $"mutated {seed}", seed % 3 == 0), seed % 3 != 1);
            }

            // Each mutation alone, on small trees.
            foreach (var mutation in TreeMutator.Names)
                for (int seed = 0; seed < 25; seed++)
                {
                    var root = new TreeRecipe(seed, new RandomTreeOptions { MaxActivities = 12 }).Build().Root;
                    if (TreeMutator.Apply(mutation, new Random(seed), root) == null) continue;
                    yield return ($"{mutation} {seed}", Read(root, $"{mutation} {seed}", seed % 2 == 0), true);
                }

            // Large trees (stages read ahead on a second core from 1,000 nodes on), valid and mutated.
            yield return ("chain 1500", () => ShapeGenerators.Chain(1500), false);
            yield return ("parallel 1500", Read(ShapeGenerators.ParallelBlocks(1500).Root, "parallel 1500", true, indented: true), false);
            yield return ("nested 40", () => ShapeGenerators.NestedExclusive(40), false);
            for (int seed = 0; seed < 30; seed++)
            {
                var root = (seed % 2 == 0 ? ShapeGenerators.ParallelBlocks(1200) : ShapeGenerators.Chain(1200)).Root;
                TreeMutator.Mutate(new Random(seed), root, 1 + seed % 3);
                yield return ($"large mutated {seed}", Read(root, $"large mutated {seed}", seed % 3 == 0), seed % 5 == 0);
            }
        }

        /// <summary>
        /// The tree as a document, or read back from its text. Mutated trees are written compact: indenting a mutation
        /// nested 20,000 levels deep would write 2 * depth spaces per line.
        /// </summary>
        private static Func<PipelineTree> Read(JsonObject root, string name, bool fromText, bool indented = false) =>
            fromText ? () => PipelineReader.Parse(JsonWriter.Write(root, indented), name) : () => new PipelineTree(root, name);

        private static RandomTreeOptions Options(Random random) => new RandomTreeOptions
        {
            MaxActivities = random.Next(1, 121),
            MaxNesting = random.Next(0, 6),
            MaxMainElements = random.Next(1, 9),
            MaxBranches = random.Next(2, 6),
            MaxConstants = random.Next(0, 7),
        };

        /// <summary>Every field the validator (and Repair) gives for <paramref name="tree"/>, as text.</summary>
        private static string Describe(PipelineTree tree, bool repair, out int diagnostics)
        {
            var text = new StringBuilder();
            // Neither validating nor repairing changes the tree given (the working copy is copied before any change).
            string given = JsonWriter.Write(tree.Root, indented: false);
            var result = new PipelineValidator().Validate(tree, null, out var serverCopy);
            if (JsonWriter.Write(tree.Root, indented: false) != given) Changed.Add("Validate " + tree.Source);
            diagnostics = result.Diagnostics.Count;
            Describe(text, result);
            text.Append("server copy: ").Append(JsonWriter.Write(serverCopy, indented: false)).Append('\n');
            if (repair)
            {
                var repaired = new TreeRepairer().Repair(tree);
                if (JsonWriter.Write(tree.Root, indented: false) != given) Changed.Add("Repair " + tree.Source);
                diagnostics += repaired.Validation.Diagnostics.Count;
                text.Append("repair: ").Append(repaired).Append('\n');
                foreach (var change in repaired.Changes)
                    text.Append("change: ").Append(Field(change.Path)).Append(Field(change.Description)).Append(Field(change.Before)).Append(Field(change.After)).Append('\n');
                text.Append("repaired tree: ").Append(JsonWriter.Write(repaired.Tree.Root, indented: false)).Append('\n');
                Describe(text, repaired.Validation);
            }
            return text.ToString();
        }

        private static void Describe(StringBuilder text, ValidationResult result)
        {
            text.Append("result: ").Append(result).Append(" | verdict #")
                .Append(result.ServerVerdict == null ? -1 : result.Diagnostics.ToList().IndexOf(result.ServerVerdict))
                .Append(" | ").Append(Field(result.ServerMessage)).Append(result.ErrorCount).Append(' ').Append(result.WarningCount).Append('\n');
            foreach (var d in result.Diagnostics)
            {
                // Every finding is of a rule of the registry, with a severity the registry lists for it.
                var rule = Rules.Find(d.RuleName);
                if (rule == null || !rule.Severities.Contains(d.Severity)) Unregistered.Add($"{d.RuleName} {d.Severity}");
                text.Append(Field(d.RuleName)).Append(d.Severity).Append('|').Append(Field(d.NodeId)).Append(Field(d.Path))
                    .Append(d.Line).Append(':').Append(d.Column).Append('|').Append(Field(d.Message)).Append(Field(d.Hint))
                    .Append(Field(d.ServerMessage)).Append(d.ServerCode?.ToString() ?? "-").Append('|').Append(d.ServerStatus?.ToString() ?? "-")
                    .Append('|').Append(d.FoundAfterRepair).Append('|').Append(d.Omitted).Append('|').Append(Field(d.ToString())).Append('\n');
            }
        }

        private static string Field(string value) => value == null ? "<null>|" : value.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\n", "\\n") + "|";

        private static string Digest(string text)
        {
            // The UTF-16 code units as they are: an encoder would turn lone surrogates into U+FFFD and hide a difference.
            return Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan())), 0, 12).ToLowerInvariant();
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "build.ps1")) && Directory.Exists(Path.Combine(dir.FullName, "tests", "data"))) return dir.FullName;
            throw new InvalidOperationException("No repository root above " + AppContext.BaseDirectory);
        }
    }
}
