using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using BkSops.Serialization;

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
    /// Reads JSON into the lossless model with the acceptance rules of Python's <c>json.loads</c> (NaN and Infinity
    /// allowed, control characters in strings refused). It reads UTF-8 bytes straight into the model, from memory or
    /// from a stream in bounded chunks (no copy of the whole input as text). Iterative: nesting depth costs heap, not stack.
    /// </summary>
    public sealed partial class JsonReader
    {
        private readonly List<JsonReadWarning> warnings = new List<JsonReadWarning>();
        private readonly StringPool pool = new StringPool();
        private char[] scratch = new char[256];

        private JsonReader(byte[] bytes, int count)
        {
            buf = bytes;
            len = count;
            eof = true;
        }

        private JsonReader(Stream input)
        {
            stream = input;
            buf = new byte[StreamBufferSize];
        }

        /// <summary>Reads <paramref name="text"/>; throws <see cref="PipelineInputException"/> (<see cref="PipelineInputReason.MalformedJson"/>) with line and column when it is not JSON.</summary>
        public static JsonReadResult Read(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var bytes = EncodeText(text, out int count);
            return new JsonReader(bytes, count).ReadAll();
        }

        /// <summary>
        /// Reads UTF-8 bytes as the server decodes and parses a request body: bytes Python's decoder refuses are an
        /// <see cref="InvalidUtf8Exception"/> (wherever they are), text that is not JSON a <see cref="PipelineInputException"/> (<see cref="PipelineInputReason.MalformedJson"/>).
        /// </summary>
        public static JsonReadResult Read(byte[] utf8, int count)
        {
            if (utf8 == null) throw new ArgumentNullException(nameof(utf8));
            if (count < 0 || count > utf8.Length) throw new ArgumentOutOfRangeException(nameof(count));
            return new JsonReader(utf8, count).ReadAll();
        }

        /// <summary>Reads UTF-8 from a stream to its end, in bounded chunks; see <see cref="Read(byte[], int)"/>.</summary>
        public static JsonReadResult Read(Stream utf8)
        {
            if (utf8 == null) throw new ArgumentNullException(nameof(utf8));
            return new JsonReader(utf8).ReadAll();
        }

        /// <summary>Reads text and returns only the root value.</summary>
        public static JsonNode Parse(string text) => Read(text).Root;

        private JsonReadResult ReadAll()
        {
            JsonNode root;
            try
            {
                root = ReadDocument();
            }
            catch (PipelineInputException)
            {
                CheckRestIsUtf8();
                throw;
            }
            return new JsonReadResult(root, warnings);
        }

        // One frame per open container. Members and items gather in the frame (its arrays are reused by the next
        // container at the same depth) and go into the node in one exact-sized array when the container closes: no
        // growing arrays per node, which on a large tree would be as much garbage as the tree itself.
        private sealed class Frame
        {
            private const int IndexThreshold = 24;

            public JsonObject? Object;
            public JsonArray? Array;
            public string PendingKey = "";
            public int KeyLine, KeyColumn;
            // Where this container sits, so a path is built only when a warning needs one.
            public Frame? Parent;
            public string KeyInParent = "";
            public int IndexInParent;
            public int Count;
            private JsonProperty[] members = System.Array.Empty<JsonProperty>();
            private JsonNode[] items = System.Array.Empty<JsonNode>();
            private Dictionary<string, int>? index;

            public void Open(Frame? parent, JsonObject? obj, JsonArray? array)
            {
                Object = obj;
                Array = array;
                Parent = parent;
                Count = 0;
                index = null;
                KeyInParent = parent?.Object != null ? parent.PendingKey : "";
                IndexInParent = parent?.Array != null ? parent.Count : 0;
            }

            public void AddItem(JsonNode value)
            {
                if (Count == items.Length) System.Array.Resize(ref items, Math.Max(4, Count * 2));
                items[Count++] = value;
            }

            /// <summary>Adds the pending key with <paramref name="value"/>; false when the key was there (its value is replaced, as Python's dict does).</summary>
            public bool AddMember(JsonNode value)
            {
                int at = IndexOf(PendingKey);
                if (at >= 0)
                {
                    members[at].Value = value;
                    return false;
                }
                if (Count == members.Length) System.Array.Resize(ref members, Math.Max(4, Count * 2));
                members[Count] = new JsonProperty(PendingKey, value, KeyLine, KeyColumn);
                index?.Add(PendingKey, Count);
                Count++;
                return true;
            }

            private int IndexOf(string key)
            {
                if (index == null && Count <= IndexThreshold)
                {
                    for (int i = 0; i < Count; i++)
                    {
                        string name = members[i].Name;
                        if ((object)name == key || string.Equals(name, key, StringComparison.Ordinal)) return i;
                    }
                    return -1;
                }
                if (index == null)
                {
                    index = new Dictionary<string, int>(Count * 2, StringComparer.Ordinal);
                    for (int i = 0; i < Count; i++) index[members[i].Name] = i;
                }
                return index.TryGetValue(key, out int found) ? found : -1;
            }

            public void Close()
            {
                if (Object != null)
                {
                    var exact = new JsonProperty[Count];
                    System.Array.Copy(members, exact, Count);
                    System.Array.Clear(members, 0, Count);
                    Object.Adopt(exact);
                }
                else if (Array != null)
                {
                    var exact = new JsonNode[Count];
                    System.Array.Copy(items, exact, Count);
                    System.Array.Clear(items, 0, Count);
                    Array.Adopt(exact);
                }
                index = null;
                Object = null;
                Array = null;
            }

            public string Path()
            {
                var steps = new List<Frame>();
                for (var f = this; f.Parent != null; f = f.Parent) steps.Add(f);
                string path = JsonPath.Root;
                for (int i = steps.Count - 1; i >= 0; i--)
                {
                    var step = steps[i];
                    path = step.Parent?.Object != null ? ChildKeyPath(path, step.KeyInParent) : JsonPath.Index(path, step.IndexInParent);
                }
                return path;
            }
        }

        private readonly List<Frame> frames = new List<Frame>();

        private Frame NewFrame(Frame? parent, int depth, JsonObject? obj, JsonArray? array)
        {
            if (depth == frames.Count) frames.Add(new Frame());
            var frame = frames[depth];
            frame.Open(parent, obj, array);
            return frame;
        }

        private JsonNode ReadDocument()
        {
            // One byte-order mark is skipped (it counts as one column, as U+FEFF did in text); a second one is a
            // character JSON does not allow there.
            if (Has(3) && buf[pos] == 0xEF && buf[pos + 1] == 0xBB && buf[pos + 2] == 0xBF)
            {
                pos += 3;
                extraBytes += 2;
            }
            SkipWhitespace();
            if (Peek() < 0) throw Error("the text is empty; expected a JSON value");
            var stack = new Stack<Frame>();
            JsonNode? root = null;

            while (true)
            {
                // At the start of a value.
                SkipWhitespace();
                int c = Peek();
                if (c < 0) throw Error("the text ends where a value was expected (truncated?)");
                int vLine = line, vCol = Column;
                JsonNode value;
                Frame? opened = null;
                var parentFrame = stack.Count == 0 ? null : stack.Peek();
                if (c == '{')
                {
                    pos++;
                    var obj = new JsonObject();
                    opened = NewFrame(parentFrame, stack.Count, obj, null);
                    value = obj;
                }
                else if (c == '[')
                {
                    pos++;
                    var array = new JsonArray();
                    opened = NewFrame(parentFrame, stack.Count, null, array);
                    value = array;
                }
                else
                {
                    value = ReadScalar(c);
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
                        if (Peek() == '}') { pos++; stack.Pop().Close(); }
                        else { ReadKey(opened); continue; }
                    }
                    else
                    {
                        if (Peek() == ']') { pos++; stack.Pop().Close(); }
                        else continue;
                    }
                }

                // After a complete value: close containers or move to the next member.
                while (true)
                {
                    if (stack.Count == 0)
                    {
                        SkipWhitespace();
                        if (Peek() >= 0) throw Error($"unexpected {Describe(PeekChar())} after the end of the JSON value");
                        return root ?? throw new InvalidOperationException("no value was read");
                    }
                    var top = stack.Peek();
                    SkipWhitespace();
                    int d = Peek();
                    if (d < 0)
                        throw Error(top.Object != null ? "the text ends inside an object (missing '}')" : "the text ends inside an array (missing ']')");
                    if (d == ',')
                    {
                        pos++;
                        if (top.Object != null) { SkipWhitespace(); ReadKey(top); }
                        break;
                    }
                    if (top.Object != null && d == '}') { pos++; stack.Pop().Close(); continue; }
                    if (top.Array != null && d == ']') { pos++; stack.Pop().Close(); continue; }
                    throw Error(top.Object != null
                        ? $"expected ',' or '}}' after an object member, found {Describe(PeekChar())}"
                        : $"expected ',' or ']' after an array item, found {Describe(PeekChar())}");
                }
            }
        }

        private static string ChildKeyPath(string parent, string key) =>
            parent == JsonPath.Root ? JsonPath.Member(parent, key) : JsonPath.Key(parent, key);

        private void Attach(Frame parent, JsonNode value)
        {
            if (parent.Array != null)
            {
                parent.AddItem(value);
                return;
            }
            if (!parent.AddMember(value))
            {
                string parentPath = parent.Path();
                warnings.Add(new JsonReadWarning(ChildKeyPath(parentPath, parent.PendingKey),
                    $"The key '{parent.PendingKey}' appears more than once in {parentPath} (line {parent.KeyLine}, column {parent.KeyColumn}); the last value is kept, as the server does.",
                    parent.KeyLine, parent.KeyColumn));
            }
        }

        private void ReadKey(Frame frame)
        {
            int c = Peek();
            if (c < 0) throw Error("the text ends inside an object (missing '}')");
            if (c != '"')
                throw Error(c == '}' ? "a trailing comma before '}' is not allowed in JSON" : $"expected a property name in double quotes, found {Describe(PeekChar())}");
            frame.KeyLine = line;
            frame.KeyColumn = Column;
            string key = ReadString();
            frame.PendingKey = key;
            SkipWhitespace();
            if (Peek() != ':') throw Error($"expected ':' after the property name \"{key}\", found {DescribeAt()}");
            pos++;
        }

        private JsonNode ReadScalar(int c)
        {
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
                    throw Error($"expected a value, found {Describe(PeekChar())}");
            }
        }

        private JsonNumber ReadNumber()
        {
            int n = 0;
            if (Peek() == '-')
            {
                pos++;
                if (Matches("Infinity")) { pos += 8; return new JsonNumber("-Infinity"); }
                Append(ref n, '-');
            }
            if (!IsDigit(Peek())) throw Error("expected a digit in the number");
            if (Peek() == '0' && Has(2) && IsDigit(buf[pos + 1])) throw Error("numbers may not have leading zeros");
            ReadDigits(ref n);
            if (Peek() == '.')
            {
                pos++;
                Append(ref n, '.');
                if (!IsDigit(Peek())) throw Error("expected a digit after the decimal point");
                ReadDigits(ref n);
            }
            int e = Peek();
            if (e == 'e' || e == 'E')
            {
                pos++;
                Append(ref n, (char)e);
                int sign = Peek();
                if (sign == '+' || sign == '-') { pos++; Append(ref n, (char)sign); }
                if (!IsDigit(Peek())) throw Error("expected a digit in the exponent");
                ReadDigits(ref n);
            }
            return new JsonNumber(pool.Get(scratch, 0, n));
        }

        private void ReadDigits(ref int n)
        {
            while (IsDigit(Peek()))
            {
                Append(ref n, (char)buf[pos]);
                pos++;
            }
        }

        private void Append(ref int n, char c)
        {
            if (n == scratch.Length) Array.Resize(ref scratch, scratch.Length * 2);
            scratch[n++] = c;
        }

        private string ReadString()
        {
            int startLine = line, startCol = Column;
            pos++; // opening quote
            int n = 0;
            while (true)
            {
                if (pos >= len && !Fill(1)) throw PipelineInputException.InvalidJson("the text ends inside a string (missing closing quote)", startLine, startCol);
                int b = buf[pos];
                if (b == '"')
                {
                    pos++;
                    return pool.Get(scratch, 0, n);
                }
                if (b == '\\')
                {
                    ReadEscape(ref n, startLine, startCol);
                    continue;
                }
                if (b < 0x20) throw Error($"control character {Describe(b)} inside a string (escape it as \\u{b:x4})");
                if (b < 0x80)
                {
                    if (n == scratch.Length) Array.Resize(ref scratch, scratch.Length * 2);
                    scratch[n++] = (char)b;
                    pos++;
                    continue;
                }
                char c = DecodeMultiByte(out char low);
                Append(ref n, c);
                if (low != '\0') Append(ref n, low);
            }
        }

        private void ReadEscape(ref int n, int startLine, int startCol)
        {
            int escLine = line, escCol = Column;
            pos++;
            int e = Peek();
            if (e < 0) throw PipelineInputException.InvalidJson("the text ends inside a string (missing closing quote)", startLine, startCol);
            switch (e)
            {
                case '"': Append(ref n, '"'); break;
                case '\\': Append(ref n, '\\'); break;
                case '/': Append(ref n, '/'); break;
                case 'b': Append(ref n, '\b'); break;
                case 'f': Append(ref n, '\f'); break;
                case 'n': Append(ref n, '\n'); break;
                case 'r': Append(ref n, '\r'); break;
                case 't': Append(ref n, '\t'); break;
                case 'u':
                    pos++;
                    int code = 0;
                    for (int k = 0; k < 4; k++)
                    {
                        int digit = Has(k + 1) ? HexValue(buf[pos + k]) : -1;
                        if (digit < 0) throw PipelineInputException.InvalidJson("invalid \\u escape: expected four hex digits", escLine, escCol);
                        code = (code << 4) | digit;
                    }
                    Append(ref n, (char)code);
                    pos += 4;
                    return;
                default:
                    throw PipelineInputException.InvalidJson($"invalid escape '\\{(e < 0x80 ? ((char)e).ToString() : ((char)PeekChar()).ToString())}' in a string", escLine, escCol);
            }
            pos++;
        }

        private static int HexValue(int b)
        {
            if (b >= '0' && b <= '9') return b - '0';
            if (b >= 'a' && b <= 'f') return b - 'a' + 10;
            if (b >= 'A' && b <= 'F') return b - 'A' + 10;
            return -1;
        }

        private void ExpectWord(string word)
        {
            if (!Matches(word)) throw Error($"expected a value, found {DescribeAt()}");
            pos += word.Length;
        }

        private void SkipWhitespace()
        {
            while (true)
            {
                if (pos >= len && !Fill(1)) return;
                int c = buf[pos];
                if (c == ' ' || c == '\t' || c == '\r') { pos++; continue; }
                if (c == '\n') { NewLine(); continue; }
                return;
            }
        }

        private static bool IsDigit(int c) => c >= '0' && c <= '9';

        private string DescribeAt()
        {
            int c = PeekChar();
            return c < 0 ? "the end of the text" : Describe(c);
        }

        private static string Describe(int code)
        {
            char c = (char)code;
            if (c == '\uFEFF') return "U+FEFF (a byte-order mark; only one at the very start of the text is one)";
            if (c < 0x20 || char.IsSurrogate(c) || char.IsControl(c) || char.IsWhiteSpace(c)
                || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format) return $"U+{(int)c:X4}";
            return "'" + c + "'";
        }

        private PipelineInputException Error(string reason) => PipelineInputException.InvalidJson(reason, line, Column);
    }
}
