using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace BkSops.Sandbox.Http
{
    /// <summary>
    /// The bytes a connection receives, buffered, with a deadline for each wait on the network that
    /// <see cref="LoopbackHttpServer"/>'s sweeper enforces by closing the socket (slow and idle clients).
    /// </summary>
    internal sealed class ConnectionInput
    {
        private readonly NetworkStream stream;
        private long deadline; // Stopwatch timestamp; 0 while nothing waits on the network

        public ConnectionInput(NetworkStream stream, int bufferSize)
        {
            this.stream = stream;
            Buffer = new byte[bufferSize];
        }

        public byte[] Buffer { get; private set; }

        /// <summary>Where the unread bytes of <see cref="Buffer"/> start and end.</summary>
        public int Start, End;

        public int Available => End - Start;

        /// <summary>The wait on the network a read or write makes from now on may last this long.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>True when a read or write has waited past its <see cref="Timeout"/>.</summary>
        public bool Overdue(long now)
        {
            long d = Volatile.Read(ref deadline);
            return d != 0 && now > d;
        }

        /// <summary>Reads more bytes into <see cref="Buffer"/> (moving or growing it up to <paramref name="maxSize"/>); 0 at the end of input.</summary>
        public async Task<int> FillAsync(int maxSize)
        {
            if (Start > 0 && Start == End) Start = End = 0;
            if (End == Buffer.Length)
            {
                if (Start > 0)
                {
                    System.Buffer.BlockCopy(Buffer, Start, Buffer, 0, End - Start);
                    End -= Start;
                    Start = 0;
                }
                else if (Buffer.Length < maxSize)
                {
                    var bigger = new byte[Math.Min(maxSize, Buffer.Length * 2)];
                    System.Buffer.BlockCopy(Buffer, 0, bigger, 0, End);
                    Buffer = bigger;
                }
                else return -1;
            }
            int n = await Network(stream.ReadAsync(Buffer, End, Buffer.Length - End)).ConfigureAwait(false);
            End += n;
            return n;
        }

        /// <summary>Reads up to <paramref name="count"/> bytes, first from the buffer; 0 at the end of input.</summary>
        public async Task<int> ReadAsync(byte[] target, int offset, int count)
        {
            if (count == 0) return 0;
            if (Available == 0)
            {
                // Large reads go straight to the target; small ones refill the buffer.
                if (count >= Buffer.Length) return await Network(stream.ReadAsync(target, offset, count)).ConfigureAwait(false);
                Start = End = 0;
                if (await FillAsync(Buffer.Length).ConfigureAwait(false) <= 0) return 0;
            }
            int take = Math.Min(count, Available);
            System.Buffer.BlockCopy(Buffer, Start, target, offset, take);
            Start += take;
            return take;
        }

        public Task WriteAsync(byte[] bytes, int offset, int count) => Network(WriteCore(bytes, offset, count));

        private async Task<int> WriteCore(byte[] bytes, int offset, int count)
        {
            await stream.WriteAsync(bytes, offset, count).ConfigureAwait(false);
            return count;
        }

        private async Task<int> Network(Task<int> operation)
        {
            if (operation.IsCompleted) return operation.GetAwaiter().GetResult();
            Volatile.Write(ref deadline, Stopwatch.GetTimestamp() + (long)(Timeout.TotalSeconds * Stopwatch.Frequency));
            try
            {
                return await operation.ConfigureAwait(false);
            }
            catch (ObjectDisposedException e)
            {
                throw new IOException("The connection was closed.", e);
            }
            finally
            {
                Volatile.Write(ref deadline, 0);
            }
        }
    }
}
