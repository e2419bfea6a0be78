using System.Globalization;

namespace BkSops.Json
{
    /// <summary>The kind of a JSON value.</summary>
    public enum JsonKind { Object, Array, String, Number, Boolean, Null }

    /// <summary>
    /// A node of the lossless JSON document model: key order, duplicate-key resolution and number text
    /// survive a round trip. Line and column (1-based) are set when the node was read from text, else 0.
    /// </summary>
    public abstract class JsonNode
    {
        public abstract JsonKind Kind { get; }

        /// <summary>1-based line of the node's first character in the source text; 0 when not read from text.</summary>
        public int Line { get; internal set; }

        /// <summary>1-based column of the node's first character in the source text; 0 when not read from text.</summary>
        public int Column { get; internal set; }

        /// <summary>
        /// A deep copy, positions included. Strings, numbers, booleans and null are immutable, so the copy shares
        /// them and only objects and arrays are copied. Iterative: nesting depth costs heap, not stack.
        /// </summary>
        public JsonNode Clone()
        {
            if (!IsContainer(this)) return this;
            var root = ShallowCopy();
            var pending = new System.Collections.Generic.Stack<(JsonNode Source, JsonNode Copy)>();
            pending.Push((this, root));
            while (pending.Count > 0)
            {
                var (source, copy) = pending.Pop();
                if (source is JsonObject sourceObject)
                {
                    var target = (JsonObject)copy;
                    foreach (var member in sourceObject.Properties)
                    {
                        var child = CopyOrShare(member.Value, pending);
                        target.AppendUnique(new JsonProperty(member.Name, child, member.Line, member.Column));
                    }
                }
                else
                {
                    var target = (JsonArray)copy;
                    foreach (var item in ((JsonArray)source).Items) target.Add(CopyOrShare(item, pending));
                }
            }
            return root;
        }

        private static JsonNode CopyOrShare(JsonNode node, System.Collections.Generic.Stack<(JsonNode, JsonNode)> pending)
        {
            if (!IsContainer(node)) return node;
            var copy = node.ShallowCopy();
            pending.Push((node, copy));
            return copy;
        }

        private static bool IsContainer(JsonNode node) => node.Kind == JsonKind.Object || node.Kind == JsonKind.Array;

        /// <summary>
        /// A copy of this node without its children (containers come back empty, with room for exactly as many children as
        /// this one has: a copy filled from it is sized as a read node is, and makes no garbage growing).
        /// </summary>
        internal abstract JsonNode ShallowCopy();

        /// <summary>The node as indented JSON text.</summary>
        public override string ToString() => JsonWriter.Write(this, indented: true);

        /// <summary>True when the server's Python code counts this value as true (<c>bool(value)</c>).</summary>
        public bool IsTruthyInPython => Validation.Python.Py.Truthy(this);

        /// <summary>The name the server's Python code would give this value's type (dict, list, str, int, float, bool, NoneType).</summary>
        public string PythonTypeName
        {
            get
            {
                switch (Kind)
                {
                    case JsonKind.Object: return "dict";
                    case JsonKind.Array: return "list";
                    case JsonKind.String: return "str";
                    case JsonKind.Boolean: return "bool";
                    case JsonKind.Null: return "NoneType";
                    default: return ((JsonNumber)this).IsInteger ? "int" : "float";
                }
            }
        }

        internal T WithPositionOf<T>(JsonNode other) where T : JsonNode
        {
            Line = other.Line;
            Column = other.Column;
            return (T)this;
        }

        public static JsonString From(string value) => new JsonString(value);
        public static JsonBoolean From(bool value) => value ? JsonBoolean.True() : JsonBoolean.False();
        public static JsonNumber From(long value) => new JsonNumber(value.ToString(CultureInfo.InvariantCulture));
    }
}
