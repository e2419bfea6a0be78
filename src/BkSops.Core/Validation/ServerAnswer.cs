
namespace BkSops.Validation
{
    /// <summary>The exact answers bk-sops gives, with their fixed prefixes and codes (spec 1.4, 2.14).</summary>
    public static class ServerAnswer
    {
        public const int ParamInvalid = 3540000;
        public const int UnknownError = 3599999;
        public const string InvalidTreePrefix = "[API] fast_create_task get invalid pipeline_tree: ";
        public const string CreatePipelinePrefix = "[API] fast_create_task create pipeline error: ";

        /// <summary><paramref name="d"/> rejected by the validator step: code 3540000, HTTP 200.</summary>
        public static Diagnostic InvalidTree(this Diagnostic d, string? pythonText) => d.WithServerAnswer(InvalidTreePrefix + pythonText, ParamInvalid, 200);

        /// <summary><paramref name="d"/> rejected at task creation: code 3599999, HTTP 200.</summary>
        public static Diagnostic CreateError(this Diagnostic d, string pythonText) => d.WithServerAnswer(CreatePipelinePrefix + pythonText, UnknownError, 200);

        /// <summary><paramref name="d"/> as a finding the server crashes on: HTTP 500, no JSON.</summary>
        public static Diagnostic Http500(this Diagnostic d) => d.WithServerAnswer(null, null, 500);

        /// <summary><paramref name="d"/> with a whole message that has its own prefix (e.g. the SubProcess project check).</summary>
        public static Diagnostic WholeMessage(this Diagnostic d, string message, int code = ParamInvalid) => d.WithServerAnswer(message, code, 200);
    }
}
