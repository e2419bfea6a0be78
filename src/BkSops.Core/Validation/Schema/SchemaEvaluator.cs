using System.Collections.Generic;
using System.Text;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Schema
{
    /// <summary>
    /// Checks an instance against a <see cref="SchemaNode"/> with the semantics and messages of jsonschema 4.23's
    /// <c>Draft4Validator.iter_errors</c>: keywords in schema order, type guards per keyword, anyOf/oneOf reported
    /// as one error, Python reprs in messages. Recursion follows the schema (a few levels), not the instance.
    /// </summary>
    public sealed class SchemaEvaluator
    {
        private readonly List<SchemaError> errors = new List<SchemaError>();
        private readonly List<PathSegment> instancePath = new List<PathSegment>();
        private readonly List<object> schemaPath = new List<object>();
        private int probeDepth;
        private bool probeFailed;

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

        public static bool IsValid(SchemaNode schema, JsonNode instance)
        {
            var evaluator = new SchemaEvaluator { probeDepth = 1 };
            evaluator.Check(schema, instance);
            return !evaluator.probeFailed;
        }

        private bool Stopped => probeDepth > 0 && probeFailed;

        private void Check(SchemaNode schema, JsonNode instance)
        {
            var keywords = schema.KeywordOrder;
            var codes = schema.KeywordCodes;
            for (int k = 0; k < codes.Count; k++)
            {
                if (Stopped) return;
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
                        if (instance is JsonArray a1 && a1.Count < schema.MinItems.Value && Reporting())
                            Emit(schema, instance, Repr(instance) + (schema.MinItems.Value == 1 ? " should be non-empty" : " is too short"));
                        break;
                    case SchemaKeyword.MaxItems:
                        if (instance is JsonArray a2 && a2.Count > schema.MaxItems.Value && Reporting())
                            Emit(schema, instance, Repr(instance) + (schema.MaxItems.Value == 0 ? " is expected to be empty" : " is too long"));
                        break;
                    case SchemaKeyword.MinLength:
                        if (instance is JsonString s1 && IsShorter(s1.Value, schema.MinLength.Value) && Reporting())
                            Emit(schema, instance, Repr(instance) + (schema.MinLength.Value == 1 ? " should be non-empty" : " is too short"));
                        break;
                    case SchemaKeyword.MaxLength:
                        if (instance is JsonString s2 && s2.Value.Length > schema.MaxLength.Value && PythonText.Length(s2.Value) > schema.MaxLength.Value && Reporting())
                            Emit(schema, instance, Repr(instance) + (schema.MaxLength.Value == 0 ? " is expected to be empty" : " is too long"));
                        break;
                    case SchemaKeyword.Pattern:
                        if (instance is JsonString s3 && !schema.Pattern.Search(s3.Value) && Reporting())
                            Emit(schema, instance, Repr(instance) + " does not match " + PythonRepr.ReprString(schema.Pattern.Pattern));
                        break;
                    case SchemaKeyword.AnyOf: CheckAnyOf(schema, instance); break;
                    case SchemaKeyword.OneOf: CheckOneOf(schema, instance); break;
                }
                schemaPath.RemoveAt(schemaPath.Count - 1);
            }
        }

        // Fewer than min code points; a string of at least 2*min UTF-16 units has at least min code points.
        private static bool IsShorter(string s, int min) => s.Length < min || (s.Length < 2 * min && PythonText.Length(s) < min);

        private void CheckType(SchemaNode schema, JsonNode instance)
        {
            foreach (var t in schema.Types) if (IsType(instance, t)) return;
            if (!Reporting()) return;
            var sb = new StringBuilder(Repr(instance)).Append(" is not of type ");
            for (int i = 0; i < schema.Types.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                PythonRepr.AppendReprString(sb, schema.Types[i]);
            }
            Emit(schema, instance, sb.ToString());
        }

        /// <summary>Draft 4 types: "integer" excludes floats like 1.0 and bools; "number" excludes bools.</summary>
        public static bool IsType(JsonNode instance, string type)
        {
            switch (type)
            {
                case "object": return instance is JsonObject;
                case "array": return instance is JsonArray;
                case "string": return instance is JsonString;
                case "boolean": return instance is JsonBoolean;
                case "null": return instance is JsonNull;
                case "number": return instance is JsonNumber;
                case "integer": return instance is JsonNumber n && n.IsInteger;
                default: return false;
            }
        }

        private void CheckEnum(SchemaNode schema, JsonNode instance)
        {
            // The schema's enums hold only strings, and jsonschema's equal() makes a str equal only to an equal str.
            if (instance is JsonString s)
                foreach (var e in schema.Enum) if (e == s.Value) return;
            if (!Reporting()) return;
            var sb = new StringBuilder(Repr(instance)).Append(" is not one of [");
            for (int i = 0; i < schema.Enum.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                PythonRepr.AppendReprString(sb, schema.Enum[i]);
            }
            Emit(schema, instance, sb.Append(']').ToString());
        }

        private void CheckRequired(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonObject obj)) return;
            var required = schema.Required;
            // One walk over the members marks the required names present (schemas list at most a handful).
            ulong present = 0;
            var members = obj.Properties;
            for (int m = 0; m < members.Count; m++)
            {
                string name = members[m].Name;
                for (int r = 0; r < required.Length && r < 64; r++)
                    if (name.Length == required[r].Length && string.Equals(name, required[r], System.StringComparison.Ordinal)) present |= 1UL << r;
            }
            for (int r = 0; r < required.Length; r++)
            {
                if (Stopped) return;
                bool has = r < 64 ? (present & (1UL << r)) != 0 : obj.ContainsKey(required[r]);
                if (!has && Reporting()) Emit(schema, instance, PythonRepr.ReprString(required[r]) + " is a required property", required[r]);
            }
        }

        // Members are visited in the instance's order, not the schema's: the server sorts all errors afterwards, and
        // errors that tie print the same text, so the order of checking never shows.
        private void CheckProperties(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonObject obj)) return;
            var properties = schema.Properties;
            var members = obj.Properties;
            for (int m = 0; m < members.Count; m++)
            {
                if (Stopped) return;
                var member = members[m];
                string name = member.Name;
                for (int i = 0; i < properties.Count; i++)
                {
                    string key = properties[i].Key;
                    if (key.Length != name.Length || !string.Equals(key, name, System.StringComparison.Ordinal)) continue;
                    schemaPath.Add(key);
                    instancePath.Add(new PathSegment(key, isDictionaryKey: false));
                    Check(properties[i].Value, member.Value);
                    instancePath.RemoveAt(instancePath.Count - 1);
                    schemaPath.RemoveAt(schemaPath.Count - 1);
                    break;
                }
            }
        }

        private void CheckPatternProperties(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonObject obj)) return;
            foreach (var pp in schema.PatternProperties)
            {
                var members = obj.Properties;
                for (int m = 0; m < members.Count; m++)
                {
                    var member = members[m];
                    if (Stopped) return;
                    if (!pp.Search(member.Name)) continue;
                    schemaPath.Add(pp.Pattern);
                    instancePath.Add(new PathSegment(member.Name, isDictionaryKey: true));
                    Check(pp.Schema, member.Value);
                    instancePath.RemoveAt(instancePath.Count - 1);
                    schemaPath.RemoveAt(schemaPath.Count - 1);
                }
            }
        }

        private void CheckItems(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonArray array)) return;
            for (int i = 0; i < array.Count; i++)
            {
                if (Stopped) return;
                instancePath.Add(new PathSegment(i));
                Check(schema.Items, array[i]);
                instancePath.RemoveAt(instancePath.Count - 1);
            }
        }

        private void CheckAnyOf(SchemaNode schema, JsonNode instance)
        {
            // The flow-list options start with {"type": "string"}, which a string always satisfies.
            if (instance is JsonString && IsPlainStringSchema(schema.AnyOf[0])) return;
            foreach (var option in schema.AnyOf)
                if (Probe(option, instance)) return;
            if (Reporting()) Emit(schema, instance, Repr(instance) + " is not valid under any of the given schemas");
        }

        private void CheckOneOf(SchemaNode schema, JsonNode instance)
        {
            int valid = 0;
            foreach (var option in schema.OneOf)
                if (Probe(option, instance)) valid++;
            if (valid == 1 || !Reporting()) return;
            if (valid == 0) Emit(schema, instance, Repr(instance) + " is not valid under any of the given schemas");
            // More than one valid option cannot happen with the server's schema: its gateway options differ by type.
            else if (valid > 1) Emit(schema, instance, Repr(instance) + " is valid under more than one of the given schemas");
        }

        private static bool IsPlainStringSchema(SchemaNode s) =>
            s.KeywordCodes.Count == 1 && s.KeywordCodes[0] == SchemaKeyword.Type && s.Types.Length == 1 && s.Types[0] == "string";

        private bool Probe(SchemaNode option, JsonNode instance)
        {
            bool outerFailed = probeFailed;
            probeDepth++;
            probeFailed = false;
            int depth = schemaPath.Count, idepth = instancePath.Count;
            Check(option, instance);
            // A probe may stop early; put the paths back to where they were.
            schemaPath.RemoveRange(depth, schemaPath.Count - depth);
            instancePath.RemoveRange(idepth, instancePath.Count - idepth);
            bool ok = !probeFailed;
            probeDepth--;
            probeFailed = outerFailed;
            return ok;
        }

        // False while probing an anyOf/oneOf option: the option has failed, and no message is built.
        private bool Reporting()
        {
            if (probeDepth == 0) return true;
            probeFailed = true;
            return false;
        }

        private void Emit(SchemaNode schema, JsonNode instance, string message, string missingProperty = null)
        {
            errors.Add(new SchemaError(message, (string)schemaPath[schemaPath.Count - 1], schemaPath.ToArray(), instancePath.ToArray(), instance, schema, missingProperty));
        }

        private static string Repr(JsonNode instance) => PythonRepr.Repr(instance);
    }
}
