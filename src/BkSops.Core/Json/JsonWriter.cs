using System.Collections.Generic;
using System.IO;
using System.Text;

namespace BkSops.Json
{
    /// <summary>Writes the lossless model as JSON text: members in stored order, numbers as written. Iterative.</summary>
    public static class JsonWriter
    {
        /// <summary>
        /// Containers nested deeper than this are written without line breaks: indentation grows with depth on every
        /// line, so indenting deeply nested data would make the text grow with the square of its depth.
        /// </summary>
        public const int MaxIndentedDepth = 64;

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

        public static void Write(JsonNode node, TextWriter output, bool indented) => Write(node, output, indented, 0);

        /// <summary>Writes <paramref name="node"/> as if it stood <paramref name="depth"/> containers deep (for a value inside text written by hand).</summary>
        public static void Write(JsonNode node, TextWriter output, bool indented, int depth)
        {
            var stack = new Stack<Frame>();
            WriteValueStart(node, output, stack, ref depth);
            while (stack.Count > 0)
            {
                var frame = stack.Pop();
                int count = frame.Container is JsonObject o ? o.Count : ((JsonArray)frame.Container).Count;
                bool breakLines = indented && depth <= MaxIndentedDepth;
                if (frame.Next >= count)
                {
                    depth--;
                    if (count > 0 && breakLines) NewLine(output, depth);
                    output.Write(frame.Container is JsonObject ? '}' : ']');
                    continue;
                }
                if (frame.Next > 0) output.Write(',');
                if (breakLines) NewLine(output, depth);
                JsonNode child;
                if (frame.Container is JsonObject obj)
                {
                    var member = obj.Properties[frame.Next];
                    WriteString(member.Name, output);
                    output.Write(breakLines ? ": " : ":");
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

        /// <summary>
        /// Writes a JSON string literal; escapes quotes, backslashes, control characters and lone surrogates only.
        /// A lone surrogate (read from a <c>\ud800</c> escape or an encoded surrogate) has no UTF-8 form: written raw it
        /// would become U+FFFD, so it is written as the escape, which means the same to every JSON reader.
        /// </summary>
        public static void WriteString(string value, TextWriter output)
        {
            output.Write('"');
            int runStart = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                string? escape = null;
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
                        else if (char.IsSurrogate(c))
                        {
                            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
                            escape = "\\u" + ((int)c).ToString("x4");
                        }
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
