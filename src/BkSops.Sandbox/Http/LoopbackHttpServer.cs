using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace BkSops.Sandbox.Http
{
    /// <summary>
    /// A small HTTP/1.1 server on 127.0.0.1 for the sandbox (HttpListener costs most of a create's CPU on Linux):
    /// keep-alive connections, each served by a <see cref="HttpConnection"/>; a sweeper closes connections whose
    /// client stalls mid-request or stays idle too long.
    /// </summary>
    internal sealed class LoopbackHttpServer : IDisposable
    {
        private readonly TcpListener listener;
        private readonly Func<RequestHead, RequestBody, Task<Answer>> handler;
        private readonly ConcurrentDictionary<HttpConnection, byte> connections = new ConcurrentDictionary<HttpConnection, byte>();
        private readonly Timer sweeper;
        private int stopped;

        /// <summary>Binds <paramref name="port"/> (throws <see cref="SocketException"/> when it is taken).</summary>
        public LoopbackHttpServer(int port, Func<RequestHead, RequestBody, Task<Answer>> handler)
        {
            this.handler = handler;
            listener = new TcpListener(IPAddress.Loopback, port);
            // Windows would otherwise let another process bind the same port with SO_REUSEADDR.
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) listener.ExclusiveAddressUse = true;
            listener.Start(512);
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            sweeper = new Timer(_ => Sweep(), null, 1000, 1000);
        }

        /// <summary>Starts taking connections (until then they wait in the listen queue).</summary>
        public void Serve() => Task.Run(AcceptLoop);

        public int Port { get; }

        private async Task AcceptLoop()
        {
            while (Volatile.Read(ref stopped) == 0)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptSocketAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    if (Volatile.Read(ref stopped) != 0) return;
                    continue;
                }
                socket.NoDelay = true; // answers are written whole; Nagle would only hold them back
                var connection = new HttpConnection(socket, handler, c => connections.TryRemove(c, out _));
                connections[connection] = 0;
                if (Volatile.Read(ref stopped) != 0) connection.Close(abort: false);
                else _ = Task.Run(connection.RunAsync);
            }
        }

        private void Sweep()
        {
            long now = Stopwatch.GetTimestamp();
            foreach (var connection in connections.Keys)
                if (connection.Input.Overdue(now)) connection.Close(abort: false);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref stopped, 1) != 0) return;
            sweeper.Dispose();
            try { listener.Stop(); } catch (SocketException) { }
            foreach (var connection in connections.Keys) connection.Close(abort: false);
        }
    }
}
