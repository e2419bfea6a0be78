using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Json;

namespace BkSops.Validation.Schema
{
    /// <summary>
    /// One (sub)schema of a JSON Schema draft 4 document, limited to the keywords the server's schema uses. Keywords
    /// keep the order they have in the Python dict, which is the order jsonschema checks them in.
    /// </summary>
    public sealed class SchemaNode
    {
        private readonly List<string> order = new List<string>();

        /// <summary>The keywords in the order they were written.</summary>
        public IReadOnlyList<string> KeywordOrder => order;

        /// <summary>The keywords as codes, in the same order (cheaper to dispatch on than their names).</summary>
        internal SchemaKeyword[] KeywordCodes { get; private set; } = new SchemaKeyword[0];

        // Each keyword's value; null (or no value) when the schema does not have the keyword.
        public string[]? Types { get; private set; }
        public IReadOnlyList<string>? Enum { get; private set; }
        public string[]? Required { get; private set; }
        public List<KeyValuePair<string, SchemaNode>>? Properties { get; private set; }
        public List<PatternProperty>? PatternProperties { get; private set; }
        public SchemaNode? Items { get; private set; }
        public int? MinItems { get; private set; }
        public int? MaxItems { get; private set; }
        public int? MinLength { get; private set; }
        public int? MaxLength { get; private set; }
        public PatternProperty? Pattern { get; private set; }
        public SchemaNode[]? AnyOf { get; private set; }
        public SchemaNode[]? OneOf { get; private set; }

        /// <summary>A short name for what this schema describes (e.g. "ExclusiveGateway"), for messages.</summary>
        public string? Label { get; private set; }

        public SchemaNode Type(params string[] types) => Add("type", () =>
        {
            Types = types;
            TypeBits = types.Aggregate(0, (bits, t) => bits | TypeBit(t));
        });

        /// <summary>The <see cref="Types"/> as a mask of <see cref="TypeBit"/>s.</summary>
        internal int TypeBits { get; private set; }

        /// <summary>This schema is exactly <c>{"type": "string"}</c>.</summary>
        internal bool IsPlainString => KeywordCodes.Length == 1 && KeywordCodes[0] == SchemaKeyword.Type && Types is string[] types && types.Length == 1 && types[0] == "string";

        internal const int IntegerTypeBit = 1 << 6;

        /// <summary>A Draft 4 type name as a bit: one per <see cref="JsonKind"/>, plus "integer"; 0 for names Draft 4 does not know.</summary>
        internal static int TypeBit(string type)
        {
            switch (type)
            {
                case "object": return 1 << (int)JsonKind.Object;
                case "array": return 1 << (int)JsonKind.Array;
                case "string": return 1 << (int)JsonKind.String;
                case "boolean": return 1 << (int)JsonKind.Boolean;
                case "null": return 1 << (int)JsonKind.Null;
                case "number": return 1 << (int)JsonKind.Number;
                case "integer": return IntegerTypeBit;
                default: return 0;
            }
        }

        public SchemaNode OneOfValues(params string[] values) => Add("enum", () => Enum = (string[])values.Clone());
        public SchemaNode Requires(params string[] names) => Add("required", () =>
        {
            // Evaluators mark the required names present in a 64-bit mask, one bit per name.
            if (names.Length > 64 || names.Distinct().Count() != names.Length)
                throw new ArgumentException("At most 64 required names, each once.", nameof(names));
            Required = names;
            RequiredNames = new MemberNameTable(names);
        });
        public SchemaNode WithItems(SchemaNode items) => Add("items", () => Items = items);
        public SchemaNode WithMinItems(int n) => Add("minItems", () => MinItems = n);
        public SchemaNode WithMaxItems(int n) => Add("maxItems", () => MaxItems = n);
        public SchemaNode WithMinLength(int n) => Add("minLength", () => MinLength = n);
        public SchemaNode WithMaxLength(int n) => Add("maxLength", () => MaxLength = n);
        public SchemaNode Matching(string pattern, Func<string, bool> search) => Add("pattern", () => Pattern = new PatternProperty(pattern, search, null));
        public SchemaNode AnyOfSchemas(params SchemaNode[] schemas) => Add("anyOf", () => AnyOf = schemas);
        public SchemaNode OneOfSchemas(params SchemaNode[] schemas) => Add("oneOf", () => OneOf = schemas);
        public SchemaNode Labelled(string label) { Label = label; return this; }

