using System;
using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Creation
{
    /// <summary>A Python exception raised by the simulated server code: its class and <c>str()</c>, and where it arose.</summary>
    internal sealed class PythonFailure : Exception
    {
        public PythonFailure(string pythonType, string text, string where) : base(pythonType + ": " + text)
        {
            PythonType = pythonType;
            Text = text;
            Where = where;
        }

        /// <summary>KeyError, TypeError, ValueError, AttributeError, UnboundLocalError or NodeNotExistException.</summary>
        public string PythonType { get; }
        /// <summary><c>str(exception)</c>.</summary>
        public string Text { get; }
        /// <summary>Plain-English place, e.g. "activity 'node1'".</summary>
        public string Where { get; }
        public string NodeId { get; set; }
        public string Path { get; set; }
        public JsonNode At { get; set; }
        /// <summary>True for a list where the server needs a plain flow id string.</summary>
        public bool SingleFlowList { get; set; }
        /// <summary>For the exclusive-gateway condition check: the flow without a condition.</summary>
        public string FlowId { get; set; }
        /// <summary>For the source_info check: the node id that does not exist.</summary>
        public string SourceNode { get; set; }
        /// <summary>True when the server answers with a message (code 3599999) rather than crashing.</summary>
        public bool IsPipelineException => PythonType == "NodeNotExistException";

        public bool IsKeyError => PythonType == "KeyError";

        public static PythonFailure KeyError(JsonNode key, string where) =>
            new PythonFailure("KeyError", PythonRepr.Repr(key), where);

        public static PythonFailure KeyError(string key, string where) =>
            new PythonFailure("KeyError", PythonRepr.ReprString(key), where);

        public static PythonFailure Unhashable(JsonNode key, string where) =>
            new PythonFailure("TypeError", $"unhashable type: '{key.PythonTypeName}'", where);
    }
}
