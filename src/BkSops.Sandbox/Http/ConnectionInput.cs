using System;
using System.IO;
using System.Net.Sockets;

namespace BkSops.Sandbox.Http
{
    /// <summary>
    /// The bytes a connection receives, buffered, read with blocking calls on the connection's own thread (no thread
    /// pool hops: under load the pool's spinning workers cost more CPU than the requests). Each wait on the network
    /// may last <see cref="Timeout"/>; past it the read or write fails and the connection closes (slow and idle clients).
    /// </summary>
    internal sealed class ConnectionInput
    {
        private readonly Socket socket;
        private TimeSpan timeout;

        public ConnectionInput(Socket socket, int bufferSize)
        {
            this.socket = socket;
            Buffer = new byte[bufferSize];
            Timeout = TimeSpan.FromSeconds(30);
        }

        public byte[] Buffer { get; private set; }

        /// <summary>Where the unread bytes of <see cref="Buffer"/> start and end.</summary>
        public int Start, End;

        public int Available => End - Start;

        /// <summary>How long a read or write may wait on the network from now on.</summary>
        public TimeSpan Timeout
        {
            get => timeout;
            set
            {
                if (value == timeout) return;
                timeout = value;
                int ms = (int)value.TotalMilliseconds;
                socket.ReceiveTimeout = ms;
                socket.SendTimeout = ms;
            }
        }

        /// <summary>Reads more bytes into <see cref="Buffer"/> (moving or growing it up to <paramref name="maxSize"/>); 0 at the end of input, -1 when full.</summary>
        public int Fill(int maxSize)
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
            int n = Receive(Buffer, End, Buffer.Length - End);
            End += n;
            return n;
        }

        /// <summary>Reads up to <paramref name="count"/> bytes, first from the buffer; 0 at the end of input.</summary>
        public int Read(byte[] target, int offset, int count)
        {
            if (count == 0) return 0;
            if (Available == 0)
            {
                // Large reads go straight to the target; small ones refill the buffer.
                if (count >= Buffer.Length) return Receive(target, offset, count);
                Start = End = 0;
                if (Fill(Buffer.Length) <= 0) return 0;
            }
            int take = Math.Min(count, Available);
            System.Buffer.BlockCopy(Buffer, Start, target, offset, take);
            Start += take;
            return take;
        }

        public void Write(byte[] bytes, int offset, int count)
        {
            try
            {
                while (count > 0)
                {
                    int n = socket.Send(bytes, offset, count, SocketFlags.None);
                    offset += n;
                    count -= n;
                }
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                throw new IOException("The answer could not be sent: " + e.Message, e);
            }
        }

        /// <summary>Writes <paramref name="first"/> and then <paramref name="second"/>, in one system call when the socket takes them.</summary>
        public void Write(byte[] first, byte[] second)
        {
            int sent;
            try
            {
                sent = socket.Send(new[] { new ArraySegment<byte>(first), new ArraySegment<byte>(second) }, SocketFlags.None);
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                throw new IOException("The answer could not be sent: " + e.Message, e);
            }
            if (sent < first.Length)
            {
                Write(first, sent, first.Length - sent);
                sent = first.Length;
            }
            int inSecond = sent - first.Length;
            if (inSecond < second.Length) Write(second, inSecond, second.Length - inSecond);
        }

        private int Receive(byte[] target, int offset, int count)
        {
            try
            {
                return socket.Receive(target, offset, count, SocketFlags.None);
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                throw new IOException("The request could not be read: " + e.Message, e);
            }
        }
    }
}
