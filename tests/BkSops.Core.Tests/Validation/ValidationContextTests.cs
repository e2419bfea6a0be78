using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>What the working copy tells about its changes: reads computed on the tree as given rely on it.</summary>
    public class ValidationContextTests
    {
        private static readonly string[] Converge = { "converge_gateway_id" };

        private static ValidationContext NewContext()
        {
            var root = (JsonObject)JsonReader.Parse("{\"gateways\": {\"g1\": {\"id\": \"g1\"}}, \"flows\": {}}");
            return new ValidationContext(new PipelineTree(root), null);
        }

        [Fact]
        public void AnUnchangedCopyDiffersInNothing()
        {
            var context = NewContext();
            Assert.True(context.DiffersFromTreeOnlyIn(new string[0]));
        }

        [Fact]
        public void ChangesThatNameTheirFieldAreTold()
        {
            var context = NewContext();
            var gateways = context.WritableEntries("gateways", "converge_gateway_id");
            ((JsonObject)gateways["g1"]).Set("converge_gateway_id", new JsonString("c1"));
            Assert.True(context.DiffersFromTreeOnlyIn(Converge));
            Assert.False(context.DiffersFromTreeOnlyIn(new string[0]));
            Assert.NotSame(context.Tree.Root, context.Work);
            Assert.False(((JsonObject)((JsonObject)context.Tree.Root["gateways"])["g1"]).ContainsKey("converge_gateway_id"));
        }

        [Theory]
        [InlineData("entries")]
        [InlineData("root")]
        [InlineData("whole")]
        public void AnyOtherChangeCountsAsAnything(string how)
        {
            var context = NewContext();
            context.WritableEntries("gateways", "converge_gateway_id");
            switch (how)
            {
                case "entries": context.WritableEntries("flows"); break;
                case "root": context.WritableRoot(); break;
                default: context.WritableWork(); break;
            }
            Assert.False(context.DiffersFromTreeOnlyIn(Converge));
            context.WritableEntries("gateways", "converge_gateway_id");
            Assert.False(context.DiffersFromTreeOnlyIn(Converge));
        }
    }
}
