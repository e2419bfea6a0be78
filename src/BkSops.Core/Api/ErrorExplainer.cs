using System;
using BkSops.Model;
using BkSops.Validation;

namespace BkSops.Api
{
    /// <summary>Plain English for answers whose text does not say what to do (spec sections 1.2, 1.7, 2.15, 4).</summary>
    public static class ErrorExplainer
    {
        public static string? ForGateway(long code, string? message)
        {
            switch (code)
            {
                case 1640001:
                    if (message != null && message.IndexOf("bk_app_code or bk_app_secret is incorrect", StringComparison.OrdinalIgnoreCase) >= 0)
                        return "The app code or app secret is wrong: check the -Credential given to Connect-BkSops (user name = app code, password = app secret).";
                    if (message != null && message.IndexOf("user authentication failed", StringComparison.OrdinalIgnoreCase) >= 0)
                        return "The gateway did not accept the user: give a valid -UserName (bk_username) or -UserToken (bk_token) to Connect-BkSops.";
                    return "The gateway refused the credentials or parameters (HTTP 400 here means authentication, not a bad tree).";
                case 1640301:
                    return "The app has not been granted this bk-sops API; fast_create_task is a restricted resource that the bk-sops gateway maintainers must grant.";
                case 1640401:
                    return "The gateway knows no such API: check -Uri (it must include the API name, e.g. https://bkapi.example.com/api/bk-sops) and -Stage.";
                case 1641301:
                    return "The request body is larger than the gateway's 40 MB limit.";
                case 1650200:
                case 1650201:
                    return "bk-sops behind the gateway failed or dropped the connection; the request may have been processed.";
                case 1650401:
                    return "bk-sops did not answer the gateway in time; the request may still be processed.";
            }
            if (code / 100 == 16429) return "The gateway's rate limit: too many requests; lower -ThrottleLimit or wait.";
            return null;
        }

        public static string? ForHttp(int status, string route)
        {
            switch (status)
            {
                case 403: return "The server refused the request; bk-sops' own API only answers requests that come through the API gateway (check -Uri and -Channel).";
                case 404: return "No such address: check -Uri, -Channel and -Stage.";
                case 405: return $"{route} does not take this HTTP method here: check -Channel.";
                case 500: return route == ApiRoutes.FastCreateTask
                    ? "bk-sops failed while creating the task (HTTP 500 without JSON). Trees with a one-element list as the outgoing of the start event, an activity or a converge gateway do this; run Test-BkSopsPipeline -Detailed on the tree."
                    : "bk-sops failed with an internal error.";
                case 502:
                case 503:
                case 504: return "A proxy in front of bk-sops could not get an answer from it.";
            }
            return null;
        }

        public static string? ForApi(string route, long? code, string? message)
        {
            if (message == null) return null;
            if (message.StartsWith("username cannot be empty", StringComparison.Ordinal))
                return "bk-sops received no user: connect with -UserName (bk_username) or -UserToken (bk_token).";
            if (message.IndexOf("with scope(", StringComparison.Ordinal) >= 0 && message.IndexOf("does not exist", StringComparison.Ordinal) >= 0)
                return "No project with that id in that scope: with -Scope cmdb_biz the id is the CMDB business id, with -Scope project the bk-sops project id (Get-BkSopsProject lists both).";
            if (message.StartsWith("iam authentication exception", StringComparison.Ordinal))
                return "The user lacks the bk-sops permission for this action on the project (IAM).";
            if (message == "task already started")
                return "The task was already started; nothing was done.";
            if (message == "task not started")
                return "The task has not been started yet: start it with Start-BkSopsTask first.";
            if (message.StartsWith("task with current_flow:", StringComparison.Ordinal))
                return "The task is finished or revoked (or must be claimed first), so it cannot be paused, resumed or revoked.";
            if (message.StartsWith("fail: ", StringComparison.Ordinal) && message.IndexOf("state is: ", StringComparison.Ordinal) >= 0)
                return "Only a suspended task can be resumed.";
            if (message.StartsWith("fail: ", StringComparison.Ordinal) && message.IndexOf("SUSPENDED to SUSPENDED", StringComparison.Ordinal) >= 0)
                return "The task is already suspended.";
            return null;
        }

        /// <summary>
        /// For a refused fast_create_task: what the offline validator says about the tree that was sent, when its
        /// verdict matches the server's (or, failing that, its first finding).
        /// </summary>
        public static string? ForCreate(PipelineTree? sent, string? serverMessage)
        {
            if (sent == null) return null;
            ValidationResult result;
            try
            {
                result = new PipelineValidator().Validate(sent);
            }
            catch (Exception)
            {
                return null;
            }
            var verdict = result.ServerVerdict;
            if (verdict == null) return null;
            string where = verdict.NodeId != null ? $" (at {verdict.NodeId})" : "";
            string text = verdict.Message + where + (string.IsNullOrEmpty(verdict.Hint) ? "" : " " + verdict.Hint);
            return verdict.ServerMessage == serverMessage ? text : "The offline check finds: " + text;
        }
    }
}
