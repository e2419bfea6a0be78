using System;
using System.IO;
using BkSops.Json;

namespace BkSops.Serialization
{
    /// <summary>
    /// Reads a tree file's text: only regular files, in bounded chunks, up to a size limit, decoded as the server
    /// decodes a request body. Every problem is a <see cref="PipelineInputException"/>.
    /// </summary>
    public static class InputFile
    {
        /// <summary>256 MiB: ten times the server's own 25 MiB request limit.</summary>
        public const long DefaultMaxBytes = 256L * 1024 * 1024;

        private const int ChunkSize = 1 << 20;
        // The most one byte array holds (the text itself is read whole).
        private const long MaxArrayBytes = 0x7FFFFFC7 - 1;

        public static string ReadText(string path, long maxBytes = DefaultMaxBytes)
        {
            maxBytes = CheckedLimit(path, maxBytes);
            byte[] bytes;
            int count;
            try
            {
                using (var stream = Open(path))
                    count = ReadAll(stream, path, maxBytes, out bytes);
            }
            catch (Exception e) when (IsReadError(e))
            {
                throw Unreadable(path, e);
            }
            try
            {
                return Utf8Text.Decode(bytes, count);
            }
            catch (InvalidUtf8Exception e)
            {
                throw InvalidUtf8(path, e);
            }
        }

        /// <summary>
        /// Reads a tree file's JSON straight from its bytes, in bounded chunks (no copy of the whole file in memory), with
        /// the same checks and errors as <see cref="ReadText"/>; text that is not JSON is a <see cref="PipelineInputException"/> (<see cref="PipelineInputReason.MalformedJson"/>).
        /// </summary>
        public static JsonReadResult ReadJson(string path, long maxBytes = DefaultMaxBytes)
        {
            maxBytes = CheckedLimit(path, maxBytes);
            try
            {
                using (var stream = Open(path))
                {
                    long known = stream.CanSeek ? stream.Length : -1;
                    if (known > maxBytes) throw TooLarge(path, maxBytes, known);
                    return JsonReader.Read(new SizeLimitedStream(stream, maxBytes, () => TooLarge(path, maxBytes, -1)));
                }
            }
            catch (Exception e) when (IsReadError(e))
            {
                throw Unreadable(path, e);
            }
            catch (InvalidUtf8Exception e)
            {
                throw InvalidUtf8(path, e);
            }
        }

        private static long CheckedLimit(string path, long maxBytes)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (maxBytes <= 0) throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "The size limit must be a positive number of bytes.");
            var type = FileKind.Of(path);
            if (type != FileType.Regular && type != FileType.Unknown)
                throw new PipelineInputException(PipelineInputReason.NotAFile, $"'{path}' is {FileKind.Describe(type)}, not a regular file; give a JSON file.");
            return Math.Min(maxBytes, MaxArrayBytes);
        }

        private static FileStream Open(string path) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

        private static bool IsReadError(Exception e) => e is IOException || e is UnauthorizedAccessException || e is NotSupportedException;

        private static PipelineInputException Unreadable(string path, Exception e) =>
            new PipelineInputException(PipelineInputReason.Unreadable, $"Cannot read '{path}': {e.Message}", inner: e);

        private static PipelineInputException InvalidUtf8(string path, InvalidUtf8Exception e) =>
            new PipelineInputException(PipelineInputReason.InvalidUtf8,
                $"{path}: {e.Message}. The server answers such a body with 'invalid param format' (code 3540000) before it looks at the tree.",
                e.Line, e.Column, e);

        private static int ReadAll(FileStream stream, string path, long maxBytes, out byte[] bytes)
        {
            long known = stream.CanSeek ? stream.Length : -1;
            if (known > maxBytes) throw TooLarge(path, maxBytes, known);
            // One byte more than the known length, so a file that grew while being read is noticed without a copy.
            bytes = new byte[known >= 0 ? (int)Math.Min(known + 1, maxBytes + 1) : Math.Min(ChunkSize, (int)maxBytes + 1)];
            int count = 0;
            while (true)
            {
                if (count == bytes.Length)
                {
                    if (count > maxBytes) throw TooLarge(path, maxBytes, -1);
                    Array.Resize(ref bytes, (int)Math.Min((long)bytes.Length * 2, maxBytes + 1));
                }
                int read = stream.Read(bytes, count, Math.Min(ChunkSize, bytes.Length - count));
                if (read == 0) return count;
                count += read;
            }
        }

        private static PipelineInputException TooLarge(string path, long maxBytes, long size) =>
            new PipelineInputException(PipelineInputReason.TooLarge,
                $"'{path}' is larger than the limit of {maxBytes} bytes" + (size >= 0 ? $" ({size} bytes)" : "") +
                "; the server itself refuses request bodies over 25 MiB. To read it anyway, raise the limit: $BkSopsMaxInputBytes = <bytes>.");
    }
}
