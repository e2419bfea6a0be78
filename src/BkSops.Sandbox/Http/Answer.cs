using System.Collections.Generic;
using System.Text;
using BkSops.Json;

namespace BkSops.Sandbox.Http
{
    /// <summary>One HTTP answer of the sandbox, written by <see cref="SandboxServer"/>.</summary>
    public sealed class Answer
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        public int Status { get; set; } = 200;
        public string ContentType { get; set; } = "application/json";
        public byte[] Body { get; set; } = new byte[0];
        public List<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>The JSON body, when the answer is JSON (kept so faults and the ESB can adjust it).</summary>
        public JsonObject? Json { get; private set; }

        /// <summary>Close the connection after the answer.</summary>
        public bool CloseConnection { get; set; }

        /// <summary>Drop the connection instead of answering (fault Reset).</summary>
        public bool Abort { get; set; }

        public Answer WithHeader(string name, string value)
        {
            Headers.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public static Answer FromJson(JsonObject json, int status = 200) =>
            new Answer { Status = status, Json = json, ContentType = "application/json", Body = Utf8Json(json) };

        internal static Answer FromJson(JsonObject json, byte[] body) =>
            new Answer { Json = json, ContentType = "application/json", Body = body };

        /// <summary>Writes <see cref="Json"/> again after a change.</summary>
        public void Rewrite() { if (Json != null) Body = Utf8Json(Json); }

        private static byte[] Utf8Json(JsonObject json) => Store.TreeText.Bytes(json);

        public static Answer Text(int status, string text, string contentType = "text/plain; charset=utf-8") =>
            new Answer { Status = status, ContentType = contentType, Body = Utf8.GetBytes(text) };

        /// <summary>Django's own error page (DEBUG off), as bk-sops answers 400, 404 and 500 outside its JSON views.</summary>
        public static Answer DjangoPage(int status, string title, string details = "") =>
            Text(status, "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>" + title + "</title>\n</head>\n<body>\n  <h1>" + title + "</h1><p>" + details + "</p>\n</body>\n</html>\n",
                "text/html; charset=utf-8");
    }
}
