using System;
using System.Globalization;

namespace BkSops.Sandbox.Execution
{
    /// <summary>State names (bamboo_engine/states.py and bk-sops' extra ones) and the time format of spec 2.15.1.</summary>
    public static class TaskStates
    {
        public const string Created = "CREATED";
        public const string Ready = "READY";
        public const string Running = "RUNNING";
        public const string Suspended = "SUSPENDED";
        public const string NodeSuspended = "NODE_SUSPENDED";
        public const string Failed = "FAILED";
        public const string Finished = "FINISHED";
        public const string Revoked = "REVOKED";
        public const string Expired = "EXPIRED";

        private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

        /// <summary><c>%Y-%m-%d %H:%M:%S %z</c> in Asia/Shanghai (UTC+8 all year), e.g. <c>2024-05-01 10:00:00 +0800</c>.</summary>
        public static string FormatTime(DateTimeOffset time) =>
            time.ToOffset(Shanghai).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0800";

        /// <summary>bamboo's elapsed time: round(end − start) in whole seconds (Python rounds halves to even), 0 without a start.</summary>
        public static long ElapsedSeconds(DateTimeOffset? started, DateTimeOffset? archived, DateTimeOffset now)
        {
            if (started == null) return 0;
            double seconds = ((archived ?? now) - started.Value).TotalSeconds;
            return (long)Math.Round(seconds, MidpointRounding.ToEven);
        }
    }
}
