using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BkSops.Api;

namespace BkSops.Commands.Api
{
    /// <summary>
    /// Collects what the client reports from any thread and writes it from the pipeline thread, which is the only
    /// one allowed to write (Verbose, Debug, Warning). One signal wakes the pipeline thread for both a report and a
    /// finished request (<see cref="Wake"/>), so waiting costs no thread and no polling.
    /// </summary>
    internal sealed class CmdletApiLog : IApiLog
    {
        private readonly Cmdlet? cmdlet;
        private readonly ConcurrentQueue<Action> queue = new ConcurrentQueue<Action>();
        // No spinning before it blocks: the pipeline thread sleeps while requests run, it does not burn a core.
        private readonly ManualResetEventSlim signal = new ManualResetEventSlim(false, 0);

        /// <summary>Writes nothing (before BeginProcessing made the cmdlet's own).</summary>
        internal static readonly CmdletApiLog Silent = new CmdletApiLog(null, false, false);

        public CmdletApiLog(Cmdlet? cmdlet, bool verboseEnabled, bool debugEnabled)
        {
            this.cmdlet = cmdlet;
            IsVerboseEnabled = verboseEnabled;
            IsDebugEnabled = debugEnabled;
        }

        public bool IsVerboseEnabled { get; }
        public bool IsDebugEnabled { get; }
        public void Verbose(string message) { if (IsVerboseEnabled) Add(c => c.WriteVerbose(message)); }
        public void Debug(string message) => Add(c => c.WriteDebug(message));
        public void Warning(string message) => Add(c => c.WriteWarning(message));

        private void Add(Action<Cmdlet> write)
        {
            var target = cmdlet;
            if (target == null) return;
            queue.Enqueue(() => write(target));
            Wake();
        }

        /// <summary>
        /// Wakes the pipeline thread (a request ended); any thread. Setting a set signal again is skipped: each Set takes
        /// the signal's lock while the pipeline thread waits, and requests ending together then fought over it (spinning on
        /// two cores). Nothing is lost: the first Set wakes the thread, and the thread resets the signal (a full fence)
        /// before it reads the requests' state, while each request's state is written (a full fence) before this reads the signal.
        /// </summary>
        public void Wake()
        {
            if (!signal.IsSet) signal.Set();
        }

        /// <summary>Writes what was reported so far (pipeline thread only).</summary>
        public void Drain()
        {
            while (queue.TryDequeue(out var write)) write();
        }

        /// <summary>
        /// Sleeps until a report comes or a request ends (see <see cref="Wake"/>), at most <paramref name="timeout"/>; then
        /// writes the reports. The caller looks at the requests again afterwards: a wake that came before the reset is
        /// never lost, because the caller reads the requests' own state, not the signal.
        /// </summary>
        public void WaitForSignal(TimeSpan timeout)
        {
            signal.Wait(timeout);
            signal.Reset();
            Drain();
        }

        /// <summary>Waits for a task, writing reports as they come; rethrows the task's own exception.</summary>
        public T Await<T>(Task<T> task)
        {
            WaitFor(task);
            return task.GetAwaiter().GetResult();
        }

        public void Await(Task task)
        {
            WaitFor(task);
            task.GetAwaiter().GetResult();
        }

        /// <summary>Waits until any of the tasks completes (or the timeout passes), writing reports meanwhile.</summary>
        public void WaitAny(Task[] tasks, TimeSpan timeout) => WaitFor(Task.WhenAny(tasks), timeout);

        private void WaitFor(Task task, TimeSpan? timeout = null)
        {
            if (!task.IsCompleted)
            {
                task.ContinueWith(_ => Wake(), TaskContinuationOptions.ExecuteSynchronously);
                var deadline = timeout.HasValue ? DateTime.UtcNow + timeout.Value : DateTime.MaxValue;
                while (!task.IsCompleted)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) break;
                    WaitForSignal(left > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left);
                }
            }
            Drain();
        }
    }
}
