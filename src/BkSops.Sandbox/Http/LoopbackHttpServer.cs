using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace BkSops.Sandbox.Http
{
    /// <summary>
    /// A small HTTP/1.1 server on 127.0.0.1 for the sandbox (HttpListener cost most of a create's CPU on Linux):
    /// keep-alive connections, each served by a <see cref="HttpConnection"/> on its own background thread with
    /// blocking socket calls. Clients of a sandbox are few and keep their connections; a thread each wakes straight
    /// from the kernel, where the thread pool's hand-offs and spinning cost more than the requests themselves.
    /// </summary>
    internal sealed class LoopbackHttpServer : IDisposable
    {
        private readonly TcpListener listener;
        private readonly Func<RequestHead, RequestBody, Task<Answer>> handler;
        private readonly ConcurrentDictionary<HttpConnection, byte> connections = new ConcurrentDictionary<HttpConnection, byte>();
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
        }

        public int Port { get; }

        /// <summary>Starts taking connections (until then they wait in the listen queue).</summary>
        public void Serve() => StartThread(AcceptLoop, "BkSops sandbox accept " + Port);

        private void AcceptLoop()
        {
            while (Volatile.Read(ref stopped) == 0)
            {
                Socket socket;
                try
                {
                    socket = listener.AcceptSocket();
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
                else StartThread(connection.Run, "BkSops sandbox connection");
            }
        }

        private static void StartThread(ThreadStart run, string name) => new Thread(run) { IsBackground = true, Name = name }.Start();

        public void Dispose()
        {
            if (Interlocked.Exchange(ref stopped, 1) != 0) return;
            try { listener.Stop(); } catch (SocketException) { }
            foreach (var connection in connections.Keys) connection.Close(abort: false);
        }
    }
}
