using System.Collections.Generic;
using System.Text;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Schema
{
    /// <summary>
    /// Checks an instance against a <see cref="SchemaNode"/> with the semantics and messages of jsonschema 4.23's
    /// <c>Draft4Validator.iter_errors</c>: keywords in schema order, type guards per keyword, anyOf/oneOf reported
    /// as one error, Python reprs in messages. Each keyword's test is <see cref="SchemaValidity"/>'s; this class adds
    /// the paths and messages of the failures. Recursion follows the schema (a few levels), not the instance.
    /// </summary>
    public sealed class SchemaEvaluator
    {
        private readonly List<SchemaError> errors = new List<SchemaError>();
        private readonly List<PathSegment> instancePath = new List<PathSegment>();
        private readonly List<object> schemaPath = new List<object>();

        private SchemaEvaluator() { }

        /// <summary>All errors, in jsonschema's iteration order (not yet sorted).</summary>
        public static List<SchemaError> Validate(SchemaNode schema, JsonNode instance)
        {
            var evaluator = new SchemaEvaluator();
            evaluator.Check(schema, instance);
            return evaluator.errors;
        }

        /// <summary>Errors of <paramref name="schema"/> for an instance found at <paramref name="at"/> (used to explain anyOf/oneOf failures).</summary>
        public static List<SchemaError> Validate(SchemaNode schema, JsonNode instance, IEnumerable<PathSegment> at)
        {
            var evaluator = new SchemaEvaluator();
            evaluator.instancePath.AddRange(at);
            evaluator.Check(schema, instance);
            return evaluator.errors;
        }

        private void Check(SchemaNode schema, JsonNode instance)
        {
            var keywords = schema.KeywordOrder;
            var codes = schema.KeywordCodes;
            for (int k = 0; k < codes.Length; k++)
            {
                schemaPath.Add(keywords[k]);
                switch (codes[k])
                {
                    case SchemaKeyword.Type: CheckType(schema, instance); break;
                    case SchemaKeyword.Enum: CheckEnum(schema, instance); break;
                    case SchemaKeyword.Required: CheckRequired(schema, instance); break;
                    case SchemaKeyword.Properties: CheckProperties(schema, instance); break;
                    case SchemaKeyword.PatternProperties: CheckPatternProperties(schema, instance); break;
                    case SchemaKeyword.Items: CheckItems(schema, instance); break;
                    case SchemaKeyword.MinItems:
                        if (!SchemaValidity.MinItemsHolds(schema, instance))
                            Emit(schema, instance, Repr(instance) + (schema.MinItems == 1 ? " should be non-empty" : " is too short"));
                        break;
                    case SchemaKeyword.MaxItems:
                        if (!SchemaValidity.MaxItemsHolds(schema, instance))
                            Emit(schema, instance, Repr(instance) + (schema.MaxItems == 0 ? " is expected to be empty" : " is too long"));
                        break;
                    case SchemaKeyword.MinLength:
                        if (!SchemaValidity.MinLengthHolds(schema, instance))
                            Emit(schema, instance, Repr(instance) + (schema.MinLength == 1 ? " should be non-empty" : " is too short"));
                        break;
                    case SchemaKeyword.MaxLength:
                        if (!SchemaValidity.MaxLengthHolds(schema, instance))
                            Emit(schema, instance, Repr(instance) + (schema.MaxLength == 0 ? " is expected to be empty" : " is too long"));
                        break;
                    case SchemaKeyword.Pattern:
                        if (!SchemaValidity.PatternHolds(schema, instance))
                            Emit(schema, instance, Repr(instance) + " does not match " + PythonRepr.ReprString((schema.Pattern ?? SchemaNode.Missing<PatternProperty>("pattern")).Pattern));
                        break;
                    case SchemaKeyword.AnyOf:
                        if (!SchemaValidity.AnyOfHolds(schema, instance))
                            Emit(schema, instance, Repr(instance) + " is not valid under any of the given schemas");
                        break;
                    case SchemaKeyword.OneOf: CheckOneOf(schema, instance); break;
                }
                schemaPath.RemoveAt(schemaPath.Count - 1);
            }
        }

        private void CheckType(SchemaNode schema, JsonNode instance)
        {
            if (SchemaValidity.TypeHolds(schema, instance)) return;
            var types = schema.Types ?? SchemaNode.Missing<string[]>("type");
            var sb = new StringBuilder(Repr(instance)).Append(" is not of type ");
            for (int i = 0; i < types.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                PythonRepr.AppendReprString(sb, types[i]);
            }
            Emit(schema, instance, sb.ToString());
        }

        /// <summary>Draft 4 types: "integer" excludes floats like 1.0 and bools; "number" excludes bools.</summary>
        public static bool IsType(JsonNode instance, string type) => SchemaValidity.HasType(SchemaNode.TypeBit(type), instance);

        private void CheckEnum(SchemaNode schema, JsonNode instance)
        {
            if (SchemaValidity.EnumHolds(schema, instance)) return;
            var values = schema.Enum ?? SchemaNode.Missing<IReadOnlyList<string>>("enum");
            var sb = new StringBuilder(Repr(instance)).Append(" is not one of [");
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                PythonRepr.AppendReprString(sb, values[i]);
            }
            Emit(schema, instance, sb.Append(']').ToString());
        }

        private void CheckRequired(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonObject obj)) return;
            var required = schema.Required ?? SchemaNode.Missing<string[]>("required");
            ulong present = schema.RequiredPresent(obj);
            for (int r = 0; r < required.Length; r++)
                if ((present & (1UL << r)) == 0)
                    Emit(schema, instance, PythonRepr.ReprString(required[r]) + " is a required property", required[r]);
        }

        // Members are visited in the instance's order, not the schema's: the server sorts all errors afterwards, and
        // errors that tie print the same text, so the order of checking never shows.
        private void CheckProperties(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonObject obj)) return;
            var names = schema.PropertyNames ?? SchemaNode.Missing<string[]>("properties");
            var schemas = schema.PropertySchemas ?? SchemaNode.Missing<SchemaNode[]>("properties");
            for (int m = 0; m < obj.Count; m++)
            {
                var member = obj.PropertyAt(m);
                int i = schema.PropertyIndexOf(member);
                if (i < 0) continue;
                string key = names[i];
                schemaPath.Add(key);
                instancePath.Add(new PathSegment(key, isDictionaryKey: false));
                Check(schemas[i], member.Value);
                instancePath.RemoveAt(instancePath.Count - 1);
                schemaPath.RemoveAt(schemaPath.Count - 1);
            }
        }

        private void CheckPatternProperties(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonObject obj)) return;
            foreach (var pp in schema.PatternProperties ?? SchemaNode.Missing<List<PatternProperty>>("patternProperties"))
            {
                var matching = pp.Schema ?? SchemaNode.Missing<SchemaNode>("patternProperties");
                for (int m = 0; m < obj.Count; m++)
                {
                    var member = obj.PropertyAt(m);
                    if (!pp.Search(member.Name)) continue;
                    schemaPath.Add(pp.Pattern);
                    instancePath.Add(new PathSegment(member.Name, isDictionaryKey: true));
                    Check(matching, member.Value);
                    instancePath.RemoveAt(instancePath.Count - 1);
                    schemaPath.RemoveAt(schemaPath.Count - 1);
                }
            }
        }

        private void CheckItems(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonArray array)) return;
            var items = schema.Items ?? SchemaNode.Missing<SchemaNode>("items");
            for (int i = 0; i < array.Count; i++)
            {
                instancePath.Add(new PathSegment(i));
                Check(items, array[i]);
                instancePath.RemoveAt(instancePath.Count - 1);
            }
        }

        private void CheckOneOf(SchemaNode schema, JsonNode instance)
        {
            int valid = SchemaValidity.ValidOneOfOptions(schema, instance);
            if (valid == 0) Emit(schema, instance, Repr(instance) + " is not valid under any of the given schemas");
            // More than one valid option cannot happen with the server's schema: its gateway options differ by type.
            else if (valid > 1) Emit(schema, instance, Repr(instance) + " is valid under more than one of the given schemas");
        }

        private void Emit(SchemaNode schema, JsonNode instance, string message, string? missingProperty = null)
        {
            errors.Add(new SchemaError(message, (string)schemaPath[schemaPath.Count - 1], schemaPath.ToArray(), instancePath.ToArray(), instance, schema, missingProperty));
        }

        private static string Repr(JsonNode instance) => PythonRepr.Repr(instance);
    }
}
