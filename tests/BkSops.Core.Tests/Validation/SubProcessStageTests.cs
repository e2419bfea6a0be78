using System.Collections.Generic;
using System.Linq;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using BkSops.Core.Tests.Generators;
using BkSops.Validation.Creation;
using BkSops.Validation.Graph;
using Xunit;
using static BkSops.Core.Tests.Validation.ValidationTestTrees;

namespace BkSops.Core.Tests.Validation
{
    public class SubProcessStageTests
    {
        private static ValidationResult Run(ValidationOptions options, params string[] templateIds)
        {
            var tree = Minimal();
            var activities = tree.At("activities");
            for (int i = 0; i < templateIds.Length; i++)
            {
                var act = (JsonObject)activities["nodeact"].Clone();
                act.Set("type", new JsonString("SubProcess"));
                act.Set("template_id", JsonReader.Parse(templateIds[i]));
                activities.Set("sub" + i, act);
            }
            return new PipelineValidator(new IValidationStage[] { new SubProcessStage() }).Validate(new PipelineTree(tree), options);
        }

        [Theory]
        [InlineData("7", nameof(Rules.SubProcessTemplateNotChecked), false)]
        [InlineData("\"x\"", nameof(Rules.SubProcessTemplateInvalid), false)]
        [InlineData(null, nameof(Rules.SubProcessWithoutTemplateId), false)]
        [InlineData("7", nameof(Rules.SubProcessTemplateNotChecked), true)]
        [InlineData(null, nameof(Rules.SubProcessWithoutTemplateId), true)]
        public void AWellFormedTreeIsCheckedThroughTheLayoutsGraphWithTheSameFindings(string templateId, string rule, bool gateways)
        {
            // With gateways the gateway stage has written converge ids into the working copy by then, which these checks do not read.
            var tree = gateways ? ShapeGenerators.ParallelBlocks(30) : ShapeGenerators.Chain(30);
            var activities = (JsonObject)tree.Root["activities"];
            string key = activities.Properties[3].Name;
            var activity = (JsonObject)activities[key];
            activity.Set("type", new JsonString("SubProcess"));
            if (templateId != null) activity.Set("template_id", JsonReader.Parse(templateId));
            var context = new ValidationContext(tree, null);
            foreach (var stage in ServerOrder.Stages())
            {
                // The graph is what the SubProcess and creation checks look at first for a tree nobody changed.
                if (stage is SubProcessStage) Assert.NotNull(LayoutStage.GraphOfTreeAsGiven(context, "converge_gateway_id"));
                stage.Run(context);
            }
            Assert.Contains(context.Diagnostics, d => d.RuleName == rule && d.NodeId == key);
            Assert.Single(context.Diagnostics, d => d.RuleName.StartsWith("SubProcess"));
        }

        [Fact]
        public void OfflineIdsAreAssumedToExist()
        {
            var result = Run(null, "5", "6");
            Assert.True(result.IsValid);
            Assert.Equal(2, result.Diagnostics.Count(d => d.RuleName == Rules.SubProcessTemplateNotChecked.Name && d.Severity == Severity.Information));
        }

        [Fact]
        public void AStringIdNeverMatches()
        {
            var result = Run(null, "\"5\"", "6");
            var verdict = result.ServerVerdict;
            Assert.Equal(Rules.SubProcessTemplateInvalid.Name, verdict.RuleName);
            Assert.Equal("[API] fast_create_task get invalid template_id: 5, template_id should belong to current project.", verdict.ServerMessage);
            Assert.Equal(3540000, verdict.ServerCode);
            Assert.Equal("$.activities['sub0'].template_id", verdict.Path);
        }

        [Fact]
        public void KnownIdsAreCheckedAndListedInSetOrder()
        {
            var options = new ValidationOptions { KnownTemplateIds = new HashSet<long> { 1, 2 } };
            var verdict = Run(options, "3", "2", "7", "3").ServerVerdict;
            // Python, adding one by one as the server does: [3, 7]
            Assert.Equal("[API] fast_create_task get invalid template_id: 3,7, template_id should belong to current project.", verdict.ServerMessage);
        }

        [Fact]
        public void NumbersEqualToAnIdMatchIt()
        {
            var options = new ValidationOptions { KnownTemplateIds = new HashSet<long> { 1 } };
            Assert.True(Run(options, "true", "1.0", "1").IsValid);
            // Python, adding one by one as the server does: [9, 2.5, 100, 17]
            var verdict = Run(options, "100", "9", "17", "1.0", "2.5").ServerVerdict;
            Assert.Equal("[API] fast_create_task get invalid template_id: 9,2.5,100,17, template_id should belong to current project.", verdict.ServerMessage);
        }

        [Fact]
        public void AListIdCannotGoIntoASetAndTheServerCrashes()
        {
            var verdict = Run(new ValidationOptions { HasCommonSubprocess = true }, "[1]").ServerVerdict;
            Assert.Equal(Rules.SubProcessTemplateIdUnhashable.Name, verdict.RuleName);
            Assert.Equal(500, verdict.ServerStatus);
            Assert.Null(verdict.ServerMessage);
        }

        [Fact]
        public void CommonSubprocessesAreNotCheckedAgainstTheProject()
        {
            Assert.True(Run(new ValidationOptions { HasCommonSubprocess = true }, "\"5\"").IsValid);
        }
    }
}
