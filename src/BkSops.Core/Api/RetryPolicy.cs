using System;
using System.Globalization;

namespace BkSops.Api
{
    /// <summary>What went wrong with one attempt, as far as retrying is concerned.</summary>
    public enum AttemptFailure
    {
        /// <summary>Nothing was sent: connection refused or the host name did not resolve.</summary>
        NotSent,
        /// <summary>No answer in time (the request may have been carried out).</summary>
        Timeout,
        /// <summary>The connection dropped after the request went out (it may have been carried out).</summary>
        Reset,
        /// <summary>The gateway's own rate limit (code 16429xx): the request never reached bk-sops.</summary>
        GatewayRateLimit,
        /// <summary>An HTTP status answered by the server or a proxy.</summary>
        HttpStatus,
        /// <summary>bk-sops answered <c>result: false</c>, or something that is not its JSON.</summary>
        Answered,
    }

    /// <summary>The retry matrix of contracts.md section 7 and its backoff.</summary>
    public static class RetryPolicy
    {
        public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
        public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);

        /// <summary>
        /// Whether another attempt is allowed. GETs retry on anything transient; a request that changes state
        /// only when it cannot have reached bk-sops, so no task is ever created twice.
        /// </summary>
        public static bool IsRetryable(bool changesState, AttemptFailure failure, int? httpStatus)
        {
            switch (failure)
            {
                case AttemptFailure.NotSent:
                case AttemptFailure.GatewayRateLimit:
                    return true;
                case AttemptFailure.Timeout:
                case AttemptFailure.Reset:
                    return !changesState;
                case AttemptFailure.HttpStatus:
                    return !changesState && (httpStatus == 429 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504);
                default:
                    return false;
            }
        }

        /// <summary>
        /// The wait before retry <paramref name="retry"/> (1-based): Retry-After (seconds or an HTTP date), else
        /// X-Bkapi-RateLimit-Reset, else exponential with jitter; never more than 30 s.
        /// </summary>
        public static TimeSpan Delay(int retry, string? retryAfter, string? rateLimitReset, DateTimeOffset now, Random random)
        {
            TimeSpan? told = ParseRetryAfter(retryAfter, now) ?? ParseReset(rateLimitReset, now);
            TimeSpan delay;
            if (told.HasValue) delay = told.Value;
            else
            {
                double baseMs = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 10));
                double jitter;
                lock (random) jitter = 0.5 + random.NextDouble();  // 0.5x .. 1.5x
                delay = TimeSpan.FromMilliseconds(baseMs * jitter);
            }
            if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
            return delay > MaxDelay ? MaxDelay : delay;
        }

        internal static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
        {
            if (value == null || string.IsNullOrWhiteSpace(value)) return null;
            if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
                return TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                return date - now;
            return null;
        }

        /// <summary>X-Bkapi-RateLimit-Reset: seconds to wait, or (large values) a Unix time.</summary>
        internal static TimeSpan? ParseReset(string? value, DateTimeOffset now)
        {
            if (value == null || string.IsNullOrWhiteSpace(value) ||
                !double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || n < 0)
                return null;
            if (n > 1_000_000_000) return DateTimeOffset.FromUnixTimeSeconds((long)n) - now;
            return TimeSpan.FromSeconds(n);
        }
    }
}
