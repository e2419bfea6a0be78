using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using BkSops.Json;
using BkSops.Serialization;
using Xunit;

namespace BkSops.Core.Tests.Hostile
{
    /// <summary>Issue #13, items 3, 5, 6 and 7: reading files and bytes as the server reads a request body.</summary>
    public sealed class HostileReadingTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "bksops-hostile-" + Guid.NewGuid().ToString("N"));

        public HostileReadingTests() => Directory.CreateDirectory(folder);
        public void Dispose() => Directory.Delete(folder, recursive: true);

        private string FileWith(byte[] bytes, string name = "tree.json")
        {
            string path = Path.Combine(folder, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private static byte[] Bytes(params object[] parts)
        {
            var all = new MemoryStream();
            foreach (var part in parts)
            {
                var bytes = part is string s ? Encoding.UTF8.GetBytes(s) : (byte[])part;
                all.Write(bytes, 0, bytes.Length);
            }
            return all.ToArray();
        }

        // ---- item 5: invalid UTF-8 ----

        [Theory]
        [InlineData(new byte[] { 0xFF }, 7, "byte 0xFF cannot start a character")]
        [InlineData(new byte[] { 0xC0, 0xAF }, 7, "byte 0xC0 cannot start a character")]
        [InlineData(new byte[] { 0xE0, 0x80, 0x80 }, 7, "overlong")]
        [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, 7, "past U+10FFFF")]
        [InlineData(new byte[] { 0xE2, 0x82, 0x22 }, 7, "not followed by the continuation bytes")]
        [InlineData(new byte[] { 0x80 }, 7, "byte 0x80 cannot start a character")]
        public void BytesPythonRefusesAreAReadingErrorWithOffsetLineColumnAndTheServerAnswer(byte[] bad, int offset, string reason)
        {
            string path = FileWith(Bytes("{\"a\": \"", bad, "\"}"));
            var e = Assert.Throws<PipelineInputException>(() => PipelineReader.ReadFile(path));
            Assert.Equal(PipelineInputReason.InvalidUtf8, e.Reason);
            Assert.Contains($"byte offset {offset} (line 1, column 8)", e.Message);
            Assert.Contains(reason, e.Message);
            Assert.Contains("'invalid param format' (code 3540000)", e.Message);
            Assert.Equal(1, e.Line);
            Assert.Equal(8, e.Column);
        }

        [Fact]
        public void TheLineAndColumnOfAnInvalidByteCountCharactersNotBytes()
        {
            string path = FileWith(Bytes("{\n  \"é\": \"a", new byte[] { 0x61, 0xFF }, "\"}"));
            var e = Assert.Throws<PipelineInputException>(() => PipelineReader.ReadFile(path));
            Assert.Contains("byte offset 13 (line 2, column 11)", e.Message);
        }

        [Fact]
        public void TruncatedSequenceAtTheEndIsRefused()
        {
            var e = Assert.Throws<InvalidUtf8Exception>(() => Utf8Text.Decode(new byte[] { 0x7B, 0xE2, 0x82 }, 3));
            Assert.Equal(1, e.ByteOffset);
            Assert.Contains("ends inside the character", e.Message);
        }

        [Fact]
        public void AnEncodedSurrogateIsReadAsTheServerReadsItAndWrittenBackAsAnEscape()
        {
            string path = FileWith(Bytes("{\"a\": \"x", new byte[] { 0xED, 0xA0, 0x80 }, "\", \"b\": \"\\udc00\"}"));
            var tree = PipelineReader.ReadFile(path);
            Assert.Equal("x\uD800", ((JsonString)tree.Root["a"]).Value);
            Assert.Equal("{\"a\":\"x\\ud800\",\"b\":\"\\udc00\"}", tree.ToJson(indented: false));
        }

        [Fact]
        public void ValidUtf8IncludingFourByteCharactersReadsUnchanged()
        {
            string text = "{\"a\": \"é中😀\"}";
            string path = FileWith(Encoding.UTF8.GetBytes(text));
            Assert.Equal("é中😀", ((JsonString)PipelineReader.ReadFile(path).Root["a"]).Value);
        }

        // ---- item 7: byte-order marks ----

        [Fact]
        public void OneByteOrderMarkIsSkipped()
        {
            string path = FileWith(Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, "{\"a\": 1}"));
            Assert.Equal("{\"a\":1}", PipelineReader.ReadFile(path).ToJson(indented: false));
        }

        [Fact]
        public void ASecondByteOrderMarkIsACharacterJsonDoesNotAllowThere()
        {
            string path = FileWith(Bytes(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF }, "{\"a\": 1}"));
            var e = Assert.Throws<PipelineInputException>(() => PipelineReader.ReadFile(path));
            Assert.Equal(PipelineInputReason.MalformedJson, e.Reason);
            Assert.Contains("line 1, column 2", e.Message);
            Assert.Contains("U+FEFF (a byte-order mark", e.Message);
        }

        // ---- item 3: files with no end ----

        [Fact]
        public void AFileOverTheLimitIsRefusedWithoutReadingIt()
        {
            string path = FileWith(Encoding.UTF8.GetBytes("{\"a\": \"" + new string('x', 5000) + "\"}"));
            var e = Assert.Throws<PipelineInputException>(() => PipelineReader.ReadFile(path, maxBytes: 1000));
            Assert.Equal(PipelineInputReason.TooLarge, e.Reason);
            Assert.Contains("larger than the limit of 1000 bytes (5009 bytes)", e.Message);
            Assert.Contains("$BkSopsMaxInputBytes", e.Message);
        }

        [Fact]
        public void AFileLargerThanOneChunkIsReadWhole()
        {
            string big = "{\"a\": \"" + new string('x', 3 * 1024 * 1024 + 17) + "\"}";
            string path = FileWith(Encoding.UTF8.GetBytes(big));
            Assert.Equal(big.Length - 9, ((JsonString)PipelineReader.ReadFile(path).Root["a"]).Value.Length);
        }

        [Fact]
        public void ADeviceIsNotReadAtAll()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            var watch = Stopwatch.StartNew();
            var e = Assert.Throws<PipelineInputException>(() => PipelineReader.ReadFile("/dev/zero"));
            Assert.Equal(PipelineInputReason.NotAFile, e.Reason);
            Assert.Contains("a character device", e.Message);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void AFifoWithNoWriterIsRefusedWithoutBlocking()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            string fifo = Path.Combine(folder, "fifo.json");
            using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", fifo) { UseShellExecute = false }))
                mkfifo.WaitForExit();
            var read = System.Threading.Tasks.Task.Run(() => PipelineReader.ReadFile(fifo));
            System.Threading.Tasks.Task.WaitAny(read, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(10)));
            Assert.True(read.IsFaulted, "reading a FIFO with no writer blocked");
            var e = Assert.IsType<PipelineInputException>(read.Exception.InnerException);
            Assert.Equal(PipelineInputReason.NotAFile, e.Reason);
            Assert.Contains("a FIFO (named pipe)", e.Message);
        }

        // ---- item 6: a request body inside a request body ----

        [Theory]
        [InlineData("{\"pipeline_tree\":{\"pipeline_tree\":{}}}", "{\"pipeline_tree\":{\"pipeline_tree\":{}}}")]
        [InlineData("{\"name\":\"x\",\"pipeline_tree\":{\"pipeline_tree\":{}}}", "{\"pipeline_tree\":{}}")]
        [InlineData("{\"pipeline_tree\":{\"start_event\":{}}}", "{\"start_event\":{}}")]
        [InlineData("{\"name\":\"x\",\"pipeline_tree\":{\"name\":\"y\",\"pipeline_tree\":{\"start_event\":{}}}}", "{\"name\":\"y\",\"pipeline_tree\":{\"start_event\":{}}}")]
        [InlineData("{\"pipeline_tree\":{},\"activities\":{}}", "{\"pipeline_tree\":{},\"activities\":{}}")]
        public void ARequestBodyIsUnwrappedOnceAndOnlyWhenItsKeysSaySo(string json, string tree)
        {
            Assert.Equal(tree, PipelineReader.Parse(json).ToJson(indented: false));
        }

        [Theory]
        [InlineData("{\"pipeline_tree\":{\"pipeline_tree\":{}}}")]
        [InlineData("{\"name\":\"x\",\"pipeline_tree\":{\"pipeline_tree\":{\"pipeline_tree\":{}}}}")]
        public void WritingBackWhatWasReadReadsTheSame(string json)
        {
            string once = PipelineReader.Parse(json).ToJson(indented: false);
            string twice = PipelineReader.Parse(once).ToJson(indented: false);
            Assert.Equal(once, twice);
        }
    }
}
