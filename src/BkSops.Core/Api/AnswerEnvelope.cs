#nullable enable
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

        private AnswerEnvelope(Dictionary<string, JToken> members, string? treeText)
        {
            this.members = members;
            TreeText = treeText;
        }

        /// <summary>The envelope of a JSON object, or null when the text is not one (an error page, a proxy's text).</summary>
        public static AnswerEnvelope? TryRead(byte[]? body)
        {
            if (body == null) return null;
            // A byte-order mark is not JSON's, but a server may send one.
            int skip = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            string text = Encoding.UTF8.GetString(body, skip, body.Length - skip);
            // Usually strict JSON: the trees are found in one quick pass and Newtonsoft.Json reads the rest with each
            // tree replaced by a 0. Otherwise Newtonsoft.Json reads the whole answer and steps over the trees itself.
            var spans = AnswerTreeSpans.Find(text, 0);
            var trees = spans == null ? null : new Queue<string>(spans.Count);
            string envelopeText = text;
            if (spans != null && trees != null && spans.Count > 0)
            {
                var rest = new StringBuilder(text.Length);
                int at = 0;
                foreach (var (start, length) in spans)
                {
                    trees.Enqueue(text.Substring(start, length));
                    rest.Append(text, at, start - at).Append('0');
                    at = start + length;
                }
                envelopeText = rest.Append(text, at, text.Length - at).ToString();
            }
            var reader = new JsonTextReader(new StringReader(envelopeText))
            {
                MaxDepth = null,  // stepping over a deep tree is iterative; depth is the tree checker's business
                DateParseHandling = DateParseHandling.None,
            };
            try
            {
                if (!reader.Read() || reader.TokenType != JsonToken.StartObject) return null;
                var members = new Dictionary<string, JToken>(StringComparer.Ordinal);
                string? treeText = null;
                // As Python's json.loads: a repeated key's last value counts.
                while (ReadMember(reader, out string name))
                {
                    if (name == "data" && reader.TokenType == JsonToken.StartObject)
                    {
                        members[name] = ReadData(reader, text, trees, out treeText);
                        continue;
                    }
                    if (name == "data") treeText = null;
                    members[name] = JToken.ReadFrom(reader);
                }
                return reader.Read() ? null : new AnswerEnvelope(members, treeText);
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
        public string? TreeText { get; }

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
        /// The data object's members but the tree; the tree's text is the next of <paramref name="trees"/> (found
        /// beforehand, a 0 in its place), else cut out of the answer as it stands.
        /// </summary>
        private static JObject ReadData(JsonTextReader reader, string text, Queue<string>? trees, out string? treeText)
        {
            var data = new JObject();
            treeText = null;
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
                    treeText = trees.Count > 0 ? trees.Dequeue() : throw new JsonReaderException("The answer's trees were not where they were found.");
                    continue;
                }
                // The reader stands just past the member's colon; the value ends where the reader stands after skipping it.
                lines ??= new LineStarts(text);
                int start = lines.Offset(reader.LineNumber, reader.LinePosition);
                if (!reader.Read()) throw new JsonReaderException("The answer ends after a member name.");
                reader.Skip();
                int end = lines.Offset(reader.LineNumber, reader.LinePosition);
                while (start < end && (char.IsWhiteSpace(text[start]) || text[start] == ':')) start++;
                treeText = text.Substring(start, end - start);
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
