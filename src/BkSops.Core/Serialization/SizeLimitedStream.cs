using System;
using System.IO;

namespace BkSops.Serialization
{
    /// <summary>Reads a stream up to a number of bytes; one byte more is the error the given factory makes.</summary>
    internal sealed class SizeLimitedStream : Stream
    {
        private readonly Stream inner;
        private readonly long maxBytes;
        private readonly Func<Exception> tooLarge;
        private long read;

        public SizeLimitedStream(Stream inner, long maxBytes, Func<Exception> tooLarge)
        {
            this.inner = inner;
            this.maxBytes = maxBytes;
            this.tooLarge = tooLarge;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            read += n;
            if (read > maxBytes) throw tooLarge();
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
