using System.Linq;
using BkSops.Json;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>bamboo's validate_graph_connection (spec 2.6), with its upstream quirks, after format_pipeline_tree_io_to_list.</summary>
    public class ConnectionStageTests
    {
        [Fact]
        public void StartEventStraightToTheEndEvent()
        {
            var d = GraphCheck.Rejects(new MiniTree().Chain("s", "e").Build(), "{'s': '不能连接EmptyStartEvent类型节点\\n'}", "ConnectionNotAllowed");
            Assert.Equal("s", d.NodeId);
        }

        [Fact]
        public void DegreeMessagesRepeatOncePerTarget()
        {
            var t = new MiniTree().Chain("s", "a1");
            t.Flow("a1", "a2");
            t.Flow("a1", "a3");
            t.Flow("a2", "c1");
            t.Flow("a3", "c1");
            t.Flow("c1", "e");
            GraphCheck.Rejects(t.Build(), "{'a1': '节点的出度最大为1，最小为1\\n节点的出度最大为1，最小为1\\n'}", "OutDegree");
        }

        [Fact]
        public void AFlowIntoTheStartEventEndsUpInItsIncoming()
        {
            // x1 -> s closes a cycle: the layout reverses the flow and, undoing that, appends it to the start
            // event's incoming, so the start event (checked first) has an incoming flow.
            var t = new MiniTree().Chain("s", "a1", "x1");
            t.Flow("x1", "a2");
            t.Flow("x1", "s");
            t.Flow("a2", "e");
            var tree = t.Build();
            tree.NodeOf("s").SetJson("incoming", "\"\"");
            var d = GraphCheck.Rejects(tree, "{'s': '节点的入度最大为0，最小为0\\n'}", "InDegree");
            Assert.Equal("$.start_event.incoming", d.Path);
        }

        [Fact]
        public void ANodeWithoutTargetsIsNeverDegreeChecked()
        {
            // a2 is a dead end: the connection check skips it (no targets); the gateway check then looks up flow "".
            var t = new MiniTree().Chain("s", "a1", "x1");
            t.Branch("x1", "a2", "a3");
            t.Flow("a3", "c1");
            t.Flow("c1", "e");
            GraphCheck.Rejects(t.Build(), "''");
        }

        [Fact]
        public void IncomingBecomesAListInTheWorkingCopy()
        {
            var tree = new MiniTree().Chain("s", "a1", "e").Build();
            tree.NodeOf("a1").SetJson("incoming", "\"f1\"");
            tree.NodeOf("e").SetJson("incoming", "\"f2\"");
            var context = new ValidationContext(new BkSops.Model.PipelineTree(tree), null);
            foreach (var stage in GraphCheck.Stages()) stage.Run(context);
            Assert.False(context.HasError);
            Assert.Equal("[\"f1\"]", JsonWriter.Write(context.Work.ForReading.NodeOf("a1")["incoming"], false));
            Assert.Equal("[\"f2\"]", JsonWriter.Write(context.Work.ForReading.NodeOf("e")["incoming"], false));
            Assert.Equal("\"f1\"", JsonWriter.Write(context.Work.ForReading.NodeOf("s")["outgoing"], false));
        }

        [Fact]
        public void EveryNodeWithABadConnectionIsReported()
        {
            var t = new MiniTree().Chain("s", "a1");
            t.Flow("a1", "a2");
            t.Flow("a1", "a3");
            t.Flow("a2", "c1");
            t.Flow("a3", "c1");
            t.Flow("c1", "a4");
            t.Flow("c1", "a5");
            t.Flow("a4", "c2");
            t.Flow("a5", "c2");
            t.Flow("c2", "e");
            var result = GraphCheck.Validate(t.Build());
            var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            Assert.Equal("a1", errors[0].NodeId);
            Assert.Contains(errors, d => d.NodeId == "c1" && d.RuleName == "OutDegree" &&
                d.ServerMessage == ServerAnswer.InvalidTreePrefix + "{'c1': '节点的出度最大为1，最小为1\\n节点的出度最大为1，最小为1\\n'}");
        }

        [Fact]
        public void DeeplyNestedDataExhaustsTheDeepCopy()
        {
            var tree = new MiniTree().Chain("s", "a1", "e").Build();
            JsonNode value = new JsonString("x");
            for (int i = 0; i < 600; i++)
            {
                var o = new JsonObject();
                o.Set("a", value);
                value = o;
            }
            ((JsonObject)((JsonObject)tree.NodeOf("a1")["component"])["data"]).Set("deep", new JsonObject().SetJson("hook", "false"));
            ((JsonObject)((JsonObject)((JsonObject)tree.NodeOf("a1")["component"])["data"])["deep"]).Set("value", value);
            GraphCheck.Rejects(tree, "maximum recursion depth exceeded while calling a Python object", "DataTooDeep");
        }
    }
}
