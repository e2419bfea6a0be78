#nullable enable
using System;
using System.Collections.Generic;
using System.Text;
using BkSops.Json;
using BkSops.Serialization;

namespace BkSops.Api
{
    /// <summary>
    /// The members of an answer's JSON object (and of its <c>data</c> object), found without building the values:
    /// each member is read with the module's <see cref="JsonReader"/> only when asked for. A fast_create_task answer
    /// carries the whole tree, which a bulk submission rarely looks at, so the tree stays bytes until it is wanted.
    /// </summary>
    internal sealed class AnswerEnvelope
    {
        private readonly byte[] body;
        private readonly List<Member> members;
        private List<Member>? dataMembers;

        private struct Member
        {
            public string Name;
            public int Start, End;
            public JsonNode? Value;
        }

        private AnswerEnvelope(byte[] body, List<Member> members)
        {
            this.body = body;
            this.members = members;
        }

        /// <summary>The envelope of a JSON object, or null when the text is not one (an error page, a proxy's text).</summary>
        public static AnswerEnvelope? TryRead(byte[]? body)
        {
            if (body == null) return null;
            int pos = SkipSpace(body, 0);
            // A byte-order mark is not JSON's, but a server may send one.
            if (pos + 2 < body.Length && body[pos] == 0xEF && body[pos + 1] == 0xBB && body[pos + 2] == 0xBF) pos = SkipSpace(body, pos + 3);
            List<Member>? dataMembers = null;
            var members = ScanObject(body, ref pos, name => name == "data", ref dataMembers);
            if (members == null || SkipSpace(body, pos) != body.Length) return null;
            var envelope = new AnswerEnvelope(body, members);
            int data = envelope.IndexOf(envelope.members, "data");
            // The data object's members were found in the same pass, unless a later "data" replaced it.
            if (data >= 0 && body[members[data].Start] == (byte)'{')
            {
                if (dataMembers == null || members.FindLastIndex(m => m.Name == "data") != data) { int at = members[data].Start; List<Member>? none = null; dataMembers = ScanObject(body, ref at, null, ref none); }
                envelope.dataMembers = dataMembers;
            }
            // Every member but the tree is small: read them now, so a malformed one makes the whole answer "not JSON".
            try
            {
                for (int i = 0; i < members.Count; i++)
                    if (i != data || envelope.dataMembers == null) envelope.Value(envelope.members, i);
                if (envelope.dataMembers != null)
                    for (int i = 0; i < envelope.dataMembers.Count; i++)
                        if (envelope.dataMembers[i].Name != "pipeline_tree") envelope.Value(envelope.dataMembers, i);
            }
            catch (PipelineInputException)
            {
                return null;
            }
            return envelope;
        }

        /// <summary>A top-level member's value, or null when absent.</summary>
        public JsonNode? this[string name]
        {
            get
            {
                int i = IndexOf(members, name);
                return i < 0 ? null : Value(members, i);
            }
        }

        /// <summary>The whole <c>data</c> value (for answers whose data is wanted whole: status, lists).</summary>
        public JsonNode? Data
        {
            get
            {
                if (dataMembers == null) return this["data"];
                var data = new JsonObject();
                for (int i = 0; i < dataMembers.Count; i++) data.Set(dataMembers[i].Name, Value(dataMembers, i));
                return data;
            }
        }

        /// <summary>True when <c>data</c> is a JSON object (its members can be read one by one).</summary>
        public bool HasDataObject => dataMembers != null;

        /// <summary>A member of the <c>data</c> object, read on its own; null when absent or when data is no object.</summary>
        public JsonNode? DataMember(string name)
        {
            if (dataMembers == null) return null;
            int i = IndexOf(dataMembers, name);
            return i < 0 ? null : Value(dataMembers, i);
        }

        /// <summary>The text of a member of <c>data</c>, unread (the returned tree); null when absent.</summary>
        public string? DataMemberText(string name)
        {
            if (dataMembers == null) return null;
            int i = IndexOf(dataMembers, name);
            return i < 0 ? null : Encoding.UTF8.GetString(body, dataMembers[i].Start, dataMembers[i].End - dataMembers[i].Start);
        }

        private JsonNode Value(List<Member> list, int i)
        {
            var m = list[i];
            if (m.Value == null)
            {
                m.Value = Scalar(body, m.Start, m.End) ?? JsonReader.Parse(Encoding.UTF8.GetString(body, m.Start, m.End - m.Start));
                list[i] = m;
            }
            return m.Value;
        }

