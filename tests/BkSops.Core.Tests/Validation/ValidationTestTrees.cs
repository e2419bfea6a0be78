using System;
using System.IO;
using System.Linq;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using BkSops.Validation.Advisory;
using BkSops.Validation.Constants;
using BkSops.Validation.Creation;
using BkSops.Validation.Names;
using BkSops.Validation.Schema;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>Small trees and a validator made of the non-graph stages only, so these tests do not depend on the layout and graph stages.</summary>
    internal static class ValidationTestTrees
    {
        /// <summary>start -> one activity -> end, complete enough for the server to accept it.</summary>
        public const string MinimalJson = @"{
  ""start_event"": {""id"": ""nodestart"", ""name"": """", ""type"": ""EmptyStartEvent"", ""incoming"": """", ""outgoing"": ""line1""},
  ""end_event"": {""id"": ""nodeend"", ""name"": """", ""type"": ""EmptyEndEvent"", ""incoming"": [""line2""], ""outgoing"": """"},
  ""activities"": {
    ""nodeact"": {""id"": ""nodeact"", ""name"": ""a"", ""type"": ""ServiceActivity"", ""incoming"": [""line1""], ""outgoing"": ""line2"",
      ""error_ignorable"": false, ""retryable"": true, ""skippable"": true,
      ""component"": {""code"": ""sleep_timer"", ""data"": {""bk_timing"": {""hook"": false, ""value"": ""1""}}}}
  },
  ""flows"": {
    ""line1"": {""id"": ""line1"", ""is_default"": false, ""source"": ""nodestart"", ""target"": ""nodeact""},
    ""line2"": {""id"": ""line2"", ""is_default"": false, ""source"": ""nodeact"", ""target"": ""nodeend""}
  }
}";

        public static JsonObject Minimal() => Parse(MinimalJson);

        public static JsonObject Parse(string json) => (JsonObject)JsonReader.Parse(json);

        /// <summary>An example tree (copied to the test output).</summary>
        public static JsonObject Example(string file) =>
            Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "server-verdicts", file)));

        /// <summary>The object at a path of keys.</summary>
        public static JsonObject At(this JsonObject root, params string[] keys)
        {
            JsonObject o = root;
            foreach (var k in keys) o = (JsonObject)o[k];
            return o;
        }

        public static JsonObject With(this JsonObject o, string key, string json)
        {
            o.Set(key, JsonReader.Parse(json));
            return o;
        }

        /// <summary>Adds a well-formed custom constant.</summary>
        public static JsonObject AddConstant(this JsonObject tree, string key, string valueJson, string keyFieldJson = null)
        {
            var constants = (JsonObject)tree.SetDefault("constants", new JsonObject());
            constants.Set(key, Parse($@"{{""key"": {keyFieldJson ?? Quote(key)}, ""name"": ""c"", ""value"": {valueJson}, ""source_type"": ""custom"",
                ""custom_type"": ""input"", ""show_type"": ""show"", ""source_tag"": """", ""desc"": """", ""validation"": """", ""index"": 0, ""source_info"": {{}}}}"));
            return tree;
        }

        public static string Quote(string s) => JsonWriter.Write(new JsonString(s), false);

        public static PipelineValidator NonGraphValidator() => new PipelineValidator(new IValidationStage[]
        {
            new NameStage(), new SchemaStage(), new ConstantsStage(), new SubProcessStage(), new CreationStage(), new AdvisoryStage(),
        });

        public static ValidationResult Validate(JsonObject tree, ValidationOptions options = null) =>
            NonGraphValidator().Validate(new PipelineTree(tree, "test"), options);

        /// <summary>The diagnostic the server would answer with; fails when the tree is accepted.</summary>
        public static Diagnostic Verdict(JsonObject tree, ValidationOptions options = null)
        {
            var result = Validate(tree, options);
            Xunit.Assert.False(result.IsValid, "expected the tree to be rejected; diagnostics: " + string.Join("; ", result.Diagnostics));
            return result.ServerVerdict;
        }

        public static Diagnostic[] Warnings(JsonObject tree, string rule) =>
            Validate(tree).Diagnostics.Where(d => d.RuleName == rule).ToArray();
    }
}
