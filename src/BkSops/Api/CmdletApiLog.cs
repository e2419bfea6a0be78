using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading.Tasks;
using BkSops.Api;

namespace BkSops.Commands.Api
{
    /// <summary>
    /// Collects what the client reports from any thread and writes it from the pipeline thread, which is the only
    /// one allowed to write (Verbose, Debug, Warning). <see cref="Await{T}"/> pumps while a request runs.
    /// </summary>
    internal sealed class CmdletApiLog : IApiLog
    {
        private readonly Cmdlet cmdlet;
        private readonly BlockingCollection<Action> queue = new BlockingCollection<Action>();

        public CmdletApiLog(Cmdlet cmdlet, bool debugEnabled)
        {
            this.cmdlet = cmdlet;
            IsDebugEnabled = debugEnabled;
        }

        public bool IsDebugEnabled { get; }
        public void Verbose(string message) => queue.Add(() => cmdlet.WriteVerbose(message));
        public void Debug(string message) => queue.Add(() => cmdlet.WriteDebug(message));
        public void Warning(string message) => queue.Add(() => cmdlet.WriteWarning(message));

        /// <summary>Writes what was reported so far (pipeline thread only).</summary>
        public void Drain()
        {
            while (queue.TryTake(out var write)) write();
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
        public void WaitAny(Task[] tasks, TimeSpan timeout)
        {
            var any = Task.WhenAny(tasks);
            var deadline = DateTime.UtcNow + timeout;
            any.ContinueWith(_ => queue.Add(() => { }), TaskScheduler.Default);
            while (!any.IsCompleted)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) break;
                if (queue.TryTake(out var write, left > TimeSpan.FromMilliseconds(250) ? TimeSpan.FromMilliseconds(250) : left)) write();
            }
            Drain();
        }

        private void WaitFor(Task task)
        {
            if (!task.IsCompleted)
            {
                task.ContinueWith(_ => queue.Add(() => { }), TaskScheduler.Default);
                while (!task.IsCompleted)
                    if (queue.TryTake(out var write, 250)) write();
            }
            Drain();
        }
    }
}
