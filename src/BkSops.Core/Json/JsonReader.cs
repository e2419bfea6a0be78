using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace BkSops.Json
{
    /// <summary>The result of reading JSON text: the root value and any warnings (repeated keys).</summary>
    public sealed class JsonReadResult
    {
        internal JsonReadResult(JsonNode root, IReadOnlyList<JsonReadWarning> warnings)
        {
            Root = root;
            Warnings = warnings;
        }

        public JsonNode Root { get; }
        public IReadOnlyList<JsonReadWarning> Warnings { get; }
    }

    /// <summary>
    /// Reads JSON text into the lossless model with the acceptance rules of Python's <c>json.loads</c>
    /// (NaN and Infinity allowed, control characters in strings refused). Iterative: nesting depth costs heap, not stack.
    /// </summary>
    public sealed class JsonReader
    {
        private readonly string text;
        private int pos;
        private int line = 1;
        private int lineStart;
        private readonly List<JsonReadWarning> warnings = new List<JsonReadWarning>();
        private readonly StringPool pool = new StringPool();
        private readonly StringBuilder scratch = new StringBuilder();

        private JsonReader(string text) { this.text = text; }

        /// <summary>Reads <paramref name="text"/>; throws <see cref="JsonParseException"/> with line and column when it is not JSON.</summary>
        public static JsonReadResult Read(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var reader = new JsonReader(text);
            var root = reader.ReadDocument();
            return new JsonReadResult(root, reader.warnings);
        }

        /// <summary>Reads text and returns only the root value.</summary>
        public static JsonNode Parse(string text) => Read(text).Root;

        private sealed class Frame
        {
            public JsonObject Object;
            public JsonArray Array;
            public string PendingKey;
            public int KeyLine, KeyColumn;
            // Where this container sits, so a path is built only when a warning needs one.
            public Frame Parent;
            public string KeyInParent;
            public int IndexInParent;

            public string Path()
            {
                var steps = new List<Frame>();
                for (var f = this; f.Parent != null; f = f.Parent) steps.Add(f);
                string path = JsonPath.Root;
                for (int i = steps.Count - 1; i >= 0; i--)
                {
                    var step = steps[i];
                    path = step.Parent.Object != null ? ChildKeyPath(path, step.KeyInParent) : JsonPath.Index(path, step.IndexInParent);
                }
                return path;
            }
        }

        private JsonNode ReadDocument()
        {
            // One byte-order mark (as U+FEFF) is skipped; a second one is a character JSON does not allow there.
            if (text.Length > 0 && text[0] == '\uFEFF') pos = 1;
            SkipWhitespace();
            if (pos >= text.Length) throw Error("the text is empty; expected a JSON value");
            var stack = new Stack<Frame>();
            JsonNode root = null;

            while (true)
            {
                // At the start of a value.
                SkipWhitespace();
                if (pos >= text.Length) throw Error("the text ends where a value was expected (truncated?)");
                int vLine = line, vCol = pos - lineStart + 1;
                char c = text[pos];
                JsonNode value;
                Frame opened = null;
                var parentFrame = stack.Count == 0 ? null : stack.Peek();
                if (c == '{')
                {
                    pos++;
                    opened = NewFrame(parentFrame, new JsonObject(), null);
                    value = opened.Object;
                }
                else if (c == '[')
                {
                    pos++;
                    opened = NewFrame(parentFrame, null, new JsonArray());
                    value = opened.Array;
                }
                else
                {
                    value = ReadScalar();
                }
                value.Line = vLine;
                value.Column = vCol;

                if (stack.Count == 0) root = value;
                else Attach(stack.Peek(), value);

                if (opened != null)
                {
                    stack.Push(opened);
                    SkipWhitespace();
                    if (opened.Object != null)
                    {
                        if (Peek() == '}') { pos++; stack.Pop(); }
                        else { ReadKey(opened); continue; }
                    }
                    else
                    {
                        if (Peek() == ']') { pos++; stack.Pop(); }
                        else continue;
                    }
                }

                // After a complete value: close containers or move to the next member.
                while (true)
                {
                    if (stack.Count == 0)
                    {
                        SkipWhitespace();
                        if (pos < text.Length) throw Error($"unexpected {Describe(text[pos])} after the end of the JSON value");
                        return root;
                    }
                    var top = stack.Peek();
                    SkipWhitespace();
                    if (pos >= text.Length)
                        throw Error(top.Object != null ? "the text ends inside an object (missing '}')" : "the text ends inside an array (missing ']')");
                    char d = text[pos];
                    if (d == ',')
                    {
                        pos++;
                        if (top.Object != null) { SkipWhitespace(); ReadKey(top); }
                        break;
                    }
                    if (top.Object != null && d == '}') { pos++; stack.Pop(); continue; }
                    if (top.Array != null && d == ']') { pos++; stack.Pop(); continue; }
                    throw Error(top.Object != null
                        ? $"expected ',' or '}}' after an object member, found {Describe(d)}"
                        : $"expected ',' or ']' after an array item, found {Describe(d)}");
                }
            }
        }

        private static Frame NewFrame(Frame parent, JsonObject obj, JsonArray array)
        {
            var frame = new Frame { Object = obj, Array = array, Parent = parent };
            if (parent?.Object != null) frame.KeyInParent = parent.PendingKey;
            else if (parent != null) frame.IndexInParent = parent.Array.Count;
            return frame;
        }

        private static string ChildKeyPath(string parent, string key) =>
            parent == JsonPath.Root ? JsonPath.Member(parent, key) : JsonPath.Key(parent, key);

        private void Attach(Frame parent, JsonNode value)
        {
            if (parent.Array != null)
            {
                parent.Array.Add(value);
                return;
            }
            if (parent.Object.Set(parent.PendingKey, value, parent.KeyLine, parent.KeyColumn))
            {
                string parentPath = parent.Path();
                warnings.Add(new JsonReadWarning(ChildKeyPath(parentPath, parent.PendingKey),
                    $"The key '{parent.PendingKey}' appears more than once in {parentPath} (line {parent.KeyLine}, column {parent.KeyColumn}); the last value is kept, as the server does.",
                    parent.KeyLine, parent.KeyColumn));
            }
        }

        private void ReadKey(Frame frame)
        {
            if (pos >= text.Length) throw Error("the text ends inside an object (missing '}')");
            if (text[pos] != '"')
                throw Error(text[pos] == '}' ? "a trailing comma before '}' is not allowed in JSON" : $"expected a property name in double quotes, found {Describe(text[pos])}");
            frame.KeyLine = line;
            frame.KeyColumn = pos - lineStart + 1;
            string key = ReadString();
            frame.PendingKey = key;
            SkipWhitespace();
            if (Peek() != ':') throw Error($"expected ':' after the property name \"{key}\", found {DescribeAt(pos)}");
            pos++;
        }

        private JsonNode ReadScalar()
        {
            char c = text[pos];
            switch (c)
            {
                case '"': return new JsonString(ReadString());
                case 't': ExpectWord("true"); return JsonBoolean.True();
                case 'f': ExpectWord("false"); return JsonBoolean.False();
                case 'n': ExpectWord("null"); return new JsonNull();
                case 'N': ExpectWord("NaN"); return new JsonNumber("NaN");
                case 'I': ExpectWord("Infinity"); return new JsonNumber("Infinity");
                case ']': throw Error("a trailing comma before ']' is not allowed in JSON");
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    throw Error($"expected a value, found {Describe(c)}");
            }
        }

        private JsonNumber ReadNumber()
        {
            int start = pos;
            if (text[pos] == '-')
            {
                pos++;
                if (string.CompareOrdinal(text, pos, "Infinity", 0, 8) == 0) { pos += 8; return new JsonNumber("-Infinity"); }
            }
            if (pos >= text.Length || !IsDigit(text[pos])) throw Error("expected a digit in the number");
            if (text[pos] == '0' && pos + 1 < text.Length && IsDigit(text[pos + 1])) throw Error("numbers may not have leading zeros");
            while (pos < text.Length && IsDigit(text[pos])) pos++;
            if (pos < text.Length && text[pos] == '.')
            {
                pos++;
                if (pos >= text.Length || !IsDigit(text[pos])) throw Error("expected a digit after the decimal point");
                while (pos < text.Length && IsDigit(text[pos])) pos++;
            }
            if (pos < text.Length && (text[pos] == 'e' || text[pos] == 'E'))
            {
                pos++;
                if (pos < text.Length && (text[pos] == '+' || text[pos] == '-')) pos++;
                if (pos >= text.Length || !IsDigit(text[pos])) throw Error("expected a digit in the exponent");
                while (pos < text.Length && IsDigit(text[pos])) pos++;
            }
            return new JsonNumber(pool.Get(text, start, pos - start));
        }

        private string ReadString()
        {
            int startLine = line, startCol = pos - lineStart + 1;
            pos++; // opening quote
            int runStart = pos;
            while (pos < text.Length)
            {
                char c = text[pos];
                if (c == '"')
                {
                    string s = pool.Get(text, runStart, pos - runStart);
                    pos++;
                    return s;
                }
                if (c == '\\') return ReadEscapedString(runStart, startLine, startCol);
                if (c < 0x20) throw Error($"control character {Describe(c)} inside a string (escape it as \\u{(int)c:x4})");
                pos++;
            }
            throw new JsonParseException("the text ends inside a string (missing closing quote)", startLine, startCol);
        }

        private string ReadEscapedString(int runStart, int startLine, int startCol)
        {
            scratch.Clear();
            scratch.Append(text, runStart, pos - runStart);
            while (pos < text.Length)
            {
                char c = text[pos];
                if (c == '"') { pos++; return pool.Get(scratch.ToString()); }
                if (c < 0x20) throw Error($"control character {Describe(c)} inside a string (escape it as \\u{(int)c:x4})");
                if (c != '\\') { scratch.Append(c); pos++; continue; }
                pos++;
                if (pos >= text.Length) break;
                char e = text[pos++];
                switch (e)
                {
                    case '"': scratch.Append('"'); break;
                    case '\\': scratch.Append('\\'); break;
                    case '/': scratch.Append('/'); break;
                    case 'b': scratch.Append('\b'); break;
                    case 'f': scratch.Append('\f'); break;
                    case 'n': scratch.Append('\n'); break;
                    case 'r': scratch.Append('\r'); break;
                    case 't': scratch.Append('\t'); break;
                    case 'u':
                        if (pos + 4 > text.Length || !int.TryParse(text.Substring(pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            pos -= 2;
                            throw Error("invalid \\u escape: expected four hex digits");
                        }
                        scratch.Append((char)code);
                        pos += 4;
                        break;
                    default:
                        pos -= 2;
                        throw Error($"invalid escape '\\{e}' in a string");
                }
            }
            throw new JsonParseException("the text ends inside a string (missing closing quote)", startLine, startCol);
        }

        private void ExpectWord(string word)
        {
            if (string.CompareOrdinal(text, pos, word, 0, word.Length) != 0)
                throw Error($"expected a value, found {DescribeAt(pos)}");
            pos += word.Length;
        }

        private void SkipWhitespace()
        {
            while (pos < text.Length)
            {
                char c = text[pos];
                if (c == ' ' || c == '\t' || c == '\r') { pos++; continue; }
                if (c == '\n') { pos++; line++; lineStart = pos; continue; }
                break;
            }
        }

        private char Peek() => pos < text.Length ? text[pos] : '\0';
        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private string DescribeAt(int at) => at < text.Length ? Describe(text[at]) : "the end of the text";

        private static string Describe(char c)
        {
            if (c == '\uFEFF') return "U+FEFF (a byte-order mark; only one at the very start of the text is one)";
            if (c < 0x20 || char.IsSurrogate(c) || char.IsControl(c) || char.IsWhiteSpace(c)
                || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format) return $"U+{(int)c:X4}";
            return "'" + c + "'";
        }

        private JsonParseException Error(string reason) => new JsonParseException(reason, line, pos - lineStart + 1);
    }
}
