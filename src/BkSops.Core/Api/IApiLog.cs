namespace BkSops.Api
{
    /// <summary>Where the client reports what it does: one Verbose line per request, Debug bodies (redacted), a Warning per retry.</summary>
    public interface IApiLog
    {
        /// <summary>False when nobody reads Verbose: the client then does not even write its lines.</summary>
        bool IsVerboseEnabled { get; }
        bool IsDebugEnabled { get; }
        void Verbose(string message);
        void Debug(string message);
        void Warning(string message);
    }

    /// <summary>A log that drops everything.</summary>
    public sealed class NullApiLog : IApiLog
    {
        public static readonly NullApiLog Instance = new NullApiLog();
        public bool IsVerboseEnabled => false;
        public bool IsDebugEnabled => false;
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) { }
    }
}
