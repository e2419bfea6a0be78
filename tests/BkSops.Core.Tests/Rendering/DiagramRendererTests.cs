using System.Collections.Generic;
using System.Linq;
using BkSops.Building;
using BkSops.Core.Tests.Building;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Model;
using BkSops.Rendering;
using BkSops.Serialization;
using Xunit;

namespace BkSops.Core.Tests.Rendering
{
    public class DiagramRendererTests
    {
        private static StepDefinition Step(string name, string stage = null) => new StepDefinition { Name = name, Code = "sleep_timer", Stage = stage, Origin = "step" };

        /// <summary>Fetch, an exclusive gateway with a condition, a default branch and a loop back, a parallel block and a sub-process.</summary>
        internal static PipelineTree SmallTree()
        {
            var exclusive = new GatewayBlock(GatewayKind.Exclusive);
            exclusive.Branches.Add(new BranchBlock { Condition = "\"${env}\" == \"prod\"", Body = new SequenceBlock(new[] { Step("Prod", "deploy") }) });
            exclusive.Branches.Add(new BranchBlock { IsDefault = true, Body = new SequenceBlock(new[] { Step("Test", "deploy") }) });
            exclusive.Branches.Add(new BranchBlock { Condition = "${tries} > 3", GoTo = "Fetch" });
            var parallel = new GatewayBlock(GatewayKind.Parallel) { Name = "fan out" };
            parallel.Branches.Add(new BranchBlock { Body = new SequenceBlock(new[] { Step("Web") }) });
            parallel.Branches.Add(new BranchBlock { Body = new SequenceBlock(new[] { Step("Db") }) });
            var options = new PipelineBuildOptions { Seed = 11 };
            options.Constants.Add(new KeyValuePair<string, JsonNode>("env", new JsonString("prod")));
            options.Constants.Add(new KeyValuePair<string, JsonNode>("tries", JsonNode.From(0)));
            var sub = new StepDefinition { Kind = StepKind.SubProcess, Name = "Notify", TemplateId = 12 };
            return new PipelineBuilder().BuildOrThrow(new BuildBlock[] { Step("Fetch", "prepare"), exclusive, parallel, sub }, options);
        }

        [Theory]
        [InlineData(DiagramFormat.Mermaid, "small.mmd")]
        [InlineData(DiagramFormat.Dot, "small.dot")]
        [InlineData(DiagramFormat.Text, "small.txt")]
        public void ASmallTreeDrawsAsItsGoldenFile(DiagramFormat format, string golden)
        {
            var result = DiagramRenderer.Render(SmallTree(), format, new HashSet<string> { "Web" });
            Assert.Empty(result.Warnings);
            PipelineBuilderTests.AssertGolden(golden, result.Text);
        }

        [Fact]
        public void MermaidLabelsEscapeEveryCharacterWithAMeaning()
        {
            Assert.Equal("a#34;b#35;c#38;d#60;e#62;f#96;g#124;h<br/>i[j]{k}(l) 部署 🚀", MermaidWriter.Instance.Escape("a\"b#c&d<e>f`g|h\r\ni[j]{k}(l) 部署 🚀"));
        }

        [Fact]
        public void DotLabelsEscapeBackslashesQuotesAndLineBreaks()
        {
            Assert.Equal("a\\\\b\\\"c\\nd <&> 部署", DotWriter.Instance.Escape("a\\b\"c\r\nd <&> 部署"));
        }

        [Fact]
        public void OverFiveHundredEdgesWarnsThatStockMermaidRefusesIt()
        {
            var tree = new PipelineBuilder().BuildOrThrow(Enumerable.Range(1, 600).Select(i => (BuildBlock)Step("s" + i)), new PipelineBuildOptions { Seed = 1 });
            var result = DiagramRenderer.Render(tree, DiagramFormat.Mermaid);
            Assert.Contains("refuses flowcharts with more than 500", Assert.Single(result.Warnings));
            Assert.Empty(DiagramRenderer.Render(tree, DiagramFormat.Dot).Warnings);
        }

        [Fact]
        public void A100000NodeChainDrawsInEveryFormatOnASmallStack()
        {
            var tree = ShapeGenerators.Chain(100000);
            string text = null;
            var thread = new System.Threading.Thread(() =>
            {
                foreach (DiagramFormat format in System.Enum.GetValues(typeof(DiagramFormat))) text = DiagramRenderer.Render(tree, format).Text;
            }, 256 * 1024);
            thread.Start();
            Assert.True(thread.Join(System.TimeSpan.FromSeconds(60)));
            Assert.Equal(100002, text.Count(c => c == '\n'));
        }

        [Fact]
        public void ABrokenTreeStillDraws()
        {
            var tree = PipelineReader.Parse("{\"start_event\":{\"id\":\"s\",\"outgoing\":\"f1\"},\"flows\":{\"f1\":{\"id\":\"f1\",\"source\":\"s\",\"target\":\"nowhere\"}}}", "broken");
            Assert.Contains("nowhere", DiagramRenderer.Render(tree, DiagramFormat.Mermaid).Text);
            Assert.Contains("- nowhere", DiagramRenderer.Render(tree, DiagramFormat.Text).Text);
        }
    }
}