        public SchemaNode WithProperties(params (string Name, SchemaNode Schema)[] properties) => Add("properties", () =>
        {
            Properties = new List<KeyValuePair<string, SchemaNode>>();
            foreach (var p in properties) Properties.Add(new KeyValuePair<string, SchemaNode>(p.Name, p.Schema));
            PropertyNames = Properties.Select(p => p.Key).ToArray();
            PropertyTable = new MemberNameTable(PropertyNames);
            PropertySchemas = Properties.Select(p => p.Value).ToArray();
        });

        public SchemaNode WithPatternProperty(string pattern, Func<string, bool> search, SchemaNode schema) => Add("patternProperties", () =>
            PatternProperties = new List<PatternProperty> { new PatternProperty(pattern, search, schema) });

        // The names of properties and required, found for a member without a dictionary.
        // Set with Properties and Required.
        internal string[]? PropertyNames { get; private set; }
        internal SchemaNode[]? PropertySchemas { get; private set; }
        private MemberNameTable? PropertyTable { get; set; }
        private MemberNameTable? RequiredNames { get; set; }

        /// <summary>The index in <see cref="Properties"/> of the property named like <paramref name="member"/>, or -1.</summary>
        internal int PropertyIndexOf(JsonProperty member) => PropertyTable?.IndexOf(member) ?? -1;

        /// <summary>Bit r is set when <c>Required[r]</c> is a member of <paramref name="obj"/>.</summary>
        internal ulong RequiredPresent(JsonObject obj)
        {
            ulong present = 0;
            var names = RequiredNames;
            if (names == null) return present;
            for (int m = 0; m < obj.Count; m++)
            {
                int r = names.IndexOf(obj.PropertyAt(m));
                if (r >= 0) present |= 1UL << r;
            }
            return present;
        }

        /// <summary>All names of <see cref="Required"/> are members of <paramref name="obj"/>.</summary>
        internal bool HasAllRequired(JsonObject obj) =>
            !(Required is string[] required) || RequiredPresent(obj) == (required.Length == 64 ? ulong.MaxValue : (1UL << required.Length) - 1);

        /// <summary>The subschema of a property, or null.</summary>
        public SchemaNode? Property(string name)
        {
            if (Properties == null) return null;
            foreach (var p in Properties) if (p.Key == name) return p.Value;
            return null;
        }

        /// <summary>
        /// For code that dispatches on <see cref="KeywordCodes"/>: the keyword is there, so its value is; reaching this
        /// means a keyword's value was read without its code. A helper, so that its callers stay small enough to inline.
        /// </summary>
        internal static T Missing<T>(string keyword) =>
            throw new InvalidOperationException($"The schema's '{keyword}' was read although the schema does not have it.");

        private static SchemaKeyword Code(string keyword)
        {
            switch (keyword)
            {
                case "type": return SchemaKeyword.Type;
                case "enum": return SchemaKeyword.Enum;
                case "required": return SchemaKeyword.Required;
                case "properties": return SchemaKeyword.Properties;
                case "patternProperties": return SchemaKeyword.PatternProperties;
                case "items": return SchemaKeyword.Items;
                case "minItems": return SchemaKeyword.MinItems;
                case "maxItems": return SchemaKeyword.MaxItems;
                case "minLength": return SchemaKeyword.MinLength;
                case "maxLength": return SchemaKeyword.MaxLength;
                case "pattern": return SchemaKeyword.Pattern;
                case "anyOf": return SchemaKeyword.AnyOf;
                case "oneOf": return SchemaKeyword.OneOf;
                default: throw new ArgumentException($"Unsupported keyword {keyword}.", nameof(keyword));
            }
        }

        private SchemaNode Add(string keyword, Action set)
        {
            if (order.Contains(keyword)) throw new InvalidOperationException($"Keyword {keyword} given twice.");
            order.Add(keyword);
            KeywordCodes = KeywordCodes.Append(Code(keyword)).ToArray();
            set();
            return this;
        }
    }

    internal enum SchemaKeyword { Type, Enum, Required, Properties, PatternProperties, Items, MinItems, MaxItems, MinLength, MaxLength, Pattern, AnyOf, OneOf }

    /// <summary>A regular expression of the schema, with the equivalent of Python's <c>re.search</c> for it.</summary>
    public sealed class PatternProperty
    {
        public PatternProperty(string pattern, Func<string, bool> search, SchemaNode? schema)
        {
            Pattern = pattern;
            Search = search;
            Schema = schema;
        }

        /// <summary>The pattern as written in the Python source (it appears in messages and schema paths).</summary>
        public string Pattern { get; }
        public Func<string, bool> Search { get; }
        /// <summary>The schema of matching members (null for the <c>pattern</c> keyword, which has none).</summary>
        public SchemaNode? Schema { get; }
    }
}
