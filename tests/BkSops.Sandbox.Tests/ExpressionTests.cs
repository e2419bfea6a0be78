using System.Linq;
using BkSops.Json;
using Xunit;
using static BkSops.Sandbox.Tests.Harness;

namespace BkSops.Sandbox.Tests
{
    /// <summary>Python expressions in ${…} (spec 2.13): evaluated with the task's variables in conditions, inputs and constants.</summary>
    public class ExpressionTests
    {
        private static TestTree Switch(string first, string second) =>
            new TestTree().Constant("${count}", JsonNode.From("4")).Constant("${env}", JsonNode.From("prod"))
                .Exclusive("ngw", "ncv").Activity("nfirst").Activity("nsecond").Converge("ncv")
                .Chain(TestTree.Start, "ngw").Chain("nfirst", "ncv", TestTree.End).Chain("nsecond", "ncv")
                .With(t => t.Flow("ngw", "nfirst", first)).With(t => t.Flow("ngw", "nsecond", second));

        [Theory]
        [InlineData("${int(count) + 1} == 5", "${int(count) + 1} == 6")]
        [InlineData("\"${env.upper()}\" == \"PROD\"", "\"${env.upper()}\" == \"prod\"")]
        [InlineData("${len(env) * 2} > 7", "${len(env) * 2} < 7")]
        [InlineData("\"${env[:2]}\" == \"pr\"", "\"${env[2:]}\" == \"pr\"")]
        [InlineData("${env == 'prod' and int(count) > 3} == True", "${not (env == 'prod')} == True")]
        public void ConditionsEvaluatePythonExpressions(string taken, string notTaken)
        {
            var h = new Harness(Switch(taken, notTaken)).Started();
            Assert.Equal("FINISHED", h.TaskState);
            Assert.Equal("FINISHED", h.StateOf("nfirst"));
            Assert.Null(h.Entry("nsecond"));
        }

        [Fact]
        public void AnExpressionThatRaisesStaysLiteralTextAsTheEngineLeavesIt()
        {
            // int("prod") raises ValueError: the segment stays as written on both sides, so the texts are equal.
            var h = new Harness(Switch("\"${int(env) + 1}\" == \"${int(env) + 1}\"", "\"${int(env) + 1}\" == \"1\"")).Started();
            Assert.Equal("FINISHED", h.StateOf("nfirst"));
            Assert.Null(h.Entry("nsecond"));
        }

        [Fact]
        public void InputsAndConstantsRenderExpressions()
        {
            var t = new TestTree()
                .Constant("${count}", JsonNode.From("4"))
                .Constant("${double}", JsonNode.From("${int(count) * 2}"))
                .Constant("${hosts}", JsonReader.Parse("[\"a\", \"b\"]"))
                .Activity("nrun", inputs: new (string, JsonNode)[]
                {
                    ("sum", JsonNode.From("${int(count) + 1}")),
                    ("text", JsonNode.From("n=${double}, hosts=${','.join(hosts)}, first=${hosts[0].upper()}")),
                    ("left", JsonNode.From("${datetime.datetime.now()}")),
                    ("raw", JsonNode.From("${hosts}")),
                })
                .Chain(TestTree.Start, "nrun", TestTree.End);
            var h = new Harness(t).Started();
            var inputs = (JsonObject)((JsonObject)h.Run.GetNodeDetail("nrun").Data)["inputs"];
            // A whole-text expression renders to text (only a plain ${key} hands over the raw value).
            Assert.Equal("\"5\"", JsonWriter.Write(inputs["sum"], false));
            Assert.Equal("n=8, hosts=a,b, first=A", Str(inputs["text"]));
            Assert.Equal("${datetime.datetime.now()}", Str(inputs["left"]));
            Assert.Equal("[\"a\",\"b\"]", JsonWriter.Write(inputs["raw"], false));
        }

        [Fact]
        public void AHostileExpressionCostsLittleAndStaysLiteral()
        {
            var t = new TestTree().Constant("${s}", JsonNode.From("x"))
                .Activity("nrun", inputs: ("big", JsonNode.From("${s * 10 ** 12}"))).Chain(TestTree.Start, "nrun", TestTree.End);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var h = new Harness(t).Started();
            Assert.True(watch.ElapsedMilliseconds < 5000);
            Assert.Equal("FINISHED", h.TaskState);
            Assert.Equal("${s * 10 ** 12}", Str(((JsonObject)((JsonObject)h.Run.GetNodeDetail("nrun").Data)["inputs"])["big"]));
        }
    }
}
