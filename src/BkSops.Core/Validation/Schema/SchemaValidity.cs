using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Schema
{
    /// <summary>
    /// Whether an instance passes a schema: the keyword tests of <see cref="SchemaEvaluator"/> without its bookkeeping
    /// (no paths, messages or error objects, and a stop at the first failure). The evaluator asks it about anyOf/oneOf
    /// options, and <see cref="SchemaStage"/> asks it about the whole tree first, so a valid tree costs one quick walk.
    /// Recursion follows the schema (a few levels), not the instance.
    /// </summary>
    internal static class SchemaValidity
    {
        public static bool IsValid(SchemaNode schema, JsonNode instance)
        {
            var codes = schema.KeywordCodes;
            for (int k = 0; k < codes.Length; k++)
                if (!Holds(codes[k], schema, instance)) return false;
            return true;
        }

        private static bool Holds(SchemaKeyword keyword, SchemaNode schema, JsonNode instance)
        {
            switch (keyword)
            {
                case SchemaKeyword.Type: return TypeHolds(schema, instance);
                case SchemaKeyword.Enum: return EnumHolds(schema, instance);
                case SchemaKeyword.Required: return !(instance is JsonObject obj) || schema.HasAllRequired(obj);
                case SchemaKeyword.Properties: return PropertiesHold(schema, instance);
                case SchemaKeyword.PatternProperties: return PatternPropertiesHold(schema, instance);
                case SchemaKeyword.Items: return ItemsHold(schema, instance);
                case SchemaKeyword.MinItems: return MinItemsHolds(schema, instance);
                case SchemaKeyword.MaxItems: return MaxItemsHolds(schema, instance);
                case SchemaKeyword.MinLength: return MinLengthHolds(schema, instance);
                case SchemaKeyword.MaxLength: return MaxLengthHolds(schema, instance);
                case SchemaKeyword.Pattern: return PatternHolds(schema, instance);
                case SchemaKeyword.AnyOf: return AnyOfHolds(schema, instance);
                case SchemaKeyword.OneOf: return ValidOneOfOptions(schema, instance) == 1;
                default: return true;
            }
        }

        /// <summary>Draft 4 types: "integer" excludes floats like 1.0 and bools; "number" excludes bools.</summary>
        public static bool HasType(int typeBits, JsonNode instance)
        {
            if ((typeBits & (1 << (int)instance.Kind)) != 0) return true;
            return (typeBits & SchemaNode.IntegerTypeBit) != 0 && instance is JsonNumber n && n.IsInteger;
        }

        public static bool TypeHolds(SchemaNode schema, JsonNode instance) => HasType(schema.TypeBits, instance);

        // The schema's enums hold only strings, and jsonschema's equal() makes a str equal only to an equal str.
        public static bool EnumHolds(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonString s)) return false;
            foreach (var e in schema.Enum ?? SchemaNode.Missing<IReadOnlyList<string>>("enum"))
                if (string.Equals(e, s.Value, System.StringComparison.Ordinal)) return true;
            return false;
        }

        public static bool MinItemsHolds(SchemaNode schema, JsonNode instance) =>
            !(instance is JsonArray a) || a.Count >= (schema.MinItems ?? SchemaNode.Missing<int>("minItems"));

        public static bool MaxItemsHolds(SchemaNode schema, JsonNode instance) =>
            !(instance is JsonArray a) || a.Count <= (schema.MaxItems ?? SchemaNode.Missing<int>("maxItems"));

        // Fewer than min code points fails; a string of at least 2*min UTF-16 units has at least min code points.
        public static bool MinLengthHolds(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonString s)) return true;
            int min = schema.MinLength ?? SchemaNode.Missing<int>("minLength");
            return s.Value.Length >= min && (s.Value.Length >= 2 * min || PythonText.Length(s.Value) >= min);
        }

        public static bool MaxLengthHolds(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonString s)) return true;
            int max = schema.MaxLength ?? SchemaNode.Missing<int>("maxLength");
            return s.Value.Length <= max || PythonText.Length(s.Value) <= max;
        }

        public static bool PatternHolds(SchemaNode schema, JsonNode instance) =>
            !(instance is JsonString s) || (schema.Pattern ?? SchemaNode.Missing<PatternProperty>("pattern")).Search(s.Value);

        public static bool AnyOfHolds(SchemaNode schema, JsonNode instance)
        {
            var options = schema.AnyOf ?? SchemaNode.Missing<SchemaNode[]>("anyOf");
            // The flow-list options start with {"type": "string"}, which a string always satisfies.
            if (instance is JsonString && options[0].IsPlainString) return true;
            foreach (var option in options)
                if (IsValid(option, instance)) return true;
            return false;
        }

        public static int ValidOneOfOptions(SchemaNode schema, JsonNode instance)
        {
            int valid = 0;
            foreach (var option in schema.OneOf ?? SchemaNode.Missing<SchemaNode[]>("oneOf"))
                if (IsValid(option, instance)) valid++;
            return valid;
        }

        private static bool PropertiesHold(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonObject obj)) return true;
            var schemas = schema.PropertySchemas ?? SchemaNode.Missing<SchemaNode[]>("properties");
            for (int m = 0; m < obj.Count; m++)
            {
                var member = obj.PropertyAt(m);
                int i = schema.PropertyIndexOf(member);
                if (i >= 0 && !IsValid(schemas[i], member.Value)) return false;
            }
            return true;
        }

        private static bool PatternPropertiesHold(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonObject obj)) return true;
            foreach (var pp in schema.PatternProperties ?? SchemaNode.Missing<List<PatternProperty>>("patternProperties"))
            {
                var matching = pp.Schema ?? SchemaNode.Missing<SchemaNode>("patternProperties");
                for (int m = 0; m < obj.Count; m++)
                {
                    var member = obj.PropertyAt(m);
                    if (pp.Search(member.Name) && !IsValid(matching, member.Value)) return false;
                }
            }
            return true;
        }

        private static bool ItemsHold(SchemaNode schema, JsonNode instance)
        {
            if (!(instance is JsonArray array)) return true;
            var items = schema.Items ?? SchemaNode.Missing<SchemaNode>("items");
            for (int i = 0; i < array.Count; i++)
                if (!IsValid(items, array[i])) return false;
            return true;
        }
    }
}
