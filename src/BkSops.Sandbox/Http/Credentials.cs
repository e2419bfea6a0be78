using System.Collections.Specialized;
using BkSops.Json;

namespace BkSops.Sandbox.Http
{
    /// <summary>
    /// Checks who calls (contracts.md section 5): on the gateway the <c>X-Bkapi-Authorization</c> header (JSON), on
    /// the ESB the body (POST) or query (GET) fields. The app code and secret must be the sandbox's; any non-empty
    /// <c>bk_username</c> is accepted; a <c>bk_token</c> must be the sandbox's own.
    /// </summary>
    internal sealed class Credentials
    {
        private readonly string appCode, appSecret, userToken;

        public Credentials(string appCode, string appSecret, string userToken)
        {
            this.appCode = appCode;
            this.appSecret = appSecret;
            this.userToken = userToken;
        }

        /// <summary>The user name, or null with <paramref name="reason"/> set to the gateway's reason text ("" on success).</summary>
        public string? CheckGateway(string? header, out string reason)
        {
            JsonObject? fields = null;
            if (header != null && header.Length > 0)
            {
                try { fields = JsonReader.Parse(header) as JsonObject; }
                catch (BkSops.Serialization.PipelineInputException) { fields = null; }
            }
            return Check(name => (fields?[name] as JsonString)?.Value, out reason);
        }

        /// <summary>The ESB form: fields of the JSON body (POST) or the query string (GET).</summary>
        public string? CheckEsb(SandboxRequest request, out string reason)
        {
            if (request.Method == "GET") return Check(name => request.Query[name], out reason);
            var body = request.BodyJson as JsonObject;
            return Check(name => (body?[name] as JsonString)?.Value, out reason);
        }

        private string? Check(System.Func<string, string?> field, out string reason)
        {
            string? code = field("bk_app_code");
            string? secret = field("bk_app_secret");
            if (code == null || code.Length == 0) { reason = "app code cannot be empty"; return null; }
            if (string.IsNullOrEmpty(secret) && string.IsNullOrEmpty(field("bk_signature")))
            {
                reason = "please provide bk_app_secret or bk_signature to verify app";
                return null;
            }
            if (!FixedTimeEquals(code, appCode) || !FixedTimeEquals(secret ?? "", appSecret))
            {
                reason = "bk_app_code or bk_app_secret is incorrect";
                return null;
            }
            string? token = field("bk_token");
            if (token != null && token.Length > 0)
            {
                if (FixedTimeEquals(token, userToken)) { reason = ""; return SandboxDefaults.UserName; }
                reason = "user authentication failed, please provide a valid user identity, such as bk_username, bk_token, access_token";
                return null;
            }
            string? user = field("bk_username");
            if (user != null && user.Length > 0) { reason = ""; return user; }
            reason = "user authentication failed, please provide a valid user identity, such as bk_username, bk_token, access_token";
            return null;
        }

        private static bool FixedTimeEquals(string a, string b)
        {
            int diff = a.Length ^ b.Length;
            for (int i = 0; i < a.Length && i < b.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }
    }

    /// <summary>
    /// The legacy ESB's answers for requests it refuses itself. The spec does not give the ESB's codes, so the sandbox
    /// uses one, <see cref="Code"/>, documented in Start-BkSopsSandbox's help.
    /// </summary>
    public static class EsbErrors
    {
        public const int Code = 1306000;

        public static Answer Refuse(string message)
        {
            var o = new JsonObject();
            o.Set("result", JsonNode.From(false));
            o.Set("code", JsonNode.From(Code));
            o.Set("data", new JsonNull());
            o.Set("message", new JsonString(message));
            return Answer.FromJson(o);
        }
    }
}
