using System.Collections.Generic;
using BkSops.Validation.Graph.Layout;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    public enum ConditionErrorKind
    {
        /// <summary>The text does not match boolrule's grammar (pyparsing's ParseException).</summary>
        Syntax,

        /// <summary>A literal the grammar accepts but Python rejects while parsing: <c>1e3</c> is read as an integer and <c>int("1E3")</c> fails.</summary>
        InvalidLiteral,

        /// <summary>So many <c>and</c>/<c>or</c> or nested parentheses that pyparsing exceeds Python's recursion limit.</summary>
        TooComplex,
    }

    /// <summary>Why a condition text cannot be parsed, and where (1-based line and column of the text, 0-based offset).</summary>
    public sealed class ConditionSyntaxError
    {
        internal ConditionSyntaxError(ConditionErrorKind kind, int position, int line, int column, string message,
            IReadOnlyList<string> expected, string pythonType, string? pythonMessage)
        {
            Kind = kind;
            Position = position;
            Line = line;
            Column = column;
            Message = message;
            Expected = expected;
            PythonType = pythonType;
            PythonMessage = pythonMessage;
        }

        public ConditionErrorKind Kind { get; }

        /// <summary>0-based offset into the text.</summary>
        public int Position { get; }
        public int Line { get; }
        public int Column { get; }

        /// <summary>Plain English, starting with "column N:".</summary>
        public string Message { get; }

        /// <summary>What the parser would have accepted at <see cref="Position"/>.</summary>
        public IReadOnlyList<string> Expected { get; }

        /// <summary>The Python exception type the server raises (ParseException, ValueError, RecursionError).</summary>
        public string PythonType { get; }

        /// <summary><c>str()</c> of the server's exception when it can be reproduced exactly, else null.</summary>
        public string? PythonMessage { get; }

        public override string ToString() => Message;
    }
}
