using System;
using System.Globalization;

namespace BkSops.Sandbox.Execution
{
    /// <summary>The time format and elapsed time of spec 2.15.1 (the state names are BkSops.Api.TaskStates, shared with the client).</summary>
    public static class StatusTime
    {
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