        /// <summary>
        /// The envelope's usual small values (true, a code, a plain string) made directly, since a reader is built for
        /// documents; anything else (escapes, containers, unusual numbers) is left to <see cref="JsonReader"/>.
        /// </summary>
        private static JsonNode? Scalar(byte[] b, int start, int end)
        {
            int length = end - start;
            if (length == 4 && b[start] == (byte)'t' && b[start + 1] == (byte)'r' && b[start + 2] == (byte)'u' && b[start + 3] == (byte)'e') return JsonBoolean.True();
            if (length == 5 && b[start] == (byte)'f' && b[start + 1] == (byte)'a' && b[start + 2] == (byte)'l' && b[start + 3] == (byte)'s' && b[start + 4] == (byte)'e') return JsonBoolean.False();
            if (length == 4 && b[start] == (byte)'n' && b[start + 1] == (byte)'u' && b[start + 2] == (byte)'l' && b[start + 3] == (byte)'l') return new JsonNull();
            if (b[start] == (byte)'"')
            {
                for (int i = start + 1; i < end - 1; i++)
                    if (b[i] == (byte)'\\' || b[i] < 0x20) return null;
                return new JsonString(Encoding.UTF8.GetString(b, start + 1, length - 2));
            }
            // A plain integer: an optional minus, then 0 or digits not starting with 0.
            int d = b[start] == (byte)'-' ? start + 1 : start;
            if (d >= end || (b[d] == (byte)'0' && end - d > 1)) return null;
            for (int i = d; i < end; i++)
                if (b[i] < (byte)'0' || b[i] > (byte)'9') return null;
            return new JsonNumber(Encoding.ASCII.GetString(b, start, length));
        }

        private int IndexOf(List<Member> list, string name)
        {
            // As Python's json.loads: a repeated key's last value counts.
            for (int i = list.Count - 1; i >= 0; i--)
                if (list[i].Name == name) return i;
            return -1;
        }

        /// <summary>The members of the object at <paramref name="pos"/> (their value spans), or null when it is no well-formed object.</summary>
        private static List<Member>? ScanObject(byte[] b, ref int pos, Func<string, bool>? scanInside, ref List<Member>? inner)
        {
            if (pos >= b.Length || b[pos] != (byte)'{') return null;
            var list = new List<Member>();
            pos = SkipSpace(b, pos + 1);
            if (pos < b.Length && b[pos] == (byte)'}') { pos++; return list; }
            while (true)
            {
                if (pos >= b.Length || b[pos] != (byte)'"') return null;
                int keyStart = pos;
                if (!SkipString(b, ref pos)) return null;
                string? name = KeyText(b, keyStart, pos);
                if (name == null) return null;
                pos = SkipSpace(b, pos);
                if (pos >= b.Length || b[pos] != (byte)':') return null;
                pos = SkipSpace(b, pos + 1);
                int valueStart = pos;
                if (scanInside != null && pos < b.Length && b[pos] == (byte)'{' && scanInside(name))
                {
                    List<Member>? none = null;
                    inner = ScanObject(b, ref pos, null, ref none);
                    if (inner == null) return null;
                }
                else if (!SkipValue(b, ref pos)) return null;
                list.Add(new Member { Name = name, Start = valueStart, End = pos });
                pos = SkipSpace(b, pos);
                if (pos >= b.Length) return null;
                if (b[pos] == (byte)'}') { pos++; return list; }
                if (b[pos] != (byte)',') return null;
                pos = SkipSpace(b, pos + 1);
            }
        }

        private static string? KeyText(byte[] b, int start, int end)
        {
            bool plain = true;
            for (int i = start + 1; i < end - 1; i++)
                if (b[i] == (byte)'\\' || b[i] >= 0x80) { plain = false; break; }
            if (plain) return Encoding.ASCII.GetString(b, start + 1, end - start - 2);
            try { return (JsonReader.Parse(Encoding.UTF8.GetString(b, start, end - start)) as JsonString)?.Value; }
            catch (PipelineInputException) { return null; }
        }

        /// <summary>Moves past one value; containers by their brackets, strings by their quotes (escapes honoured). Iterative.</summary>
        private static bool SkipValue(byte[] b, ref int pos)
        {
            if (pos >= b.Length) return false;
            byte c = b[pos];
            if (c == (byte)'"') return SkipString(b, ref pos);
            if (c == (byte)'{' || c == (byte)'[')
            {
                var open = new List<bool>();  // true: an object is open
                for (int i = pos; i < b.Length; i++)
                {
                    c = b[i];
                    if (c == (byte)'"')
                    {
                        if (!SkipString(b, ref i)) return false;
                        i--;
                    }
                    else if (c == (byte)'{' || c == (byte)'[') open.Add(c == (byte)'{');
                    else if (c == (byte)'}' || c == (byte)']')
                    {
                        int last = open.Count - 1;
                        if (last < 0 || open[last] != (c == (byte)'}')) return false;
                        open.RemoveAt(last);
                        if (last == 0) { pos = i + 1; return true; }
                    }
                }
                return false;
            }
            int start = pos;
            while (pos < b.Length && b[pos] != (byte)',' && b[pos] != (byte)'}' && b[pos] != (byte)']' && !IsSpace(b[pos])) pos++;
            return pos > start;
        }

        /// <summary>From an opening quote to just past its closing one.</summary>
        private static bool SkipString(byte[] b, ref int pos)
        {
            for (int i = pos + 1; i < b.Length; i++)
            {
                byte c = b[i];
                if (c == (byte)'"') { pos = i + 1; return true; }
                if (c == (byte)'\\') i++;
            }
            return false;
        }

        private static int SkipSpace(byte[] b, int pos)
        {
            while (pos < b.Length && IsSpace(b[pos])) pos++;
            return pos;
        }

        private static bool IsSpace(byte c) => c == (byte)' ' || c == (byte)'\n' || c == (byte)'\r' || c == (byte)'\t';
    }
}
