namespace BkSops.Validation
{
    /// <summary>The exact answers bk-sops gives, with their fixed prefixes and codes (spec 1.4, 2.14).</summary>
    public static class ServerAnswer
    {
        public const int ParamInvalid = 3540000;
        public const int UnknownError = 3599999;
        public const string InvalidTreePrefix = "[API] fast_create_task get invalid pipeline_tree: ";
        public const string CreatePipelinePrefix = "[API] fast_create_task create pipeline error: ";

        /// <summary>Marks <paramref name="d"/> as rejected by the validator step: code 3540000, HTTP 200.</summary>
        public static Diagnostic InvalidTree(this Diagnostic d, string pythonText)
        {
            d.ServerMessage = InvalidTreePrefix + pythonText;
            d.ServerCode = ParamInvalid;
            d.ServerStatus = 200;
            return d;
        }

        /// <summary>Marks <paramref name="d"/> as rejected at task creation: code 3599999, HTTP 200.</summary>
        public static Diagnostic CreateError(this Diagnostic d, string pythonText)
        {
            d.ServerMessage = CreatePipelinePrefix + pythonText;
            d.ServerCode = UnknownError;
            d.ServerStatus = 200;
            return d;
        }

        /// <summary>Marks <paramref name="d"/> as a finding the server crashes on: HTTP 500, no JSON.</summary>
        public static Diagnostic Http500(this Diagnostic d)
        {
            d.ServerMessage = null;
            d.ServerCode = null;
            d.ServerStatus = 500;
            return d;
        }

        /// <summary>Marks <paramref name="d"/> with a whole message that has its own prefix (e.g. the SubProcess project check).</summary>
        public static Diagnostic WholeMessage(this Diagnostic d, string message, int code = ParamInvalid)
        {
            d.ServerMessage = message;
            d.ServerCode = code;
            d.ServerStatus = 200;
            return d;
        }
    }
}
