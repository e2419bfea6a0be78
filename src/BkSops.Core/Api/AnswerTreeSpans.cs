using System.Collections.Generic;

namespace BkSops.Api
{
    /// <summary>
    /// Finds, in one quick pass over an answer's UTF-8 bytes, where each <c>data.pipeline_tree</c> value lies (every top-level
    /// <c>data</c> object, every <c>pipeline_tree</c> member of it, in order), checking on the way that the whole text
    /// is one strict JSON object (RFC 8259: no comments, no trailing commas, no NaN). A created task's answer is mostly
    /// its tree; finding the tree's end here costs a fraction of stepping over its tokens with Newtonsoft.Json.
    /// Anything else (not strict JSON) gives null, and the caller reads the answer the slow way, so what is accepted
    /// and what the envelope holds never depend on this pass. Iterative: nesting depth costs heap, not stack.
    /// </summary>
    internal static class AnswerTreeSpans
    {
        private const string DataMember = "data";
        private const string TreeMember = "pipeline_tree";

        /// <summary>The spans (start, length in bytes) of the tree values, in text order; null when the text is not strict JSON.</summary>
        public static List<(int Start, int Length)>? Find(byte[] text, int from)
        {
            var spans = new List<(int, int)>(1);
            var open = new List<bool>(16);  // per open container: true for an object
            int pos = SkipSpace(text, from);
            if (pos >= text.Length || text[pos] != '{') return null;
            // The path to the current member: depth 1 is the answer's members; depth 2 those of a data object.
            bool inData = false;      // the open object at depth 2 is a data member's value
            string? memberName = null;  // the name of the member whose value comes next, at depth 1 or 2 (else null)
            while (true)
            {
                // Here a value starts at pos.
                if (pos >= text.Length) return null;
                int depth = open.Count;
                byte c = text[pos];
                if (depth == 2 && inData && memberName == TreeMember)
                {
                    int end = SkipValue(text, pos);
                    if (end < 0) return null;
                    spans.Add((pos, end - pos));
                    pos = end;
                }
                else if (c == '{' || c == '[')
                {
                    if (depth == 1) inData = c == '{' && memberName == DataMember;
                    open.Add(c == '{');
                    pos = SkipSpace(text, pos + 1);
                    if (pos >= text.Length) return null;
                    byte close = c == '{' ? (byte)'}' : (byte)']';
                    if (text[pos] == close)
                    {
                        open.RemoveAt(open.Count - 1);
                        pos++;
                    }
                    else if (c == '{')
                    {
                        pos = Member(text, pos, open.Count, out memberName);
                        if (pos < 0) return null;
                        continue;
                    }
                    else
                    {
                        memberName = null;
                        continue;
                    }
                }
                else
                {
                    pos = SkipScalar(text, pos);
                    if (pos < 0) return null;
                }
                // After a value: a comma and the next member or item, or the end of containers.
                while (true)
                {
                    if (open.Count == 0) return SkipSpace(text, pos) == text.Length ? spans : null;
                    pos = SkipSpace(text, pos);
                    if (pos >= text.Length) return null;
                    bool isObject = open[open.Count - 1];
                    byte next = text[pos];
                    if (next == ',')
                    {
                        pos = SkipSpace(text, pos + 1);
                        if (isObject)
                        {
                            pos = Member(text, pos, open.Count, out memberName);
                            if (pos < 0) return null;
                        }
                        else memberName = null;
                        break;
                    }
                    if (next != (isObject ? '}' : ']')) return null;
                    open.RemoveAt(open.Count - 1);
                    pos++;
                }
            }
        }

        /// <summary>Reads <c>"name" :</c> and moves to the value; the name is kept only where it matters (depth 1 and 2).</summary>
        private static int Member(byte[] text, int pos, int depth, out string? name)
        {
            name = null;
            if (pos >= text.Length || text[pos] != '"') return -1;
            int end = SkipString(text, pos);
            if (end < 0) return -1;
            if (depth <= 2) name = Decode(text, pos + 1, end - 1);
            pos = SkipSpace(text, end);
            if (pos >= text.Length || text[pos] != ':') return -1;
            return SkipSpace(text, pos + 1);
        }

