using System;
using System.Text;

namespace BkSops.Json
{
    /// <summary>
    /// Decodes UTF-8 bytes as the server does (Python's <c>bytes.decode('utf-8', 'surrogatepass')</c>): an encoded
    /// surrogate (<c>ED A0 80</c>) is read as that lone surrogate; every byte sequence Python refuses (a stray
    /// continuation byte, <c>C0</c>/<c>C1</c>/<c>F5</c>-<c>FF</c>, an overlong form, a code point past U+10FFFF, a
    /// truncated sequence) is an <see cref="InvalidUtf8Exception"/>. A byte-order mark is kept as U+FEFF (the JSON
    /// reader skips one).
    /// </summary>
    public static class Utf8Text
    {
        private static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        public static string Decode(byte[] bytes, int count)
        {
            if (bytes == null) throw new ArgumentNullException(nameof(bytes));
            try
            {
                return Strict.GetString(bytes, 0, count);
            }
            catch (DecoderFallbackException)
            {
                // Encoded surrogates, or bytes the server refuses too: decode by hand to tell which, and where.
                return DecodeSlowly(bytes, count);
            }
        }

        private static string DecodeSlowly(byte[] bytes, int count)
        {
            var chars = new char[count];
            int n = 0, line = 1, lineStart = 0;
            for (int i = 0; i < count;)
            {
                byte b = bytes[i];
                if (b < 0x80)
                {
                    chars[n++] = (char)b;
                    i++;
                    if (b == '\n') { line++; lineStart = n; }
                    continue;
                }
                int length, min, codePoint;
                if (b >= 0xC2 && b <= 0xDF) { length = 2; min = 0x80; codePoint = b & 0x1F; }
                else if (b >= 0xE0 && b <= 0xEF) { length = 3; min = 0x800; codePoint = b & 0x0F; }
                else if (b >= 0xF0 && b <= 0xF4) { length = 4; min = 0x10000; codePoint = b & 0x07; }
                else throw new InvalidUtf8Exception(i, line, n - lineStart + 1, $"byte 0x{b:X2} cannot start a character");
                for (int k = 1; k < length; k++)
                {
                    if (i + k >= count)
                        throw new InvalidUtf8Exception(i, line, n - lineStart + 1, $"the text ends inside the character that starts with byte 0x{b:X2}");
                    byte next = bytes[i + k];
                    if ((next & 0xC0) != 0x80)
                        throw new InvalidUtf8Exception(i, line, n - lineStart + 1, $"byte 0x{b:X2} is not followed by the continuation bytes it needs");
                    codePoint = (codePoint << 6) | (next & 0x3F);
                }
                if (codePoint < min)
                    throw new InvalidUtf8Exception(i, line, n - lineStart + 1, "an overlong encoding (a character written with more bytes than it needs)");
                if (codePoint > 0x10FFFF)
                    throw new InvalidUtf8Exception(i, line, n - lineStart + 1, "a code point past U+10FFFF");
                if (codePoint >= 0x10000)
                {
                    codePoint -= 0x10000;
                    chars[n++] = (char)(0xD800 + (codePoint >> 10));
                    chars[n++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
                else chars[n++] = (char)codePoint;
                i += length;
            }
            return new string(chars, 0, n);
        }
    }

    /// <summary>Bytes that are not UTF-8 (even allowing encoded surrogates): where, and what is wrong.</summary>
    public sealed class InvalidUtf8Exception : FormatException
    {
        public InvalidUtf8Exception(long byteOffset, int line, int column, string reason)
            : base($"Invalid UTF-8 at byte offset {byteOffset} (line {line}, column {column}): {reason}")
        {
            ByteOffset = byteOffset;
            Line = line;
            Column = column;
            Reason = reason;
        }

        public long ByteOffset { get; }
        public int Line { get; }
        public int Column { get; }
        public string Reason { get; }
    }
}
