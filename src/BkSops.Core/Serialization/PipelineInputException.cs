using System;
using BkSops.Json;

namespace BkSops.Serialization
{
    /// <summary>Why an input could not be read; the name is the last part of the error id (<c>BkSops.Input.&lt;Reason&gt;</c>).</summary>
    public enum PipelineInputReason
    {
        /// <summary>The text is not JSON (the JSON reader's error: line, column and what was expected there).</summary>
        MalformedJson,
        /// <summary>The JSON is not an object (or a request body's pipeline_tree is not).</summary>
        NotAnObject,
        /// <summary>The input is null.</summary>
        NullInput,
        /// <summary>Text that is neither JSON nor the name of a file.</summary>
        NotJsonOrFile,
        /// <summary>No file has that name.</summary>
        FileNotFound,
        /// <summary>The name is a folder's.</summary>
        IsDirectory,
        /// <summary>The name is a FIFO, a device or a socket: only regular files are read.</summary>
        NotAFile,
        /// <summary>The file could not be opened or read.</summary>
        Unreadable,
        /// <summary>The file is larger than the size limit.</summary>
        TooLarge,
        /// <summary>Bytes the server's UTF-8 decoder refuses.</summary>
        InvalidUtf8,
        /// <summary>$BkSopsMaxInputBytes is not a positive number of bytes.</summary>
        InvalidMaxInputBytes,
    }

    /// <summary>
    /// Input that cannot be read: text that is not JSON (what <see cref="JsonReader"/> throws, <see cref="PipelineInputReason.MalformedJson"/>)
    /// or anything else that keeps an input from being a pipeline tree. Line and column are 1-based, 0 when there is no position.
    /// </summary>
    public sealed class PipelineInputException : Exception
    {
        public PipelineInputException(PipelineInputReason reason, string message, int line = 0, int column = 0, Exception? inner = null)
            : base(message, inner)
        {
            Reason = reason;
            Line = line;
            Column = column;
        }

        /// <summary>Text that is not JSON: "Invalid JSON at line L, column C: <paramref name="problem"/>".</summary>
        public static PipelineInputException InvalidJson(string problem, int line, int column) =>
            new PipelineInputException(PipelineInputReason.MalformedJson,
                $"Invalid JSON at line {line}, column {column}: {LoneSurrogates.Escape(problem)}", line, column);

        public PipelineInputReason Reason { get; }
        public int Line { get; }
        public int Column { get; }
    }
}
