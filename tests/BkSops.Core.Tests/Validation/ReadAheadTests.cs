using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Model;
using BkSops.Serialization;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>Reads computed ahead on a second core (<see cref="ReadAhead"/>) must leave every verdict exactly as it was.</summary>
    public class ReadAheadTests
    {
        private static readonly ValidationOptions Always = new ValidationOptions { ReadAheadFrom = 0 };
        private static readonly ValidationOptions Never = new ValidationOptions { ReadAheadFrom = int.MaxValue };

        [Fact]
        public void EveryTreeGetsTheSameDiagnosticsWithAndWithoutReadingAhead()
        {
            for (int seed = 1; seed <= 300; seed++)
            {
                var random = new Random(seed);
                var options = new RandomTreeOptions { MaxActivities = 3 + random.Next(40), MaxNesting = 1 + random.Next(4) };
                var root = RandomTreeGenerator.GenerateJson(seed, options);
                if (seed % 3 != 0) TreeMutator.Mutate(random, root, 1 + random.Next(3));
                // Half of them from text, so that lines and columns are compared too (unindented: some mutations nest thousands deep).
                var tree = seed % 2 == 0 ? PipelineReader.Parse(JsonWriter.Write(root, false), "t.json") : new PipelineTree(root, "t");
                AssertSameWithAndWithout(tree, "seed " + seed);
            }
        }

        [Fact]
        public void LargeShapesGetTheSameDiagnosticsWithAndWithoutReadingAhead()
        {
            var deep = new ValidationOptions { MaxDepth = 20 };
            foreach (var tree in new[] { ShapeGenerators.Chain(1200), ShapeGenerators.ParallelBlocks(800), ShapeGenerators.NestedExclusive(60) })
            {
                AssertSameWithAndWithout(tree, tree.Source);
                AssertSameWithAndWithout(tree, tree.Source + " (too deep)", deep);
            }
        }

        [Fact]
        public void ATreeTheStagesChangeIsReadAgainNotTakenFromTheHelper()
        {
            var tree = ShapeGenerators.Chain(1200);
            var first = (JsonObject)((JsonObject)tree.Root["activities"]).Properties[0].Value;
            first.Set("name", new JsonString("<b>first</b>"));
            // The name stage strips the brackets in a copy; the helper's reads of the tree as given must not be used.
            var result = AssertSameWithAndWithout(tree, "changed name");
            Assert.Contains(result.Diagnostics, d => d.RuleName == "NameWillBeStripped");
            Assert.Equal("<b>first</b>", ((JsonString)first["name"]).Value);
        }

        [Fact]
        public void ValidatingOneTreeOnManyThreadsAtOnceGivesOneAnswer()
        {
            var tree = PipelineReader.Parse(ShapeGenerators.ParallelBlocks(600).ToJson(true), "p.json");
            string expected = Text(new PipelineValidator().Validate(tree, Never));
            var answers = new string[8];
            Parallel.For(0, answers.Length, i => answers[i] = Text(new PipelineValidator().Validate(tree, Always)));
            Assert.All(answers, a => Assert.Equal(expected, a));
        }

        [Fact]
        public void AReadNotStartedAheadIsReadWhenTaken()
        {
            var started = new TreeRead<int>(root => root.Count);
            var other = new TreeRead<int>(root => root.Count + 1);
            var ahead = ReadAhead.Start(OneMember(), new TreeRead[] { started });
            Assert.Equal(2, ahead.Take(other));
            Assert.Equal(1, ahead.Take(started));
            ahead.Finish();
        }

        [Fact]
        public void AReadThatThrowsThrowsWhereItIsTaken()
        {
            var failing = new TreeRead<int>(_ => throw new InvalidOperationException("broken read"));
            var counting = new TreeRead<int>(root => root.Count);
            var ahead = ReadAhead.Start(OneMember(), new TreeRead[] { failing, counting });
            var e = Assert.Throws<InvalidOperationException>(() => ahead.Take(failing));
            Assert.Equal("broken read", e.Message);
            Assert.Equal(1, ahead.Take(counting));
            ahead.Finish();
        }

        [Fact]
        public void EachReadIsComputedOnceAndAReadCancelledBeforeItStartedIsComputedWhenTaken()
        {
            int calls = 0;
            var gate = new ManualResetEventSlim(false);
            var slow = new TreeRead<int>(_ => { gate.Wait(TimeSpan.FromSeconds(10)); Interlocked.Increment(ref calls); return 1; });
            var later = new TreeRead<int>(_ => { Interlocked.Increment(ref calls); return 2; });
            var ahead = ReadAhead.Start(OneMember(), new TreeRead[] { slow, later });
            gate.Set();
            Assert.Equal(1, ahead.Take(slow));
            Assert.Equal(2, ahead.Take(later));
            Assert.Equal(2, ahead.Take(later));
            ahead.Finish();
            Assert.Equal(2, calls);

            calls = 0;
            var blocked = new ManualResetEventSlim(false);
            var first = new TreeRead<int>(_ => { blocked.Wait(TimeSpan.FromSeconds(10)); return 0; });
            var second = new TreeRead<int>(root => { Interlocked.Increment(ref calls); return root.Count + 40; });
            var cancelled = ReadAhead.Start(OneMember(), new TreeRead[] { first, second });
            cancelled.Cancel();
            blocked.Set();
            cancelled.Finish();
            Assert.Equal(0, calls);
            Assert.Equal(41, cancelled.Take(second));
            Assert.Equal(1, calls);
        }

        [Fact]
        public void TheHelperWorksInTheCallersCulture()
        {
            var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
                var cultures = new TreeRead<string>(_ => CultureInfo.CurrentCulture.Name + "/" + CultureInfo.CurrentUICulture.Name);
                var ahead = ReadAhead.Start(OneMember(), new TreeRead[] { cultures });
                Thread.Sleep(200); // time for the helper to compute it rather than Take
                Assert.Equal("de-DE/de-DE", ahead.Take(cultures));
                ahead.Finish();
            }
            finally
            {
                CultureInfo.CurrentCulture = saved.Item1;
                CultureInfo.CurrentUICulture = saved.Item2;
            }
        }

        private static ValidationResult AssertSameWithAndWithout(PipelineTree tree, string what, ValidationOptions limits = null)
        {
            string before = tree.ToJson(false);
            var without = new PipelineValidator().Validate(tree, With(limits, int.MaxValue));
            var with = new PipelineValidator().Validate(tree, With(limits, 0));
            Assert.True(Text(without) == Text(with), what + "\nwithout: " + Text(without) + "\nwith: " + Text(with));
            Assert.Equal(before, tree.ToJson(false));
            return with;
        }

        private static ValidationOptions With(ValidationOptions limits, int readAheadFrom) =>
            new ValidationOptions { MaxDepth = limits?.MaxDepth ?? new ValidationOptions().MaxDepth, ReadAheadFrom = readAheadFrom };

        private static string Text(ValidationResult result) => string.Join("\n", result.Diagnostics.Select(DiagnosticText.Of));

        private static JsonObject OneMember()
        {
            var root = new JsonObject();
            root.Set("only", new JsonString("member"));
            return root;
        }
    }
}
