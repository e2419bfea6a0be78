using System;
using System.Collections.Concurrent;
using System.Threading;

namespace BkSops.Sandbox.Execution
{
    /// <summary>The real scheduler: work on the thread pool, waits on timers (no thread is held while a node sleeps).</summary>
    public sealed class ThreadPoolScheduler : IExecutionScheduler
    {
        public static readonly ThreadPoolScheduler Instance = new ThreadPoolScheduler();

        // A timer nobody references may be collected before it fires: keep each one until it has run or is cancelled.
        private readonly ConcurrentDictionary<TimerEntry, byte> pending = new ConcurrentDictionary<TimerEntry, byte>();

        public DateTimeOffset Now => DateTimeOffset.UtcNow;

        public void Post(Action work)
        {
            if (work == null) throw new ArgumentNullException(nameof(work));
            ThreadPool.QueueUserWorkItem(_ => Guarded(work));
        }

        public IDisposable Schedule(TimeSpan delay, Action work)
        {
            if (work == null) throw new ArgumentNullException(nameof(work));
            if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
            var entry = new TimerEntry(this, work);
            pending[entry] = 0;
            entry.Start(delay);
            return entry;
        }

        // An exception escaping a thread-pool item ends the process (and the user's PowerShell session with it).
        private static void Guarded(Action work)
        {
            try
            {
                work();
            }
            catch (Exception e)
            {
                System.Diagnostics.Trace.TraceError("BkSops sandbox execution: " + e);
            }
        }

        private sealed class TimerEntry : IDisposable
        {
            private readonly ThreadPoolScheduler owner;
            private readonly Action work;
            private Timer? timer;
            private int done;

            public TimerEntry(ThreadPoolScheduler owner, Action work)
            {
                this.owner = owner;
                this.work = work;
            }

            public void Start(TimeSpan delay)
            {
                // Timer periods are capped at about 49 days; longer simulated waits fire at the cap and re-arm.
                var capped = delay > MaxDelay ? MaxDelay : delay;
                var rest = delay - capped;
                // Created unarmed and armed once stored: a short delay may fire before the constructor returns.
                var created = new Timer(_ => Fire(rest), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                Volatile.Write(ref timer, created);
                try { created.Change(capped, Timeout.InfiniteTimeSpan); }
                catch (ObjectDisposedException) { } // cancelled in between
            }

            private void Fire(TimeSpan rest)
            {
                Volatile.Read(ref timer)?.Dispose();
                if (rest > TimeSpan.Zero && Volatile.Read(ref done) == 0)
                {
                    Start(rest);
                    return;
                }
                if (Interlocked.Exchange(ref done, 1) != 0) return;
                owner.pending.TryRemove(this, out byte _);
                Guarded(work);
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref done, 1) != 0) return;
                owner.pending.TryRemove(this, out byte _);
                Volatile.Read(ref timer)?.Dispose();
            }

            private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(int.MaxValue - 1);
        }
    }
}
