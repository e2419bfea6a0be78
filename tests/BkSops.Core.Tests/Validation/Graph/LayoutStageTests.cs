using System.Linq;
using BkSops.Json;
using BkSops.Validation;
using BkSops.Validation.Graph;
using Xunit;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>
    /// draw_pipeline's implicit requirements (spec 2.3): each test is the smallest tree that breaks one of them and
    /// the exact Python text the server answers (checked against the server's code).
    /// </summary>
    public class LayoutStageTests
    {
        private static JsonObject Linear() => new MiniTree().Chain("s", "a1", "e").Build();

        /// <summary>s -> a1 -> x1 -> (a2 | a3) -> c1 -> e: a1 is the activity before a branch gateway.</summary>
        private static JsonObject WithExclusive()
        {
            var t = new MiniTree().Chain("s", "a1", "x1");
            t.Branch("x1", "a2", "a3");
            t.Flow("a2", "c1");
            t.Flow("a3", "c1");
            t.Flow("c1", "e");
            return t.Build();
        }

        [Fact]
        public void LinearTreeIsAccepted() => GraphCheck.Accepts(Linear());

        [Theory]
        [InlineData("end_event")]
        [InlineData("flows")]
        [InlineData("activities")]
        [InlineData("start_event")]
        public void MissingTopLevelKey(string key)
        {
            var tree = Linear();
            tree.Remove(key);
            GraphCheck.Rejects(tree, "'" + key + "'", "MissingField");
        }

        [Fact]
        public void ActivitiesAsAString() =>
            GraphCheck.Rejects(Linear().SetJson("activities", "\"abc\""), "dictionary update sequence element #0 has length 1; 2 is required", "WrongType");

        [Fact]
        public void ActivitiesAsANumber() => GraphCheck.Rejects(Linear().SetJson("activities", "5"), "'int' object is not iterable", "WrongType");

        [Fact]
        public void StartEventAsAString() =>
            GraphCheck.Rejects(Linear().SetJson("start_event", "\"s\""), "string indices must be integers, not 'str'", "WrongType");

        [Fact]
        public void FlowsAsAList() => GraphCheck.Rejects(Linear().SetJson("flows", "[]"), "'list' object has no attribute 'items'", "WrongType");

        [Fact]
        public void ActivityAsAString()
        {
            var tree = Linear();
            ((JsonObject)tree["activities"]).SetJson("a1", "\"a1\"");
            GraphCheck.Rejects(tree, "string indices must be integers, not 'str'", "WrongType");
        }

        [Fact]
        public void StartEventWithoutIncomingKey()
        {
            var tree = Linear();
            tree.NodeOf("s").Remove("incoming");
            GraphCheck.Rejects(tree, "'incoming'", "MissingField");
        }

        [Fact]
        public void EndEventWithoutOutgoingKey()
        {
            var tree = Linear();
            tree.NodeOf("e").Remove("outgoing");
            GraphCheck.Rejects(tree, "'outgoing'", "MissingField");
        }

        [Fact]
        public void ActivityWithoutId()
        {
            var tree = Linear();
            tree.NodeOf("a1").Remove("id");
            GraphCheck.Rejects(tree, "'id'", "MissingField");
        }

        [Fact]
        public void IncomingAsANumberIsLookedUpAsAFlowId()
        {
            var tree = Linear();
            tree.NodeOf("a1").SetJson("incoming", "5");
            GraphCheck.Rejects(tree, "5", "WrongType");
        }

        [Fact]
        public void IncomingAsAnObjectIsUnhashable()
        {
            var tree = Linear();
            tree.NodeOf("a1").SetJson("incoming", "{\"f1\": 1}");
            GraphCheck.Rejects(tree, "unhashable type: 'dict'", "WrongType");
        }

        [Fact]
        public void ActivityIncomingStringBeforeABranchGateway()
        {
            var tree = WithExclusive();
            tree.NodeOf("a1").SetJson("incoming", "\"f1\"");
            var d = GraphCheck.Rejects(tree, "'f'", "IncomingNotList");
            Assert.Equal("a1", d.NodeId);
            Assert.Equal("$.activities['a1'].incoming", d.Path);
        }

        [Fact]
        public void GatewayIncomingString()
        {
            var tree = WithExclusive();
            tree.NodeOf("x1").SetJson("incoming", "\"f2\"");
            var d = GraphCheck.Rejects(tree, "'f'", "IncomingNotList");
            Assert.Equal("x1", d.NodeId);
        }

        [Fact]
        public void IncomingStringIsIteratedCharacterByCharacter()
        {
            // a1's incoming "lx" is a real flow; so is "l" (x1 -> a2): the layout follows 'l', then fails on 'x'.
            var t = new MiniTree();
            t.Flow("s", "a1", "lx");
            t.Flow("a1", "x1", "g1");
            t.Flow("x1", "a2", "l");
            t.Flow("x1", "a3", "g2");
            t.Flow("a2", "c1", "g3");
            t.Flow("a3", "c1", "g4");
            t.Flow("c1", "e", "g5");
            var tree = t.Build();
            tree.NodeOf("a1").SetJson("incoming", "\"lx\"");
            GraphCheck.Rejects(tree, "'x'");
        }

        [Fact]
        public void ActivityIncomingStringElsewhereIsAcceptedWithAWarning()
        {
            var tree = Linear();
            tree.NodeOf("a1").SetJson("incoming", "\"f1\"");
            var result = GraphCheck.Accepts(tree);
            Assert.Contains(result.Diagnostics, d => d.RuleName == "IncomingNotList" && d.Severity == Severity.Warning && d.NodeId == "a1");
        }

        [Fact]
        public void DanglingFlowTarget()
        {
            var tree = Linear();
            tree.FlowOf("f2").SetJson("target", "\"nodeX\"");
            var d = GraphCheck.Rejects(tree, "'nodeX'", "DanglingReference");
            Assert.Equal("$.flows['f2'].target", d.Path);
        }

        [Fact]
        public void DanglingFlowSource()
        {
            var tree = Linear();
            tree.FlowOf("f2").SetJson("source", "\"nodeX\"");
            GraphCheck.Rejects(tree, "'nodeX'", "DanglingReference");
        }

        [Fact]
        public void DanglingOutgoingReference()
        {
            var tree = Linear();
            tree.NodeOf("a1").SetJson("outgoing", "\"fX\"");
            GraphCheck.Rejects(tree, "'fX'", "DanglingReference");
        }

        [Fact]
        public void DanglingIncomingReference()
        {
            var tree = Linear();
            tree.NodeOf("a1").SetJson("incoming", "[\"fX\"]");
            GraphCheck.Rejects(tree, "'fX'", "DanglingReference");
        }

        [Fact]
        public void OrphanFlowSpanningMoreThanOneRank()
        {
            var tree = new MiniTree().Chain("s", "a1", "a2", "a3", "e").Build();
            var orphan = new JsonObject().SetJson("id", "\"f9\"").SetJson("is_default", "false").SetJson("source", "\"a1\"").SetJson("target", "\"a3\"");
            ((JsonObject)tree["flows"]).Set("f9", orphan);
            GraphCheck.Rejects(tree, "'f9' is not in list", "OrphanFlow");
        }

        [Fact]
        public void OrphanFlowBetweenNeighboursIsAcceptedWithAWarning()
        {
            var tree = new MiniTree().Chain("s", "a1", "a2", "e").Build();
            var orphan = new JsonObject().SetJson("id", "\"f9\"").SetJson("is_default", "false").SetJson("source", "\"a1\"").SetJson("target", "\"a2\"");
            ((JsonObject)tree["flows"]).Set("f9", orphan);
            var result = GraphCheck.Accepts(tree);
            Assert.Contains(result.Diagnostics, d => d.RuleName == "UnreachableFlow" && d.NodeId == "f9");
        }

        [Fact]
        public void IsolatedActivity()
        {
            var tree = Linear();
            tree.At("activities").SetJson("a9", "{\"id\": \"a9\", \"name\": \"n\", \"type\": \"ServiceActivity\", \"incoming\": [], \"outgoing\": \"\"}");
            var d = GraphCheck.Rejects(tree, "'NoneType' object is not subscriptable", "IsolatedNode");
            Assert.Equal("a9", d.NodeId);
        }

        [Fact]
        public void UnreachableCycle()
        {
            var tree = Linear();
            var extra = new MiniTree().Chain("a8", "c8", "a8").Build();
            foreach (var p in ((JsonObject)extra["activities"]).Properties) tree.At("activities").Set(p.Name, p.Value.Clone());
            foreach (var p in ((JsonObject)extra["gateways"]).Properties) tree.At("gateways").Set(p.Name, p.Value.Clone());
            foreach (var p in ((JsonObject)extra["flows"]).Properties) tree.At("flows").Set("z" + p.Name, p.Value.Clone());
            // rename the cycle's flows so they do not clash with f1/f2 of the main line
            tree.NodeOf("a8").SetJson("incoming", "[\"zf2\"]").SetJson("outgoing", "\"zf1\"");
            tree.NodeOf("c8").SetJson("incoming", "[\"zf1\"]").SetJson("outgoing", "\"zf2\"");
            GraphCheck.Rejects(tree, "'NoneType' object is not subscriptable", "IsolatedNode");
        }

        [Fact]
        public void UnknownActivityType()
        {
            var tree = Linear();
            tree.NodeOf("a1").SetJson("type", "\"FooActivity\"");
            GraphCheck.Rejects(tree, "'FooActivity'", "UnknownNodeType");
        }

        [Fact]
        public void StartEventWithIncoming()
        {
            var tree = Linear();
            tree.NodeOf("s").SetJson("incoming", "\"f2\"");
            GraphCheck.Rejects(tree, "maximum recursion depth exceeded", "StartEventHasIncoming");
        }

        [Fact]
        public void ActivityAndGatewaySharingAnId()
        {
            var tree = WithExclusive();
            var gateways = tree.At("gateways");
            gateways.Set("a2", gateways["c1"].Clone());
            // The gateway copy lists c1's flows, so the incoming lists of a3, "a2" and the flows go round in a circle.
            GraphCheck.Rejects(tree, "maximum recursion depth exceeded", "DuplicateNodeId");
        }

        [Fact]
        public void SelfLoopOnAGatewayStartingALayoutRowDividesByZero()
        {
            // Six activities fill the first layout row; the exclusive gateway starts the next one, level with its own loop.
            var t = new MiniTree().Chain("s", "a1", "a2", "a3", "a4", "a5", "a6", "x1");
            t.Flow("x1", "x1");
            t.Flow("x1", "e");
            GraphCheck.Rejects(t.Build(), "float division by zero", "LayoutDivisionByZero");
        }

        [Fact]
        public void SelfLoopElsewhereIsAccepted()
        {
            var t = new MiniTree().Chain("s", "a1", "a2", "x1");
            t.Flow("x1", "x1");
            t.Flow("x1", "e");
            GraphCheck.Accepts(t.Build());
        }

        [Fact]
        public void OrphanFlowAsTheOnlyLinkMakesTheLayoutLoopForever()
        {
            var tree = Linear();
            tree.At("activities").SetJson("a9", "{\"id\": \"a9\", \"name\": \"n\", \"type\": \"ServiceActivity\", \"incoming\": [], \"outgoing\": \"\"}");
            tree.At("flows").SetJson("f9", "{\"id\": \"f9\", \"source\": \"a1\", \"target\": \"a9\"}");
            var result = GraphCheck.Validate(tree);
            Assert.False(result.IsValid);
            Assert.Equal("LayoutNeverEnds", result.ServerVerdict.RuleName);
            Assert.Equal(504, result.ServerVerdict.ServerStatus);
            Assert.Null(result.ServerVerdict.ServerMessage);
        }

        [Fact]
        public void FurtherIndependentProblemsAreReportedToo()
        {
            var tree = new MiniTree().Chain("s", "a1", "a2", "e").Build();
            tree.FlowOf("f2").SetJson("target", "\"nodeX\"");
            tree.FlowOf("f3").SetJson("target", "\"nodeY\"");
            tree.NodeOf("a2").SetJson("type", "\"FooActivity\"");
            var result = GraphCheck.Validate(tree);
            Assert.Equal(ServerAnswer.InvalidTreePrefix + "'nodeX'", result.ServerVerdict.ServerMessage);
            var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            Assert.Contains(errors, d => d.ServerMessage == ServerAnswer.InvalidTreePrefix + "'nodeY'");
            Assert.Contains(errors, d => d.RuleName == "UnknownNodeType");
        }

        [Fact]
        public void LayoutMovesLongFlowsToTheEndOfTheListsLikeTheServer()
        {
            // The short branch's flow a2 -> c1 spans two ranks: the layout replaces it by dummies and re-adds it last.
            var t = new MiniTree().Chain("s", "x1");
            t.Flow("x1", "a1");
            t.Flow("x1", "a2");
            t.Flow("a1", "a3");
            t.Flow("a2", "c1");
            t.Flow("a3", "c1");
            t.Flow("c1", "e");
            var tree = t.Build();
            var context = new ValidationContext(new BkSops.Model.PipelineTree(tree), null);
            new LayoutStage().Run(context);
            Assert.False(context.HasError);
            var converge = context.Work.ForReading.NodeOf("c1");
            Assert.Equal("[\"f6\",\"f5\"]", JsonWriter.Write(converge["incoming"], false));
            var flows = ((JsonObject)context.Work["flows"]).Keys.ToList();
            Assert.Equal("f5", flows.Last());
            Assert.IsType<GraphIndex>(context.Graph.Index.Value);
        }

        [Theory]
        [InlineData("[{\"id\": \"s\", \"type\": \"startpoint\", \"x\": 0, \"y\": 0}, {\"id\": \"a1\", \"type\": \"foo\", \"x\": 0, \"y\": 0}]", "'foo'")]
        [InlineData("[{\"id\": \"a1\", \"x\": 0, \"y\": 0}]", "'type'")]
        [InlineData("[{\"x\": 0}]", "'id'")]
        [InlineData("{\"a\": 1}", "string indices must be integers, not 'str'")]
        [InlineData("null", "'NoneType' object is not iterable")]
        public void TheLayoutReadsTheTreesOwnLocations(string location, string python)
        {
            var tree = Linear().SetJson("location", location);
            GraphCheck.Rejects(tree, python, "LocationInvalid");
        }

        [Fact]
        public void CanvasLocationsAreAccepted()
        {
            var tree = Linear().SetJson("location", "[{\"id\": \"s\", \"type\": \"startpoint\", \"name\": \"\", \"status\": \"\", \"x\": 80, \"y\": 150.5}, {\"id\": \"a1\", \"type\": \"tasknode\", \"x\": 240, \"y\": 140}]");
            GraphCheck.Accepts(tree);
        }

        [Fact]
        public void ExclusiveBranchLoopingBackIsAccepted()
        {
            var t = new MiniTree().Chain("s", "a1", "c1", "a2", "x1");
            t.Flow("x1", "c1");
            t.Flow("x1", "e");
            GraphCheck.Accepts(t.Build());
        }
    }
}
