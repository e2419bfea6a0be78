using System.Collections.Generic;
using System.IO;
using System.Linq;
using BkSops.Building;
using BkSops.Json;
using BkSops.Model;
using Xunit;

namespace BkSops.Core.Tests.Building
{
    public class PipelineBuilderTests
    {
        private static KeyValuePair<string, JsonNode> P(string name, string value) => new KeyValuePair<string, JsonNode>(name, new JsonString(value));

        private static StepDefinition Read(params KeyValuePair<string, JsonNode>[] properties)
        {
            var problems = new List<BuildProblem>();
            var step = new StepReader().Read(properties, "row 3", null, problems);
            Assert.Empty(problems);
            return step;
        }

        private static StepDefinition Step(string name, string code = "sleep_timer", params KeyValuePair<string, JsonNode>[] inputs)
        {
            var step = new StepDefinition { Name = name, Code = code, Origin = "step" };
            foreach (var i in inputs) step.Inputs.Add(i);
            return step;
        }

        private static BuildResult Build(PipelineBuildOptions options, params BuildBlock[] items) =>
            new PipelineBuilder().Build(items, options ?? new PipelineBuildOptions { Seed = 1 });

        [Fact]
        public void ABuiltTreeKeepsItsMembersAndItemsInExactlySizedStorageAsAReadTreeDoes()
        {
            var tree = Build(null, Step("A", "sleep_timer", P("bk_timing", "1")), Step("B"), Step("C")).Tree;
            Assert.NotNull(tree);
            var pending = new Stack<JsonNode>();
            pending.Push(tree.Root);
            int containers = 0;
            while (pending.Count > 0)
            {
                var node = pending.Pop();
                if (node is JsonObject o)
                {
                    Assert.True(o.StorageFits);
                    foreach (var p in o.Properties) pending.Push(p.Value);
                    containers++;
                }
                else if (node is JsonArray a)
                {
                    Assert.IsType<JsonNode[]>(a.Items);
                    foreach (var item in a.Items) pending.Push(item);
                    containers++;
                }
            }
            Assert.True(containers > 20);
        }

        [Fact]
        public void ReservedNamesAreCaseInsensitiveAndEveryOtherPropertyIsAnInput()
        {
            var data = new JsonObject();
            data.Set("extra", new JsonString("e"));
            var step = Read(P("name", "Wait"), P("CODE", "sleep_timer"), P("stage", "s1"), P("errorignorable", "yes"),
                P("Retryable", "0"), P("bk_timing", "5"), P("empty", ""), new KeyValuePair<string, JsonNode>("Data", data));
            Assert.Equal("Wait", step.Name);
            Assert.Equal("sleep_timer", step.Code);
            Assert.Equal("s1", step.Stage);
            Assert.True(step.ErrorIgnorable);
            Assert.False(step.Retryable);
            Assert.Null(step.Skippable);
            Assert.Equal(new[] { "bk_timing", "extra" }, step.Inputs.Select(i => i.Key));
        }

        [Fact]
        public void RenamedStagePropertyFreesStageToBeAnInput()
        {
            var problems = new List<BuildProblem>();
            var step = new StepReader("Phase", "Lane").Read(new[] { P("Name", "a"), P("Code", "c"), P("Phase", "p1"), P("Stage", "x"), P("Lane", "l") }, "step 1", null, problems);
            Assert.Equal("p1", step.Stage);
            Assert.Equal("l", step.ParallelGroup);
            Assert.Equal("Stage", Assert.Single(step.Inputs).Key);
        }

        [Fact]
        public void MissingNameAndCodeNameTheRow()
        {
            var problems = new List<BuildProblem>();
            Assert.Null(new StepReader().Read(new[] { P("bk_timing", "1") }, "row 4", "target", problems));
            Assert.Equal(new[] { "StepWithoutName", "StepWithoutCode" }, problems.Select(p => p.Reason));
            Assert.All(problems, p => Assert.StartsWith("Row 4 ", p.Message));
            Assert.All(problems, p => Assert.Equal("target", p.Target));
        }

        [Fact]
        public void AFlagThatIsNotABooleanIsAProblem()
        {
            var problems = new List<BuildProblem>();
            new StepReader().Read(new[] { P("Name", "a"), P("Code", "c"), P("Skippable", "maybe") }, "row 1", null, problems);
            Assert.Contains("Skippable", Assert.Single(problems).Message);
        }

