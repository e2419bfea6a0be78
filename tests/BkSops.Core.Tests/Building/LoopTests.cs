using System.Collections.Generic;
using System.Linq;
using BkSops.Building;
using BkSops.Core.Tests.Properties;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Building
{
    /// <summary>
    /// Loops back (New-BkSopsBranch -GoTo): which shapes the server accepts was found by running bamboo's validators
    /// (gateway matching, stream check) on every shape below and on 850 random structures; the builder builds exactly
    /// those and names the gateway and the step of a refused one.
    /// </summary>
    public sealed class LoopTests
    {
        private static StepDefinition S(string name) => new StepDefinition { Name = name, Code = "sleep_timer" };
        private static BranchBlock B(string condition, params BuildBlock[] items) => new BranchBlock { Condition = condition, Body = new SequenceBlock(items) };
        private static BranchBlock Back(string to) => new BranchBlock { Condition = "${retry} == 1", GoTo = to };

        private static GatewayBlock G(GatewayKind kind, params BranchBlock[] branches)
        {
            var gateway = new GatewayBlock(kind);
            foreach (var branch in branches)
            {
                if (kind == GatewayKind.Parallel) branch.Condition = null;
                gateway.Branches.Add(branch);
            }
            return gateway;
        }

        /// <summary>An exclusive gateway that loops back to <paramref name="to"/> or goes on with <paramref name="after"/>.</summary>
        private static GatewayBlock Loop(string to, params BuildBlock[] after) =>
            G(GatewayKind.Exclusive, Back(to), new BranchBlock { IsDefault = true, Body = new SequenceBlock(after) });

        private static BuildResult Build(params BuildBlock[] items) => new PipelineBuilder().Build(items.ToList(), new PipelineBuildOptions { Seed = 7 });

        public static IEnumerable<object[]> AcceptedShapes()
        {
            foreach (var kind in new[] { GatewayKind.Exclusive, GatewayKind.Parallel, GatewayKind.ConditionalParallel })
            {
                yield return new object[] { $"main sequence, back over a {kind} block", new BuildBlock[] { S("a"), G(kind, B("1 == 1", S("b")), B("2 == 2", S("c"))), S("d"), Loop("a") } };
                yield return new object[] { $"main sequence, back to the step after a {kind} block", new BuildBlock[] { S("a"), G(kind, B("1 == 1", S("b")), B("2 == 2", S("c"))), S("d"), Loop("d") } };
                yield return new object[] { $"inside a {kind} branch, back to a step of that branch", new BuildBlock[] { S("a"), G(kind, B("1 == 1", S("b"), S("b2"), Loop("b")), B("2 == 2", S("c"))), S("d") } };
                yield return new object[] { $"inside a {kind} branch, back over a nested parallel block", new BuildBlock[] { S("a"), G(kind, B("1 == 1", S("b"), G(GatewayKind.Parallel, B(null, S("x")), B(null, S("y"))), S("z"), Loop("b")), B("2 == 2", S("c"))) } };
            }
            yield return new object[] { "main sequence, back into a branch of an earlier exclusive block", new BuildBlock[] { S("a"), G(GatewayKind.Exclusive, B("1 == 1", S("b")), B("2 == 2", S("c"))), S("d"), Loop("b") } };
            yield return new object[] { "inside an exclusive branch, back to the step before that gateway", new BuildBlock[] { S("a"), G(GatewayKind.Exclusive, B("1 == 1", Loop("a", S("b"))), B("2 == 2", S("c"))), S("d") } };
            yield return new object[] { "two exclusive blocks deep, back to the first step", new BuildBlock[] { S("a"), G(GatewayKind.Exclusive, B("1 == 1", G(GatewayKind.Exclusive, B("1 == 1", S("x"), Loop("a")), B("2 == 2", S("y")))), B("2 == 2", S("c"))) } };
            yield return new object[] { "nested loops", new BuildBlock[] { S("a"), S("b"), Loop("b"), Loop("a") } };
            yield return new object[] { "overlapping loops", new BuildBlock[] { S("a"), S("b"), Loop("a"), S("c"), Loop("b") } };
            yield return new object[] { "one gateway, two loops", new BuildBlock[] { S("a"), S("b"), G(GatewayKind.Exclusive, Back("a"), new BranchBlock { Condition = "${retry} == 2", GoTo = "b" }, new BranchBlock { IsDefault = true }) } };
            yield return new object[] { "to a step of another branch of the same gateway", new BuildBlock[] { S("a"), G(GatewayKind.Exclusive, B("1 == 1", S("b")), Back("b"), new BranchBlock { IsDefault = true }) } };
            var sub = new StepDefinition { Name = "sub", Kind = StepKind.SubProcess, TemplateId = 3 };
            yield return new object[] { "back over a sub-process", new BuildBlock[] { S("a"), sub, Loop("a") } };
        }

        [Theory]
        [MemberData(nameof(AcceptedShapes))]
        public void LoopsTheServerAcceptsAreBuilt(string shape, BuildBlock[] items)
        {
            var result = Build(items);
            Assert.True(result.Succeeded, shape + ": " + string.Join("; ", result.Problems));
            BuiltTreesAreAcceptedTests.AssertServerSafe(result, shape);
        }

        public static IEnumerable<object[]> RefusedShapes()
        {
            foreach (var kind in new[] { GatewayKind.Parallel, GatewayKind.ConditionalParallel })
            {
                yield return new object[] { $"into a branch of an earlier {kind} block", "lies inside branch 1 of the " + kind, new BuildBlock[] { S("a"), G(kind, B("1 == 1", S("b")), B("2 == 2", S("c"))), S("d"), Loop("b") } };
                yield return new object[] { $"out of a {kind} branch", "lies outside branch 1 of the " + kind, new BuildBlock[] { S("a"), G(kind, B("1 == 1", S("b"), Loop("a")), B("2 == 2", S("c"))), S("d") } };
                yield return new object[] { $"out of a {kind} branch, two blocks deep", "lies outside branch 1 of the " + kind, new BuildBlock[] { S("a"), G(GatewayKind.Exclusive, B("1 == 1", S("w"), G(kind, B("1 == 1", S("x"), Loop("w")), B("2 == 2", S("y")))), B("2 == 2", S("c"))) } };
            }
            yield return new object[] { "into a sibling branch", "lies in branch 1 of the Exclusive gateway 'outer' while the gateway lies in its branch 2", new BuildBlock[] { S("a"), Named(G(GatewayKind.Exclusive, B("1 == 1", S("c")), B("2 == 2", S("b"), Loop("c"))), "outer"), S("d") } };
            var sub = new StepDefinition { Name = "sub", Kind = StepKind.SubProcess, TemplateId = 3 };
            yield return new object[] { "to a sub-process", "'sub', a sub-process. The server refuses this loop", new BuildBlock[] { sub, Loop("sub") } };
            yield return new object[] { "forward", "comes after the gateway", new BuildBlock[] { Loop("x"), S("x") } };
            yield return new object[] { "to no step", "no step has that name", new BuildBlock[] { S("a"), Loop("nowhere") } };
        }

        private static GatewayBlock Named(GatewayBlock gateway, string name)
        {
            gateway.Name = name;
            return gateway;
        }

        [Theory]
        [MemberData(nameof(RefusedShapes))]
        public void LoopsTheServerRefusesAreProblemsNamingTheGatewayAndTheStep(string shape, string expected, BuildBlock[] items)
        {
            var result = Build(items);
            Assert.False(result.Succeeded, shape);
            var problem = Assert.Single(result.Problems);
            Assert.Equal("InvalidLoop", problem.Reason);
            Assert.Contains(expected, problem.Message);
            // and the validator agrees: the same blocks written with every loop are refused
            var unchecked_ = new PipelineBuilder().Build(items.ToList(), new PipelineBuildOptions { Seed = 7, WriteEveryLoop = true });
            if (unchecked_.Succeeded)
                Assert.Contains(new PipelineValidator().Validate(unchecked_.Tree).Diagnostics, d => d.Severity == Severity.Error);
        }

        [Fact]
        public void ALoopIsWrittenAsAConditionalFlowBackToItsStep()
        {
            var result = Build(S("fetch"), Loop("fetch", S("done")));
            Assert.True(result.Succeeded, string.Join("; ", result.Problems));
            var gateway = result.Tree.Gateways.First(g => g.Type == "ExclusiveGateway");
            var back = result.Tree.Flows.Single(f => f.Source == gateway.Key && f.Target == result.Tree.FindNode("fetch").Key);
            Assert.Equal("${retry} == 1", gateway.Conditions[back.Key]);
        }
    }
}