        /// <summary>The end of one value (any kind, any depth) starting at <paramref name="pos"/>; -1 when it is not strict JSON.</summary>
        private static int SkipValue(byte[] text, int pos)
        {
            var open = new List<bool>(16);
            while (true)
            {
                if (pos >= text.Length) return -1;
                byte c = text[pos];
                if (c == '{' || c == '[')
                {
                    open.Add(c == '{');
                    pos = SkipSpace(text, pos + 1);
                    if (pos >= text.Length) return -1;
                    if (text[pos] == (c == '{' ? '}' : ']'))
                    {
                        open.RemoveAt(open.Count - 1);
                        pos++;
                    }
                    else
                    {
                        if (c == '{' && (pos = Key(text, pos)) < 0) return -1;
                        continue;
                    }
                }
                else if ((pos = SkipScalar(text, pos)) < 0) return -1;
                while (true)
                {
                    if (open.Count == 0) return pos;
                    pos = SkipSpace(text, pos);
                    if (pos >= text.Length) return -1;
                    bool isObject = open[open.Count - 1];
                    if (text[pos] == ',')
                    {
                        pos = SkipSpace(text, pos + 1);
                        if (isObject && (pos = Key(text, pos)) < 0) return -1;
                        break;
                    }
                    if (text[pos] != (isObject ? '}' : ']')) return -1;
                    open.RemoveAt(open.Count - 1);
                    pos++;
                }
            }
        }

        private static int Key(byte[] text, int pos)
        {
            if (pos >= text.Length || text[pos] != '"') return -1;
            pos = SkipString(text, pos);
            if (pos < 0) return -1;
            pos = SkipSpace(text, pos);
            if (pos >= text.Length || text[pos] != ':') return -1;
            return SkipSpace(text, pos + 1);
        }

        /// <summary>A string, number, true, false or null; the position after it, or -1.</summary>
        private static int SkipScalar(byte[] text, int pos)
        {
            byte c = text[pos];
            if (c == '"') return SkipString(text, pos);
            if (c == '-' || (c >= '0' && c <= '9')) return SkipNumber(text, pos);
            if (Word(text, pos, "true")) return pos + 4;
            if (Word(text, pos, "false")) return pos + 5;
            if (Word(text, pos, "null")) return pos + 4;
            return -1;
        }

        private static bool Word(byte[] text, int pos, string word)
        {
            if (pos + word.Length > text.Length) return false;
            for (int i = 0; i < word.Length; i++)
                if (text[pos + i] != word[i]) return false;
            return true;
        }

        /// <summary>The position after the closing quote; -1 for a bad escape, a control character or no end.</summary>
        private static int SkipString(byte[] text, int pos)
        {
            for (int i = pos + 1; i < text.Length; i++)
            {
                byte c = text[i];
                if (c == '"') return i + 1;
                if (c < (byte)' ') return -1;
                if (c != '\\') continue;
                if (++i >= text.Length) return -1;
                switch ((char)text[i])
                {
                    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                        break;
                    case 'u':
                        if (i + 4 >= text.Length) return -1;
                        for (int k = 1; k <= 4; k++)
                            if (!IsHex(text[i + k])) return -1;
                        i += 4;
                        break;
                    default:
                        return -1;
                }
            }
            return -1;
        }

        private static bool IsHex(byte c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?; the position after it, or -1.</summary>
        private static int SkipNumber(byte[] text, int pos)
        {
            int i = pos;
            if (text[i] == '-') i++;
            if (i >= text.Length) return -1;
            if (text[i] == '0') i++;
            else if (text[i] >= '1' && text[i] <= '9') i = Digits(text, i);
            else return -1;
            if (i < text.Length && text[i] == '.')
            {
                int after = Digits(text, i + 1);
                if (after == i + 1) return -1;
                i = after;
            }
            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
                int after = Digits(text, i);
                if (after == i) return -1;
                i = after;
            }
            return i;
        }

        private static int Digits(byte[] text, int i)
        {
            while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
            return i;
        }

        private static int SkipSpace(byte[] text, int pos)
        {
            while (pos < text.Length)
            {
                byte c = text[pos];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
                pos++;
            }
            return pos;
        }

        /// <summary>A member name's text between its quotes, escapes decoded (only names that can matter are compared).</summary>
        private static string Decode(byte[] bytes, int start, int end)
        {
            string text = System.Text.Encoding.UTF8.GetString(bytes, start, end - start);
            if (text.IndexOf('\\') < 0) return text;
            var name = new System.Text.StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c != '\\') { name.Append(c); continue; }
                char e = text[++i];
                switch (e)
                {
                    case 'b': name.Append('\b'); break;
                    case 'f': name.Append('\f'); break;
                    case 'n': name.Append('\n'); break;
                    case 'r': name.Append('\r'); break;
                    case 't': name.Append('\t'); break;
                    case 'u':
                        name.Append((char)System.Convert.ToInt32(text.Substring(i + 1, 4), 16));
                        i += 4;
                        break;
                    default: name.Append(e); break;
                }
            }
            return name.ToString();
        }
    }
}
