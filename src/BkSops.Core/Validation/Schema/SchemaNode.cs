using System;
using System.Collections.Generic;

namespace BkSops.Validation.Schema
{
    /// <summary>
    /// One (sub)schema of a JSON Schema draft 4 document, limited to the keywords the server's schema uses. Keywords
    /// keep the order they have in the Python dict, which is the order jsonschema checks them in.
    /// </summary>
    public sealed class SchemaNode
    {
        private readonly List<string> order = new List<string>();
        private readonly List<SchemaKeyword> codes = new List<SchemaKeyword>();

        /// <summary>The keywords in the order they were written.</summary>
        public IReadOnlyList<string> KeywordOrder => order;

        /// <summary>The keywords as codes, in the same order (cheaper to dispatch on than their names).</summary>
        internal List<SchemaKeyword> KeywordCodes => codes;

        public string[] Types { get; private set; }
        public string[] Enum { get; private set; }
        public string[] Required { get; private set; }
        public List<KeyValuePair<string, SchemaNode>> Properties { get; private set; }
        public List<PatternProperty> PatternProperties { get; private set; }
        public SchemaNode Items { get; private set; }
        public int? MinItems { get; private set; }
        public int? MaxItems { get; private set; }
        public int? MinLength { get; private set; }
        public int? MaxLength { get; private set; }
        public PatternProperty Pattern { get; private set; }
        public SchemaNode[] AnyOf { get; private set; }
        public SchemaNode[] OneOf { get; private set; }

        /// <summary>A short name for what this schema describes (e.g. "ExclusiveGateway"), for messages.</summary>
        public string Label { get; private set; }

        public SchemaNode Type(params string[] types) => Add("type", () => Types = types);
        public SchemaNode OneOfValues(params string[] values) => Add("enum", () => Enum = values);
        public SchemaNode Requires(params string[] names) => Add("required", () => Required = names);
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
        });

        public SchemaNode WithPatternProperty(string pattern, Func<string, bool> search, SchemaNode schema) => Add("patternProperties", () =>
            PatternProperties = new List<PatternProperty> { new PatternProperty(pattern, search, schema) });

        /// <summary>The subschema of a property, or null.</summary>
        public SchemaNode Property(string name)
        {
            if (Properties == null) return null;
            foreach (var p in Properties) if (p.Key == name) return p.Value;
            return null;
        }

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
            codes.Add(Code(keyword));
            set();
            return this;
        }
    }

    internal enum SchemaKeyword { Type, Enum, Required, Properties, PatternProperties, Items, MinItems, MaxItems, MinLength, MaxLength, Pattern, AnyOf, OneOf }

    /// <summary>A regular expression of the schema, with the equivalent of Python's <c>re.search</c> for it.</summary>
    public sealed class PatternProperty
    {
        public PatternProperty(string pattern, Func<string, bool> search, SchemaNode schema)
        {
            Pattern = pattern;
            Search = search;
            Schema = schema;
        }

        /// <summary>The pattern as written in the Python source (it appears in messages and schema paths).</summary>
        public string Pattern { get; }
        public Func<string, bool> Search { get; }
        public SchemaNode Schema { get; }
    }
}
