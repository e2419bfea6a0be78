using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BkSops.Api
{
    /// <summary>
    /// An answer's JSON envelope, read with Newtonsoft.Json (the module's library for plain JSON): result, code,
    /// message, ids and <c>data</c>. A fast_create_task answer carries the whole tree in <c>data.pipeline_tree</c>,
    /// which a bulk submission rarely looks at: the reader steps over it and keeps its text, which our lossless
    /// model reads only when the tree is wanted.
    /// </summary>
    internal sealed class AnswerEnvelope
    {
        private const string TreeMember = "pipeline_tree";
        private readonly Dictionary<string, JToken> members;

        private readonly ReturnedTreeText? tree;

        private AnswerEnvelope(Dictionary<string, JToken> members, ReturnedTreeText? tree)
        {
            this.members = members;
            this.tree = tree;
        }

        /// <summary>The envelope of a JSON object, or null when the text is not one (an error page, a proxy's text).</summary>
        public static AnswerEnvelope? TryRead(byte[]? body)
        {
            if (body == null) return null;
            // A byte-order mark is not JSON's, but a server may send one.
            int skip = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            // Usually strict JSON: the trees are found in one quick pass over the bytes (and decoded only when wanted),
            // and Newtonsoft.Json reads the rest with each tree replaced by a 0. Otherwise Newtonsoft.Json reads the
            // whole answer and steps over the trees itself. The pieces are cut at ASCII characters, so they decode as
            // the whole would.
            var spans = AnswerTreeSpans.Find(body, skip);
            Queue<ReturnedTreeText>? trees = null;
            string text;
            if (spans == null)
                text = Encoding.UTF8.GetString(body, skip, body.Length - skip);
            else
            {
                trees = new Queue<ReturnedTreeText>(spans.Count);
                var rest = new StringBuilder();
                int at = skip;
                foreach (var (start, length) in spans)
                {
                    trees.Enqueue(new ReturnedTreeText(body, start, length));
                    rest.Append(Encoding.UTF8.GetString(body, at, start - at)).Append('0');
                    at = start + length;
                }
                text = rest.Append(Encoding.UTF8.GetString(body, at, body.Length - at)).ToString();
            }
            var reader = new JsonTextReader(new StringReader(text))
            {
                MaxDepth = null,  // stepping over a deep tree is iterative; depth is the tree checker's business
                DateParseHandling = DateParseHandling.None,
            };
            try
            {
                if (!reader.Read() || reader.TokenType != JsonToken.StartObject) return null;
                var members = new Dictionary<string, JToken>(StringComparer.Ordinal);
                ReturnedTreeText? tree = null;
                // As Python's json.loads: a repeated key's last value counts.
                while (ReadMember(reader, out string name))
                {
                    if (name == "data" && reader.TokenType == JsonToken.StartObject)
                    {
                        members[name] = ReadData(reader, text, trees, out tree);
                        continue;
                    }
                    if (name == "data") tree = null;
                    members[name] = JToken.ReadFrom(reader);
                }
                return reader.Read() ? null : new AnswerEnvelope(members, tree);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>A top-level member's value (a JSON null included), or null when absent.</summary>
        public JToken? this[string name] => members.TryGetValue(name, out var value) ? value : null;

        /// <summary>The <c>data</c> value; of a created task, without its tree (see <see cref="TreeText"/>).</summary>
        public JToken? Data => this["data"];

        /// <summary>The text of <c>data.pipeline_tree</c>, unread (the returned tree); null when absent.</summary>
        public string? TreeText => tree?.Text;

        /// <summary>Whether the answer has a <c>data.pipeline_tree</c> (without decoding its text).</summary>
        public bool HasTree => tree != null;

        /// <summary>A returned tree's text: cut out of the decoded answer, or its bytes in the answer, decoded when first asked for.</summary>
        private sealed class ReturnedTreeText
        {
            private readonly byte[]? bytes;
            private readonly int start, length;
            private string? text;

            public ReturnedTreeText(string text) { this.text = text; }

            public ReturnedTreeText(byte[] bytes, int start, int length)
            {
                this.bytes = bytes;
                this.start = start;
                this.length = length;
            }

            public string Text => text ?? (text = Encoding.UTF8.GetString(bytes ?? Array.Empty<byte>(), start, length));
        }

        /// <summary>Moves to the next member's value; false at the object's end. Anything else is not an object member.</summary>
        private static bool ReadMember(JsonTextReader reader, out string name)
        {
            name = "";
            if (!reader.Read()) throw new JsonReaderException("The answer ends inside an object.");
            if (reader.TokenType == JsonToken.EndObject) return false;
            if (reader.TokenType != JsonToken.PropertyName || !(reader.Value is string key)) throw new JsonReaderException("Not an object member.");
            name = key;
            if (!reader.Read()) throw new JsonReaderException("The answer ends after a member name.");
            return true;
        }

        /// <summary>
        /// The data object's members but the tree; the tree is the next of <paramref name="trees"/> (found beforehand,
        /// a 0 in its place), else cut out of the answer as it stands.
        /// </summary>
        private static JObject ReadData(JsonTextReader reader, string text, Queue<ReturnedTreeText>? trees, out ReturnedTreeText? tree)
        {
            var data = new JObject();
            tree = null;
            LineStarts? lines = null;
            while (true)
            {
                if (!reader.Read()) throw new JsonReaderException("The answer ends inside data.");
                if (reader.TokenType == JsonToken.EndObject) return data;
                if (reader.TokenType != JsonToken.PropertyName || !(reader.Value is string name)) throw new JsonReaderException("Not an object member.");
                if (name != TreeMember)
                {
                    if (!reader.Read()) throw new JsonReaderException("The answer ends after a member name.");
                    data[name] = JToken.ReadFrom(reader);
                    continue;
                }
                if (trees != null)
                {
                    if (!reader.Read()) throw new JsonReaderException("The answer ends after a member name.");
                    reader.Skip();
                    // The same members as the quick pass found, in the same order (both read every data object's trees).
                    tree = trees.Count > 0 ? trees.Dequeue() : throw new JsonReaderException("The answer's trees were not where they were found.");
                    continue;
                }
                // The reader stands just past the member's colon; the value ends where the reader stands after skipping it.
                lines ??= new LineStarts(text);
                int start = lines.Offset(reader.LineNumber, reader.LinePosition);
                if (!reader.Read()) throw new JsonReaderException("The answer ends after a member name.");
                reader.Skip();
                int end = lines.Offset(reader.LineNumber, reader.LinePosition);
                while (start < end && (char.IsWhiteSpace(text[start]) || text[start] == ':')) start++;
                tree = new ReturnedTreeText(text.Substring(start, end - start));
            }
        }

        /// <summary>Turns the reader's line and position into an offset; a line ends as Newtonsoft counts it (\r\n, \r or \n).</summary>
        private sealed class LineStarts
        {
            private readonly string text;
            private List<int>? starts;

            public LineStarts(string text) { this.text = text; }

            public int Offset(int line, int position)
            {
                if (line <= 1) return position;
                if (starts == null)
                {
                    starts = new List<int> { 0 };
                    for (int i = 0; i < text.Length; i++)
                    {
                        char c = text[i];
                        if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                        if (c == '\r' || c == '\n') starts.Add(i + 1);
                    }
                }
                return starts[Math.Min(line, starts.Count) - 1] + position;
            }
        }
    }
}
