using System;

namespace BkSops.Validation.Graph.Emulation
{
    /// <summary>The Python exception classes the emulated server code can raise.</summary>
    internal enum PyErrorKind
    {
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        IndexError,
        ZeroDivisionError,
        RecursionError,
        /// <summary>A bamboo exception whose text is given as is (ConvergeMatchError, StreamValidateError, ...).</summary>
        Pipeline,
        /// <summary>The server code never returns (an endless loop); there is no answer.</summary>
        Hang,
    }

    /// <summary>
    /// A Python exception raised by the emulation of the server's code. <see cref="Text"/> is <c>str(exception)</c>,
    /// exactly what bk-sops puts after its message prefix. Only thrown and caught inside the graph stages.
    /// </summary>
    internal sealed class PyException : Exception
    {
        public PyException(PyErrorKind kind, string text) : base(text)
        {
            Kind = kind;
            Text = text;
        }

        public PyErrorKind Kind { get; }

        /// <summary><c>str(exception)</c>.</summary>
        public string Text { get; }

        /// <summary>The node the failing step was working on, when known (for the diagnostic).</summary>
        public string NodeId { get; set; }

        /// <summary>The flow the failing step was working on, when known.</summary>
        public string FlowId { get; set; }

        /// <summary>What the failing step was doing, in words (e.g. "reading the incoming flows of").</summary>
        public string Operation { get; set; }

        /// <summary>KeyError: <c>str(KeyError(key))</c> is the key's repr.</summary>
        public static PyException KeyError(string keyRepr) => new PyException(PyErrorKind.KeyError, keyRepr);

        public static PyException TypeError(string text) => new PyException(PyErrorKind.TypeError, text);

        public static PyException Unhashable(string typeName) => TypeError("unhashable type: '" + typeName + "'");

        public static PyException NotInList(string valueRepr) => new PyException(PyErrorKind.ValueError, valueRepr + " is not in list");

        public static PyException Recursion() => new PyException(PyErrorKind.RecursionError, "maximum recursion depth exceeded");

        public static PyException Hang(string what) => new PyException(PyErrorKind.Hang, what);

        public static PyException Pipeline(string text) => new PyException(PyErrorKind.Pipeline, text);

        public PyException At(string nodeId = null, string flowId = null, string operation = null)
        {
            if (NodeId == null) NodeId = nodeId;
            if (FlowId == null) FlowId = flowId;
            if (Operation == null) Operation = operation;
            return this;
        }
    }
}
