using System.Collections.Generic;
using System.IO;
using System.Text;

namespace BkSops.Json
{
    /// <summary>Writes the lossless model as JSON text: members in stored order, numbers as written. Iterative.</summary>
    public static class JsonWriter
    {
        public static string Write(JsonNode node, bool indented)
        {
            var sb = new StringBuilder(4096);
            using (var w = new StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture))
                Write(node, w, indented);
            return sb.ToString();
        }

        private struct Frame
        {
            public JsonNode Container;
            public int Next;
        }

        public static void Write(JsonNode node, TextWriter output, bool indented)
        {
            var stack = new Stack<Frame>();
            int depth = 0;
            WriteValueStart(node, output, stack, ref depth);
            while (stack.Count > 0)
            {
                var frame = stack.Pop();
                int count = frame.Container is JsonObject o ? o.Count : ((JsonArray)frame.Container).Count;
                if (frame.Next >= count)
                {
                    depth--;
                    if (count > 0 && indented) NewLine(output, depth);
                    output.Write(frame.Container is JsonObject ? '}' : ']');
                    continue;
                }
                if (frame.Next > 0) output.Write(',');
                if (indented) NewLine(output, depth);
                JsonNode child;
                if (frame.Container is JsonObject obj)
                {
                    var member = obj.Properties[frame.Next];
                    WriteString(member.Name, output);
                    output.Write(indented ? ": " : ":");
                    child = member.Value;
                }
                else
                {
                    child = ((JsonArray)frame.Container)[frame.Next];
                }
                frame.Next++;
                stack.Push(frame);
                WriteValueStart(child, output, stack, ref depth);
            }
        }

        private static void WriteValueStart(JsonNode node, TextWriter output, Stack<Frame> stack, ref int depth)
        {
            switch (node.Kind)
            {
                case JsonKind.Object:
                    output.Write('{');
                    if (((JsonObject)node).Count == 0) { output.Write('}'); return; }
                    stack.Push(new Frame { Container = node });
                    depth++;
                    return;
                case JsonKind.Array:
                    output.Write('[');
                    if (((JsonArray)node).Count == 0) { output.Write(']'); return; }
                    stack.Push(new Frame { Container = node });
                    depth++;
                    return;
                case JsonKind.String: WriteString(((JsonString)node).Value, output); return;
                case JsonKind.Number: output.Write(((JsonNumber)node).RawText); return;
                case JsonKind.Boolean: output.Write(((JsonBoolean)node).Value ? "true" : "false"); return;
                default: output.Write("null"); return;
            }
        }

        private static void NewLine(TextWriter output, int depth)
        {
            output.Write('\n');
            for (int i = 0; i < depth; i++) output.Write("  ");
        }

        /// <summary>Writes a JSON string literal; escapes quotes, backslashes and control characters only.</summary>
        public static void WriteString(string value, TextWriter output)
        {
            output.Write('"');
            int runStart = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                string escape = null;
                switch (c)
                {
                    case '"': escape = "\\\""; break;
                    case '\\': escape = "\\\\"; break;
                    case '\n': escape = "\\n"; break;
                    case '\r': escape = "\\r"; break;
                    case '\t': escape = "\\t"; break;
                    case '\b': escape = "\\b"; break;
                    case '\f': escape = "\\f"; break;
                    default:
                        if (c < 0x20) escape = "\\u" + ((int)c).ToString("x4");
                        break;
                }
                if (escape == null) continue;
                if (i > runStart) output.Write(value.ToCharArray(runStart, i - runStart));
                output.Write(escape);
                runStart = i + 1;
            }
            if (runStart == 0) output.Write(value);
            else if (runStart < value.Length) output.Write(value.Substring(runStart));
            output.Write('"');
        }
    }
}
