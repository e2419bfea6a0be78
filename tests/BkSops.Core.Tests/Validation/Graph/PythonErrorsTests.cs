using System;
using BkSops.Json;
using BkSops.Validation.Graph;
using BkSops.Validation.Graph.Layout;
using BkSops.Validation.Python;
using Xunit;

namespace BkSops.Core.Tests.Validation.Graph
{
    /// <summary>
    /// The texts the layout's structural findings expect (<see cref="PythonErrors.Texts"/>) are the texts the emulation
    /// raises for the same values: a finding is matched to the layout's failure by its text, so the two must not drift.
    /// </summary>
    public class PythonErrorsTests
    {
        private static readonly JsonNode[] Values =
        {
            JsonReader.Parse("\"a\""), JsonReader.Parse("[1]"), JsonReader.Parse("{\"k\": 1}"), JsonReader.Parse("3"), JsonReader.Parse("2.5"),
            JsonReader.Parse("true"), JsonReader.Parse("null"),
        };

        private static string Raised(Action python) => Assert.Throws<PythonException>(python).Text;

        [Fact]
        public void ASubscriptOfANonDictFailsAsPredicted()
        {
            foreach (var value in Values)
            {
                if (value is JsonObject) continue;
                Assert.Equal(Raised(() => Py.Subscript(value, "id")), PythonErrors.Texts.Subscript(value));
            }
            Assert.Equal(Raised(() => Py.Subscript(null, "id")), PythonErrors.Texts.NoneNotSubscriptable);
            Assert.Equal(PythonErrors.Texts.StringIndices, Raised(() => Py.Subscript(JsonReader.Parse("\"x\""), "id")));
        }

        [Fact]
        public void AMissingKeyAndAnUnhashableKeyFailAsPredicted()
        {
            Assert.Equal(Raised(() => Py.Subscript(new JsonObject(), "id")), PythonErrors.Texts.MissingKey("id"));
            Assert.Equal(Raised(() => Py.Subscript(new JsonObject(), "it's \"x\"")), PythonErrors.Texts.MissingKey("it's \"x\""));
            Assert.Equal(Raised(() => new PyKeys().Of(JsonReader.Parse("[1]"))), PythonErrors.Texts.LookUp(JsonReader.Parse("[1]")));
            Assert.Equal(Raised(() => new PyKeys().Of(JsonReader.Parse("{}"))), PythonErrors.Texts.LookUp(JsonReader.Parse("{}")));
            Assert.Equal(PythonException.KeyError(JsonReader.Parse("7"), "here").Text, PythonErrors.Texts.LookUp(JsonReader.Parse("7")));
            Assert.Equal(PythonException.KeyError(JsonReader.Parse("\"f1\""), "here").Text, PythonErrors.Texts.LookUp(JsonReader.Parse("\"f1\"")));
        }

        [Fact]
        public void IteratingAndListsFailAsPredicted()
        {
            foreach (var value in new[] { JsonReader.Parse("3"), JsonReader.Parse("true"), JsonReader.Parse("null") })
                Assert.Equal(Raised(() => Py.Iterate(value)), PythonErrors.Texts.NotIterable(value));
            Assert.Equal(PythonException.NotInList(PythonRepr.ReprString("l1")).Text, PythonErrors.Texts.NotInList("l1"));
            Assert.EndsWith(PythonErrors.Texts.NotInListEnd, PythonErrors.Texts.NotInList("l1"));
            Assert.Equal(PythonErrors.Texts.RecursionLimit, PythonException.Recursion().Text);
        }

        [Fact]
        public void TheLayoutOfFlowsThatAreNoDictFailsAsPredicted()
        {
            var tree = (JsonObject)JsonReader.Parse(
                "{\"start_event\": {\"id\": \"s\", \"type\": \"EmptyStartEvent\", \"incoming\": \"\", \"outgoing\": \"f1\"}," +
                " \"end_event\": {\"id\": \"e\", \"type\": \"EmptyEndEvent\", \"incoming\": [\"f1\"], \"outgoing\": \"\"}," +
                " \"activities\": {}, \"gateways\": {}, \"flows\": [1]}");
            var error = new DrawPipeline((JsonObject)tree.Clone()).Run();
            Assert.NotNull(error);
            Assert.Equal(PythonErrors.Texts.NoItems(tree["flows"]), error.Text);
        }
    }
}
