using System;
using System.Collections.Generic;

namespace BkSops.Sandbox.Execution
{
    /// <summary>
    /// A scheduler for tests: nothing runs until <see cref="RunUntilIdle"/> or <see cref="Advance"/> is called, and time
    /// moves only when told, so every step of an execution can be observed in a fixed order.
    /// </summary>
    public sealed class ManualScheduler : IExecutionScheduler
    {
        private readonly object gate = new object();
        private readonly Queue<Action> posted = new Queue<Action>();
        private readonly List<Timed> timers = new List<Timed>();
        private DateTimeOffset now;
        private long sequence;

        public ManualScheduler(DateTimeOffset start) { now = start; }

        public ManualScheduler() : this(new DateTimeOffset(2024, 5, 1, 2, 0, 0, TimeSpan.Zero)) { }

        public DateTimeOffset Now { get { lock (gate) return now; } }

        /// <summary>Work posted and not run yet.</summary>
        public int PendingWork { get { lock (gate) return posted.Count; } }

        /// <summary>Timers not fired nor cancelled yet.</summary>
        public int PendingTimers { get { lock (gate) return timers.Count; } }

        public void Post(Action work)
        {
            if (work == null) throw new ArgumentNullException(nameof(work));
            lock (gate) posted.Enqueue(work);
        }

        public IDisposable Schedule(TimeSpan delay, Action work)
        {
            if (work == null) throw new ArgumentNullException(nameof(work));
            lock (gate)
            {
                var timed = new Timed(this, now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), sequence++, work);
                timers.Add(timed);
                return timed;
            }
        }

        /// <summary>Runs posted work, and the work it posts, until none is left. Returns how many items ran.</summary>
        public int RunUntilIdle()
        {
            int ran = 0;
            while (true)
            {
                Action next;
                lock (gate)
                {
                    if (posted.Count == 0) return ran;
                    next = posted.Dequeue();
                }
                next();
                ran++;
                if (ran > 10_000_000) throw new InvalidOperationException("The execution does not settle: more than ten million work items ran.");
            }
        }

        /// <summary>Moves time forward by <paramref name="by"/>, firing due timers in order, each followed by the work it posts.</summary>
        public void Advance(TimeSpan by)
        {
            RunUntilIdle();
            DateTimeOffset target;
            lock (gate) target = now + by;
            while (true)
            {
                Timed? due = null;
                lock (gate)
                {
                    foreach (var t in timers)
                        if (t.Due <= target && (due == null || t.Due < due.Due || (t.Due == due.Due && t.Sequence < due.Sequence))) due = t;
                    if (due == null)
                    {
                        now = target;
                        return;
                    }
                    timers.Remove(due);
                    if (due.Due > now) now = due.Due;
                }
                due.Work();
                RunUntilIdle();
            }
        }

        private sealed class Timed : IDisposable
        {
            private readonly ManualScheduler owner;

            public Timed(ManualScheduler owner, DateTimeOffset due, long sequence, Action work)
            {
                this.owner = owner;
                Due = due;
                Sequence = sequence;
                Work = work;
            }

            public DateTimeOffset Due { get; }
            public long Sequence { get; }
            public Action Work { get; }

            public void Dispose()
            {
                lock (owner.gate) owner.timers.Remove(this);
            }
        }
    }
}
