using System;

namespace BkSops.Sandbox.Execution
{
    /// <summary>
    /// Where a task's execution gets its time and runs its work: the thread pool and timers in the sandbox,
    /// a <see cref="ManualScheduler"/> in tests (virtual time, work run on demand, deterministic).
    /// </summary>
    public interface IExecutionScheduler
    {
        /// <summary>The current time.</summary>
        DateTimeOffset Now { get; }

        /// <summary>Runs <paramref name="work"/> soon, on another thread or when the test asks for it.</summary>
        void Post(Action work);

        /// <summary>Runs <paramref name="work"/> once after <paramref name="delay"/>; disposing the result cancels it.</summary>
        IDisposable Schedule(TimeSpan delay, Action work);
    }
}
