using System;
using System.IO;

namespace BkSops.Json
{
    // The byte side of the reader: a window on the UTF-8 input (all of it for bytes in memory, a refilled buffer for a
    // stream), the position as line and column in UTF-16 code units (what the reader reported when it read text), and
    // decoding as the server decodes a body (Python's 'surrogatepass': an encoded surrogate is that lone surrogate,
    // every sequence Python refuses is an InvalidUtf8Exception).
    public sealed partial class JsonReader
    {
        private const int StreamBufferSize = 1 << 16;

        private readonly Stream? stream;
        private byte[] buf;
        private int pos;
        private int len;
        private bool eof;
        // Absolute offset of buf[0]; bytes read past UTF-16 units (a 3-byte character is 1 unit, so 2 extra).
        private long basePos;
        private long extraBytes;
        private int line = 1;
        private long lineStartUnit;

        private int Column => (int)Math.Min(int.MaxValue, basePos + pos - extraBytes - lineStartUnit + 1);

        /// <summary>True when at least <paramref name="n"/> bytes are left from the position (refilling the window).</summary>
        private bool Has(int n) => len - pos >= n || Fill(n);

        /// <summary>The byte at the position, or -1 at the end of the input.</summary>
        private int Peek() => pos < len || Fill(1) ? buf[pos] : -1;

        private bool Fill(int n)
        {
            if (stream == null || eof) return len - pos >= n;
            if (pos > 0)
            {
                Buffer.BlockCopy(buf, pos, buf, 0, len - pos);
                basePos += pos;
                len -= pos;
                pos = 0;
            }
            while (len < n || len < buf.Length / 2)
            {
                if (len == buf.Length) Array.Resize(ref buf, buf.Length * 2);
                int read = stream.Read(buf, len, buf.Length - len);
                if (read == 0) { eof = true; break; }
                len += read;
            }
            return len - pos >= n;
        }

        private void NewLine()
        {
            pos++;
            line++;
            lineStartUnit = basePos + pos - extraBytes;
        }

        /// <summary>True when the bytes at the position are the ASCII text <paramref name="word"/>.</summary>
        private bool Matches(string word)
        {
            if (!Has(word.Length)) return false;
            for (int i = 0; i < word.Length; i++)
                if (buf[pos + i] != word[i]) return false;
            return true;
        }

        /// <summary>
        /// Decodes the character that starts with a byte of 0x80 or more at the position and moves past it. Returns its
        /// first UTF-16 unit; <paramref name="low"/> is the second of a pair, else 0.
        /// </summary>
        private char DecodeMultiByte(out char low)
        {
            low = '\0';
            int b = buf[pos];
            int length, min, codePoint;
            if (b >= 0xC2 && b <= 0xDF) { length = 2; min = 0x80; codePoint = b & 0x1F; }
            else if (b >= 0xE0 && b <= 0xEF) { length = 3; min = 0x800; codePoint = b & 0x0F; }
            else if (b >= 0xF0 && b <= 0xF4) { length = 4; min = 0x10000; codePoint = b & 0x07; }
            else throw InvalidUtf8($"byte 0x{b:X2} cannot start a character");
            Has(length);
            for (int k = 1; k < length; k++)
            {
                if (pos + k >= len) throw InvalidUtf8($"the text ends inside the character that starts with byte 0x{b:X2}");
                int next = buf[pos + k];
                if ((next & 0xC0) != 0x80) throw InvalidUtf8($"byte 0x{b:X2} is not followed by the continuation bytes it needs");
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            if (codePoint < min) throw InvalidUtf8("an overlong encoding (a character written with more bytes than it needs)");
            if (codePoint > 0x10FFFF) throw InvalidUtf8("a code point past U+10FFFF");
            pos += length;
            if (codePoint >= 0x10000)
            {
                extraBytes += 2;
                codePoint -= 0x10000;
                low = (char)(0xDC00 + (codePoint & 0x3FF));
                return (char)(0xD800 + (codePoint >> 10));
            }
            extraBytes += length - 1;
            return (char)codePoint;
        }

        /// <summary>The character at the position without moving past it (for a message), or -1 at the end.</summary>
        private int PeekChar()
        {
            int b = Peek();
            if (b < 0x80) return b;
            int at = pos;
            long extra = extraBytes;
            char c = DecodeMultiByte(out _);
            pos = at;
            extraBytes = extra;
            return c;
        }

        /// <summary>
        /// The server decodes the whole body before it parses it, so bytes it refuses win over a JSON error found
        /// earlier: checks the rest of the input (counting lines as the decoder does) and throws the first such byte.
        /// </summary>
        private void CheckRestIsUtf8()
        {
            while (true)
            {
                if (pos >= len && !Fill(1)) return;
                int b = buf[pos];
                if (b == '\n') NewLine();
                else if (b < 0x80) pos++;
                else DecodeMultiByte(out _);
            }
        }

        private InvalidUtf8Exception InvalidUtf8(string reason) => new InvalidUtf8Exception(basePos + pos, line, Column, reason);

        /// <summary>
        /// Text as the UTF-8 bytes the reader takes: lone surrogates as their 3-byte forms (which read back as the
        /// same lone surrogates), so text that holds them reads as before.
        /// </summary>
        private static byte[] EncodeText(string text, out int count)
        {
            long size = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                size += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
            var bytes = new byte[size];
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c < 0x80) { bytes[n++] = (byte)c; continue; }
                if (c < 0x800)
                {
                    bytes[n++] = (byte)(0xC0 | (c >> 6));
                    bytes[n++] = (byte)(0x80 | (c & 0x3F));
                    continue;
                }
                if (char.IsHighSurrogate((char)c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    int codePoint = char.ConvertToUtf32((char)c, text[++i]);
                    bytes[n++] = (byte)(0xF0 | (codePoint >> 18));
                    bytes[n++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    bytes[n++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    bytes[n++] = (byte)(0x80 | (codePoint & 0x3F));
                    continue;
                }
                bytes[n++] = (byte)(0xE0 | (c >> 12));
                bytes[n++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                bytes[n++] = (byte)(0x80 | (c & 0x3F));
            }
            count = n;
            return bytes;
        }
    }
}
