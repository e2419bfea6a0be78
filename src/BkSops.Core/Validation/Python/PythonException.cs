using System;
using BkSops.Json;

namespace BkSops.Validation.Python
{
    /// <summary>The Python exception classes the emulated server code can raise.</summary>
    internal enum PythonErrorKind
    {
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        IndexError,
        ZeroDivisionError,
        RecursionError,
        OverflowError,
        UnboundLocalError,
        /// <summary>A bamboo or bk-sops exception whose text is given as is (ConvergeMatchError, NodeNotExistException, ...).</summary>
        Pipeline,
        /// <summary>The server code never returns (an endless loop); there is no answer.</summary>
        Hang,
    }

    /// <summary>
    /// A Python exception raised by the emulation of the server's code (the layout, the bamboo validators, task
    /// creation, condition evaluation). <see cref="Text"/> is <c>str(exception)</c>, exactly what bk-sops puts after its
    /// message prefix. Thrown and caught inside the validator only: each stage turns it into a diagnostic.
    /// </summary>
    internal sealed class PythonException : Exception
    {
        private readonly string? pipelineClass;

        public PythonException(PythonErrorKind kind, string text) : base(text)
        {
            Kind = kind;
            Text = text;
        }

        /// <summary>An exception named by its Python class (a builtin, or a bamboo class such as NodeNotExistException).</summary>
        public PythonException(string pythonType, string text, string? where = null)
            : this(Enum.TryParse(pythonType, out PythonErrorKind kind) && kind != PythonErrorKind.Pipeline && kind != PythonErrorKind.Hang ? kind : PythonErrorKind.Pipeline, text)
        {
            if (Kind == PythonErrorKind.Pipeline) pipelineClass = pythonType;
            Where = where;
        }

        public PythonErrorKind Kind { get; }

        /// <summary>The Python class: KeyError, TypeError, ... or the bamboo exception's class.</summary>
        public string PythonType => pipelineClass ?? Kind.ToString();

        /// <summary><c>str(exception)</c>.</summary>
        public string Text { get; }

        // ---- where it arose (what the stage that catches it needs for its diagnostic) ----

        /// <summary>The node the failing step was working on, when known.</summary>
        public string? NodeId { get; set; }

        /// <summary>The flow the failing step was working on, when known (for the exclusive-gateway condition check: the flow without a condition).</summary>
        public string? FlowId { get; set; }

        /// <summary>What the failing step was doing, in words (e.g. "reading the incoming flows of").</summary>
        public string? Operation { get; set; }

        /// <summary>Plain-English place, e.g. "activity 'node1'".</summary>
        public string? Where { get; set; }

        /// <summary>JSONPath of the value the step failed on.</summary>
        public string? Path { get; set; }

        /// <summary>The value the step failed on (for its line and column).</summary>
        public JsonNode? Value { get; set; }

        /// <summary>True for a list where the server needs a plain flow id string.</summary>
        public bool SingleFlowList { get; set; }

        /// <summary>For the source_info check: the node id that does not exist.</summary>
        public string? SourceNode { get; set; }

        /// <summary>True for bk-sops' NodeNotExistException, which the server answers with a message (code 3599999) rather than crashing.</summary>
        public bool IsPipelineException => pipelineClass == "NodeNotExistException";

        public bool IsKeyError => Kind == PythonErrorKind.KeyError;

        /// <summary>KeyError: <c>str(KeyError(key))</c> is the key's repr.</summary>
        public static PythonException KeyError(string keyRepr) => new PythonException(PythonErrorKind.KeyError, keyRepr);

        public static PythonException KeyError(JsonNode key, string where) => new PythonException(PythonErrorKind.KeyError, PythonRepr.Repr(key)) { Where = where };

        public static PythonException KeyError(string key, string where) => new PythonException(PythonErrorKind.KeyError, PythonRepr.ReprString(key)) { Where = where };

        public static PythonException TypeError(string text) => new PythonException(PythonErrorKind.TypeError, text);

        public static PythonException Unhashable(string typeName) => TypeError("unhashable type: '" + typeName + "'");

        public static PythonException Unhashable(JsonNode key, string where) => new PythonException(PythonErrorKind.TypeError, $"unhashable type: '{key.PythonTypeName}'") { Where = where };

        public static PythonException NotInList(string valueRepr) => new PythonException(PythonErrorKind.ValueError, valueRepr + " is not in list");

        public static PythonException Recursion() => new PythonException(PythonErrorKind.RecursionError, "maximum recursion depth exceeded");

        public static PythonException Hang(string what) => new PythonException(PythonErrorKind.Hang, what);

        public static PythonException Pipeline(string text) => new PythonException(PythonErrorKind.Pipeline, text);

        /// <summary>Records the node, flow and step the exception arose at, unless an inner step already did.</summary>
        public PythonException At(string? nodeId = null, string? flowId = null, string? operation = null)
        {
            if (NodeId == null) NodeId = nodeId;
            if (FlowId == null) FlowId = flowId;
            if (Operation == null) Operation = operation;
            return this;
        }
    }
}