        [Fact]
        public void DuplicateNamesAreProblemsEvenWhenTheyOnlyMatchAfterTheServerStandardisesThem()
        {
            var result = Build(null, Step("Deploy"), Step("Deploy&"));
            Assert.False(result.Succeeded);
            var problem = Assert.Single(result.Problems);
            Assert.Equal("DuplicateStepName", problem.Reason);
            Assert.Contains("'Deploy'", problem.Message);
        }

        [Fact]
        public void NamesTheServerChangesAreWarnedAboutAndStoredAsTheServerStoresThem()
        {
            string longName = new string('n', 60);
            var result = Build(null, Step("A <b>"), Step(longName));
            Assert.True(result.Succeeded);
            Assert.Equal(new[] { "A b", new string('n', 50) }, result.Tree.Activities.Select(a => a.Name));
            Assert.Equal(2, result.Warnings.Count);
            Assert.Contains("'A b'", result.Warnings[0]);
            Assert.Contains("50 characters", result.Warnings[1]);
            Assert.NotNull(result.Tree.FindNode("A b"));
            Assert.Null(result.Tree.FindNode("nothing"));
        }

        [Fact]
        public void ReferencedConstantsAreDeclaredWithEveryFieldInOrderOfFirstUse()
        {
            var options = new PipelineBuildOptions { Seed = 1 };
            options.Constants.Add(new KeyValuePair<string, JsonNode>("${host}", new JsonString("h")));
            options.Constants.Add(new KeyValuePair<string, JsonNode>("unused", JsonNode.From(3)));
            var result = Build(options,
                Step("a", "job", P("script", "echo ${port} ${host} ${_system.task_id} ${a + 1}")),
                Step("b", "job", P("target", "${host}")));
            Assert.True(result.Succeeded);
            var constants = result.Tree.Constants;
            Assert.Equal(new[] { "${port}", "${host}", "${unused}" }, constants.Select(c => c.Key));
            var port = (JsonObject)constants[0].Data;
            Assert.Equal("{\"key\":\"${port}\",\"name\":\"port\",\"index\":0,\"desc\":\"\",\"source_type\":\"custom\",\"custom_type\":\"input\",\"source_tag\":\"\",\"source_info\":{},\"value\":\"\",\"show_type\":\"show\",\"validation\":\"\"}",
                JsonWriter.Write(port, false));
            Assert.Equal("h", constants[1].Value);
            Assert.Equal("3", constants[2].Value);
            Assert.Contains(result.Warnings, w => w.Contains("${port}") && w.Contains("no value"));
            var input = (JsonObject)((JsonObject)((JsonObject)result.Tree.Activities[1].Data["component"])["data"])["target"];
            Assert.Equal("{\"hook\":false,\"value\":\"${host}\"}", JsonWriter.Write(input, false));
        }

        [Theory]
        [InlineData("my-var")]
        [InlineData("${has space}")]
        [InlineData("_env_x")]
        [InlineData("名字")]
        public void ConstantNamesTheServerRefusesAreProblems(string name)
        {
            var options = new PipelineBuildOptions();
            options.Constants.Add(new KeyValuePair<string, JsonNode>(name, new JsonString("v")));
            var result = Build(options, Step("a"));
            Assert.Equal("InvalidConstantName", Assert.Single(result.Problems).Reason);
        }

        [Fact]
        public void AnInputReferringToARefusedConstantNameIsAProblemNamingTheStep()
        {
            var result = Build(null, new StepDefinition { Name = "a", Code = "c", Origin = "row 2", Inputs = { P("x", "${my-var}") } });
            var problem = Assert.Single(result.Problems);
            Assert.Equal("InvalidConstantName", problem.Reason);
            Assert.StartsWith("Row 2 'a': input 'x'", problem.Message);
        }

