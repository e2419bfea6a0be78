using System;
using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Sandbox.Execution
{
    /// <summary>
    /// How the sandbox runs tasks. One instance is shared by every task of a sandbox: set it up before tasks run and
    /// do not change its collections afterwards.
    /// </summary>
    public sealed class ExecutionOptions
    {
        private double timeScale = 1.0;

        /// <summary>Multiplies every simulated wait (<c>sleep_timer</c>'s <c>bk_timing</c>): 0.01 makes a minute last 0.6 s.</summary>
        public double TimeScale
        {
            get => timeScale;
            set
            {
                if (double.IsNaN(value) || double.IsInfinity(value) || value < 0)
                    throw new ArgumentOutOfRangeException(nameof(TimeScale), value, "The time scale must be a finite number of zero or more.");
                timeScale = value;
            }
        }

        /// <summary>Plugin codes whose nodes fail (as a plugin whose execute returns false).</summary>
        public ISet<string> FailPlugins { get; set; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Project templates by id: a SubProcess node whose <c>template_id</c> is here runs that tree as a child pipeline.</summary>
        public IDictionary<long, JsonObject> Templates { get; set; } = new Dictionary<long, JsonObject>();

        /// <summary>Time, background work and timers; <see cref="ThreadPoolScheduler.Instance"/> unless a test gives a <see cref="ManualScheduler"/>.</summary>
        public IExecutionScheduler Scheduler { get; set; } = ThreadPoolScheduler.Instance;

        /// <summary>How many times a node may run again in a loop before it fails (bamboo's BAMBOO_DJANGO_ERI_NODE_RERUN_LIMIT, 100).</summary>
        public int RerunLimit { get; set; } = 100;

        /// <summary>How deep SubProcess templates may nest before the start fails (a template that contains itself never ends).</summary>
        public int MaxSubProcessDepth { get; set; } = 32;
    }
}
