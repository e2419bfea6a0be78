using System;
using System.Collections.Concurrent;
using System.Threading;
using BkSops.Sandbox.Execution;

namespace BkSops.Sandbox.Runs
{
    /// <summary>
    /// The sandbox's scheduler for its task runs: the thread pool's, until the sandbox stops; then pending timers are
    /// cancelled and new work is dropped, so a stopped sandbox's tasks neither run on nor write their files.
    /// </summary>
    internal sealed class StoppableScheduler : IExecutionScheduler
    {
        private readonly IExecutionScheduler inner;
        private readonly ConcurrentDictionary<IDisposable, byte> timers = new ConcurrentDictionary<IDisposable, byte>();
        private int stopped;

        public StoppableScheduler(IExecutionScheduler inner) { this.inner = inner; }

        public DateTimeOffset Now => inner.Now;

        public bool IsStopped => Volatile.Read(ref stopped) != 0;

        public void Post(Action work)
        {
            if (IsStopped) return;
            inner.Post(() => { if (!IsStopped) work(); });
        }

        public IDisposable Schedule(TimeSpan delay, Action work)
        {
            if (IsStopped) return new Nothing();
            IDisposable? handle = null;
            handle = inner.Schedule(delay, () =>
            {
                if (handle != null) timers.TryRemove(handle, out _);
                if (!IsStopped) work();
            });
            timers[handle] = 0;
            if (IsStopped) handle.Dispose();
            return handle;
        }

        public void Stop()
        {
            if (Interlocked.Exchange(ref stopped, 1) != 0) return;
            foreach (var timer in timers.Keys) timer.Dispose();
            timers.Clear();
        }

        private sealed class Nothing : IDisposable { public void Dispose() { } }
    }
}
