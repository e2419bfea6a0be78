using System;

namespace BkSops.Serialization
{
    /// <summary>Input that cannot be read as a pipeline tree. <see cref="Reason"/> is a stable word for error ids.</summary>
    public sealed class PipelineInputException : Exception
    {
        public PipelineInputException(string reason, string message, int line = 0, int column = 0, Exception inner = null)
            : base(message, inner)
        {
            Reason = reason;
            Line = line;
            Column = column;
        }

        /// <summary>MalformedJson, NotAnObject, NotAPipelineTree, Unreadable, ...</summary>
        public string Reason { get; }
        public int Line { get; }
        public int Column { get; }
    }
}
