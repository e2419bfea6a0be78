using System;
using System.IO;
using System.Text;
using BkSops.Json;
using BkSops.Serialization;
using Xunit;

namespace BkSops.Core.Tests.Json
{
    /// <summary>
    /// The reader parses UTF-8 bytes straight into the model, from memory or from a stream in chunks: it must read
    /// exactly what reading the decoded text reads (values, positions, errors), wherever the chunk boundaries fall.
    /// </summary>
    public class Utf8StreamReadingTests
    {
        private static readonly string[] Texts =
        {
            "{\"a\": [1, 2.5e-3, -0, true, false, null, NaN, -Infinity], \"b\": {\"c\": \"\\u00e9\\ud83d\\ude00\\ud800\"}}",
            "{\"\u4e2d\u6587\": \"\u00e9\u00e8 \uD83D\uDE00\", \"n\": 12}",
            "\uFEFF{\"x\": 1}",
            "{\"k\": 1, \"k\": 2}",
            "{\"a\": 1,\n  \"b\": \u00e9}",
            "[1, 2,]",
            "{\"a\": \"tab\there\"}",
            "{\"a\": \"\\x\"}",
            "{\"a\": \"\\u12\"}",
            "\uFEFF\uFEFF{}",
            "{\"\u00e9\u00e9\": tru}",
            "[1] \u4e2d",
            "{\"a\": \"unterminated",
        };

        [Fact]
        public void BytesFromAStreamReadAsTheDecodedTextReads()
        {
            foreach (string text in Texts)
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(text);
                string expected = Outcome(() => JsonReader.Read(text));
                Assert.Equal(expected, Outcome(() => JsonReader.Read(utf8, utf8.Length)));
                Assert.Equal(expected, Outcome(() => JsonReader.Read(new TrickleStream(utf8))));
            }
        }

        [Fact]
        public void ACharacterAcrossAChunkBoundaryIsReadWhole()
        {
            // 64 KB chunks: put a 4-byte and a 3-byte character across the first boundary, a newline after it.
            for (int shift = 0; shift < 4; shift++)
            {
                string filler = new string('x', 65536 - 8 - shift);
                string text = "[\"" + filler + "\uD83D\uDE00\u4e2d\",\n \"\u00e9\", bad]";
                byte[] utf8 = Encoding.UTF8.GetBytes(text);
                var error = Assert.Throws<PipelineInputException>(() => JsonReader.Read(new MemoryStream(utf8)));
                var fromText = Assert.Throws<PipelineInputException>(() => JsonReader.Read(text));
                Assert.Equal(fromText.Message, error.Message);
                Assert.Equal(2, error.Line);
                byte[] valid = Encoding.UTF8.GetBytes(text.Replace("bad", "1"));
                var list = (JsonArray)JsonReader.Read(new MemoryStream(valid)).Root;
                Assert.Equal(filler + "\uD83D\uDE00\u4e2d", ((JsonString)list[0]).Value);
                Assert.Equal((2, 2), (list[1].Line, list[1].Column));
            }
        }

        [Fact]
        public void InvalidUtf8AfterAJsonErrorWinsAsTheServerDecodesFirst()
        {
            byte[] bytes = Encoding.UTF8.GetBytes("{\"a\": tru, \"b\": \"\u00e9\",\n\"c\": \"x");
            var all = new byte[bytes.Length + 3];
            bytes.CopyTo(all, 0);
            all[bytes.Length] = 0xC0;
            all[bytes.Length + 1] = 0xAF;
            all[bytes.Length + 2] = (byte)'"';
            var expected = Assert.Throws<InvalidUtf8Exception>(() => Utf8Text.Decode(all, all.Length));
            foreach (var read in new Func<JsonReadResult>[] { () => JsonReader.Read(all, all.Length), () => JsonReader.Read(new TrickleStream(all)) })
            {
                var error = Assert.Throws<InvalidUtf8Exception>(() => read());
                Assert.Equal(expected.Message, error.Message);
                Assert.Equal((2, 8), (error.Line, error.Column));
            }
        }

        [Fact]
        public void AnEncodedSurrogateReadsAsTheLoneSurrogate()
        {
            byte[] bytes = { (byte)'"', (byte)'a', 0xED, 0xA0, 0x80, (byte)'"' };
            Assert.Equal("a\uD800", ((JsonString)JsonReader.Read(bytes, bytes.Length).Root).Value);
        }

        private static string Outcome(Func<JsonReadResult> read)
        {
            try
            {
                var result = read();
                var text = new StringBuilder(JsonWriter.Write(result.Root, indented: false));
                Positions(result.Root, text);
                foreach (var warning in result.Warnings) text.Append('|').Append(warning.Message);
                return text.ToString();
            }
            catch (Exception e) when (e is PipelineInputException || e is InvalidUtf8Exception)
            {
                return e.GetType().Name + ": " + e.Message;
            }
        }

        private static void Positions(JsonNode node, StringBuilder into)
        {
            var pending = new System.Collections.Generic.Stack<JsonNode>();
            pending.Push(node);
            while (pending.Count > 0)
            {
                var n = pending.Pop();
                into.Append(' ').Append(n.Line).Append(':').Append(n.Column);
                if (n is JsonObject o)
                    foreach (var m in o.Properties) { into.Append(" k").Append(m.Line).Append(':').Append(m.Column); pending.Push(m.Value); }
                else if (n is JsonArray a)
                    foreach (var item in a.Items) pending.Push(item);
            }
        }

        /// <summary>A stream that gives one byte per read: every byte is a chunk boundary.</summary>
        private sealed class TrickleStream : MemoryStream
        {
            public TrickleStream(byte[] bytes) : base(bytes) { }
            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(1, count));
        }
    }
}
