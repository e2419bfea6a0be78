using System;
using System.Collections.Specialized;
using System.Text;
using BkSops.Json;

namespace BkSops.Sandbox.Http
{
    public enum Channel { ApiGateway, Esb }

    /// <summary>A request after routing: which API, its ids, its query and body, who sent it.</summary>
    public sealed class SandboxRequest
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private bool bodyRead;
        private JsonNode? bodyJson;
        private Route? route;

        public Channel Channel { get; set; }
        public string Method { get; set; } = "";

        /// <summary>The route the gateway (or ESB) found; set before bk-sops' side sees the request.</summary>
        public Route Route
        {
            get => route ?? throw new InvalidOperationException("The request has not been routed yet.");
            set => route = value;
        }

        public NameValueCollection Query { get; set; } = new NameValueCollection();
        public byte[] Body { get; set; } = new byte[0];
        public string? AcceptLanguage { get; set; }

        /// <summary>The ids by name (<c>task_id</c>, <c>bk_biz_id</c>) as the path (or, on the ESB, the body or query) gave them.</summary>
        public NameValueCollection Ids { get; } = new NameValueCollection();

        /// <summary>The user the gateway (or ESB) vouched for.</summary>
        public string UserName { get; set; } = "";

        /// <summary>True when the request prefers English (bk-sops then answers its translated texts in English).</summary>
        public bool English => AcceptLanguage != null && AcceptLanguage.TrimStart().StartsWith("en", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// The body as JSON the way Python's <c>json.loads</c> reads it; null when it is empty, not UTF-8 or not JSON
        /// (<see cref="BodyIsEmpty"/> tells the first apart).
        /// </summary>
        public JsonNode? BodyJson
        {
            get
            {
                if (bodyRead) return bodyJson;
                bodyRead = true;
                try
                {
                    if (Body.Length == 0) bodyJson = null;
                    // ASCII reads the same either way, so the reader takes the bytes as they are (no copy as text and back).
                    else if (IsAscii(Body)) bodyJson = JsonReader.Read(Body, Body.Length).Root;
                    else bodyJson = JsonReader.Parse(StrictUtf8.GetString(Body));
                }
                catch (Exception e) when (e is BkSops.Serialization.PipelineInputException || e is ArgumentException)
                {
                    bodyJson = null;
                }
                return bodyJson;
            }
        }

        private static bool IsAscii(byte[] bytes)
        {
            foreach (byte b in bytes) if (b >= 0x80) return false;
            return true;
        }

        public bool BodyIsEmpty => Body.Length == 0;

        /// <summary>A field of a JSON object body, or null.</summary>
        public JsonNode? BodyField(string name) => (BodyJson as JsonObject)?[name];

        /// <summary>The <c>scope</c> parameter as bk-sops' <c>project_inject</c> reads it: body for POST, query for GET.</summary>
        public string? Scope
        {
            get
            {
                if (Method == "GET") return Query["scope"];
                var scope = BodyField("scope");
                return scope == null ? null : scope is JsonString s ? s.Value : JsonWriter.Write(scope, indented: false);
            }
        }
    }
}
