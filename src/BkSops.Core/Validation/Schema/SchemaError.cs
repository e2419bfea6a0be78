using System.Collections.Generic;
using System.Globalization;
using System.Text;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Schema
{
    /// <summary>One step of an instance path: a property, a dictionary key, or a list index.</summary>
    public struct PathSegment
    {
        public PathSegment(string name, bool isDictionaryKey)
        {
            Name = name;
            Index = -1;
            IsDictionaryKey = isDictionaryKey;
        }

        public PathSegment(int index)
        {
            Name = null;
            Index = index;
            IsDictionaryKey = false;
        }

        /// <summary>The property or key; null for a list index.</summary>
        public string? Name { get; }
        public int Index { get; }
        /// <summary>True for keys of user dictionaries (ids, input names), which JSONPath writes in brackets.</summary>
        public bool IsDictionaryKey { get; }
        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Name))]
        public bool IsIndex => Name == null;

        /// <summary><c>str()</c> of the element, as the server joins the path.</summary>
        public override string ToString() => Name ?? Index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A jsonschema ValidationError as the server's validator sees it.</summary>
    public sealed class SchemaError
    {
        internal SchemaError(string message, string keyword, object[] schemaPath, PathSegment[] instancePath, JsonNode instance, SchemaNode schema, string? missingProperty)
        {
            Message = message;
            Keyword = keyword;
            SchemaPath = schemaPath;
            InstancePath = instancePath;
            Instance = instance;
            Schema = schema;
            MissingProperty = missingProperty;
        }

        /// <summary><c>error.message</c>, e.g. <c>'hook' is a required property</c>.</summary>
        public string Message { get; }
        /// <summary>The failing keyword (<c>error.validator</c>).</summary>
        public string Keyword { get; }
        /// <summary>Keywords, property names, patterns (strings) and indices (ints) from the root schema to the keyword.</summary>
        public IReadOnlyList<object> SchemaPath { get; }
        public IReadOnlyList<PathSegment> InstancePath { get; }
        public JsonNode Instance { get; }
        /// <summary>The schema that holds the failing keyword.</summary>
        public SchemaNode Schema { get; }
        /// <summary>For <c>required</c>: the missing property.</summary>
        public string? MissingProperty { get; }

        /// <summary>The server's text for this error: <c>"→".join(path) + ": " + message</c>.</summary>
        public string ServerText
        {
            get
            {
                var sb = new StringBuilder();
                for (int i = 0; i < InstancePath.Count; i++)
                {
                    if (i > 0) sb.Append('→');
                    sb.Append(InstancePath[i].ToString());
                }
                return sb.Append(": ").Append(Message).ToString();
            }
        }

        /// <summary>JSONPath of the instance, e.g. <c>$.activities['node1'].component.data['bk_timing']</c>.</summary>
        public string JsonPathText
        {
            get
            {
                string path = JsonPath.Root;
                foreach (var s in InstancePath)
                {
                    if (s.IsIndex) path = JsonPath.Index(path, s.Index);
                    else if (s.IsDictionaryKey) path = JsonPath.Key(path, s.Name);
                    else path = JsonPath.Member(path, s.Name);
                }
                return path;
            }
        }

        // The part of str(error) after the message that decides ties: "Failed validating 'kw' in schema[...]:".
        internal string FailedValidatingText()
        {
            var sb = new StringBuilder("Failed validating ");
            PythonRepr.AppendReprString(sb, Keyword);
            sb.Append(" in schema");
            if (SchemaPath.Count > 1)
            {
                sb.Append('[');
                for (int i = 0; i < SchemaPath.Count - 1; i++)
                {
                    if (i > 0) sb.Append("][");
                    AppendIndex(sb, SchemaPath[i]);
                }
                sb.Append(']');
            }
            return sb.Append(':').ToString();
        }

        // "On instance[...]:" without the leading "On ".
        internal string OnInstanceText()
        {
            var sb = new StringBuilder("instance");
            if (InstancePath.Count > 0)
            {
                sb.Append('[');
                for (int i = 0; i < InstancePath.Count; i++)
                {
                    if (i > 0) sb.Append("][");
                    var s = InstancePath[i];
                    if (s.IsIndex) sb.Append(s.Index.ToString(CultureInfo.InvariantCulture));
                    else PythonRepr.AppendReprString(sb, s.Name);
                }
                sb.Append(']');
            }
            return sb.Append(':').ToString();
        }

        private static void AppendIndex(StringBuilder sb, object element)
        {
            if (element is string s) PythonRepr.AppendReprString(sb, s);
            else sb.Append(((int)element).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// The order of <c>sorted(errors, key=str)</c>. <c>str(error)</c> is the message, a blank line, "Failed validating
    /// 'kw' in schema[...]:", the schema, a blank line, "On instance[...]:" and the instance. Messages hold no line
    /// breaks and the schema path fixes the schema, so comparing (message, failed-in line, instance path) by code
    /// point gives the same order without printing schemas and instances.
    /// </summary>
    public sealed class ServerErrorOrder : IComparer<SchemaError>
    {
        public static readonly ServerErrorOrder Instance = new ServerErrorOrder();

        /// <summary>Null first, as comparers do (the server's error lists hold none).</summary>
        public int Compare(SchemaError? a, SchemaError? b)
        {
            if (ReferenceEquals(a, b)) return 0;
            if (a == null) return -1;
            if (b == null) return 1;
            int c = PythonText.Compare(a.Message, b.Message);
            if (c != 0) return c;
            c = PythonText.Compare(a.FailedValidatingText(), b.FailedValidatingText());
            if (c != 0) return c;
            return PythonText.Compare(a.OnInstanceText(), b.OnInstanceText());
        }
    }
}