        [Fact]
        public void ExposedInputsBecomeHookedComponentInputConstants()
        {
            var options = new PipelineBuildOptions { Seed = 1, ExposeInputs = new[] { "bk_timing" } };
            var result = Build(options, Step("a", "sleep_timer", P("bk_timing", "5")), Step("b", "sleep_timer", P("bk_timing", "9")));
            Assert.True(result.Succeeded);
            var constant = Assert.Single(result.Tree.Constants);
            Assert.Equal("${bk_timing}", constant.Key);
            Assert.Equal("component_inputs", constant.SourceType);
            Assert.Equal("5", constant.Value);
            Assert.Equal("sleep_timer.bk_timing", ((JsonString)constant.Data["source_tag"]).Value);
            Assert.Equal(result.Tree.Activities.Select(a => a.Key), ((JsonObject)constant.Data["source_info"]).Keys);
            foreach (var activity in result.Tree.Activities)
                Assert.Equal("{\"hook\":true,\"value\":\"${bk_timing}\"}", JsonWriter.Write(((JsonObject)((JsonObject)activity.Data["component"])["data"])["bk_timing"], false));
            Assert.True(new BkSops.Validation.PipelineValidator().Validate(result.Tree).IsValid);
        }

        [Fact]
        public void SeededIdsAreReproducibleAndRandomIdsAreNot()
        {
            string Json(int? seed) => Build(new PipelineBuildOptions { Seed = seed }, Step("a"), Step("b")).Tree.ToJson();
            Assert.Equal(Json(42), Json(42));
            Assert.NotEqual(Json(42), Json(43));
            Assert.NotEqual(Json(null), Json(null));
        }

        [Fact]
        public void ConsecutiveStepsOfAParallelGroupRunSideBySide()
        {
            var a = Step("a"); var b = Step("b"); var c = Step("c");
            b.ParallelGroup = "g"; c.ParallelGroup = "g";
            var tree = Build(null, a, b, c).Tree;
            Assert.Equal(new[] { "ParallelGateway", "ConvergeGateway" }, tree.Gateways.Select(g => g.Type));
            Assert.Equal(2, tree.Gateways[0].Outgoing.Count);
        }

        [Fact]
        public void ExclusiveBranchesNeedAConditionOrTheDefault()
        {
            var gateway = new GatewayBlock(GatewayKind.Exclusive);
            gateway.Branches.Add(new BranchBlock { Condition = "1 == 1", Body = new SequenceBlock(new[] { Step("a") }) });
            gateway.Branches.Add(new BranchBlock { Body = new SequenceBlock(new[] { Step("b") }) });
            var result = Build(null, gateway);
            var problem = Assert.Single(result.Problems);
            Assert.Equal("BranchWithoutCondition", problem.Reason);
            Assert.StartsWith("Branch 2 of the Exclusive gateway", problem.Message);
        }

        [Fact]
        public void ASmallTreeMatchesItsGoldenFile()
        {
            var a = Step("Fetch", "job_fast_execute_script", P("script", "echo ${host}"));
            a.Stage = "prepare";
            var gateway = new GatewayBlock(GatewayKind.Exclusive);
            gateway.Branches.Add(new BranchBlock { Condition = "\"${host}\" == \"prod\"", Body = new SequenceBlock(new[] { Step("Deploy prod") }) });
            gateway.Branches.Add(new BranchBlock { IsDefault = true, Body = new SequenceBlock(new[] { Step("Deploy test") }) });
            var options = new PipelineBuildOptions { Seed = 2026, Name = "golden" };
            options.Constants.Add(new KeyValuePair<string, JsonNode>("host", new JsonString("prod")));
            var tree = Build(options, a, gateway).Tree;
            AssertGolden("exclusive-golden.json", tree.ToJson());
        }

        /// <summary>Compares with Fixtures/Building/<paramref name="file"/>; BKSOPS_UPDATE_GOLDEN=1 rewrites the file in the source tree (review the diff).</summary>
        internal static void AssertGolden(string file, string actual, [System.Runtime.CompilerServices.CallerFilePath] string caller = "")
        {
            actual = actual.Replace("\r\n", "\n").TrimEnd();
            if (System.Environment.GetEnvironmentVariable("BKSOPS_UPDATE_GOLDEN") == "1")
                File.WriteAllText(Path.Combine(Path.GetDirectoryName(caller), "..", "Fixtures", "Building", file), actual + "\n");
            string golden = File.ReadAllText(Path.Combine("Fixtures", "Building", file)).Replace("\r\n", "\n").TrimEnd();
            Assert.Equal(golden, actual);
        }
    }
}
