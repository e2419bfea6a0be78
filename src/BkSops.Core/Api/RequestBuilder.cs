using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Newtonsoft.Json;

namespace BkSops.Api
{
    /// <summary>
    /// Lays an <see cref="ApiCall"/> out for a channel (contracts.md section 4): the API gateway gets the ids in the
    /// path and the credentials in <c>X-Bkapi-Authorization</c>; the ESB gets ids and credentials in the body or query.
    /// With <c>redact</c>, every secret reads <c>***</c> (for -WhatIf and Debug).
    /// </summary>
    internal static class RequestBuilder
    {
        public const string AuthorizationHeader = "X-Bkapi-Authorization";

        public static PreparedRequest Build(ConnectionSettings settings, ApiCall call, bool redact)
        {
            string secret = redact ? SecretText.Redacted : SecretText.Reveal(settings.AppSecret);
            string token = settings.UserToken != null && settings.UserToken.Length > 0
                ? (redact ? SecretText.Redacted : SecretText.Reveal(settings.UserToken)) : null;
            string method = call.IsPost ? "POST" : "GET";
            var headers = new List<KeyValuePair<string, string>>();
            var query = new List<KeyValuePair<string, object>>();
            var body = new List<KeyValuePair<string, object>>();
            string basePath;
            string root = settings.Uri.AbsoluteUri.TrimEnd('/');

            if (settings.Channel == ApiChannel.ApiGateway)
            {
                var path = new StringBuilder("/").Append(Uri.EscapeDataString(settings.Stage)).Append('/').Append(call.Route).Append('/');
                foreach (var id in call.PathIds) path.Append(Uri.EscapeDataString(id.Value)).Append('/');
                basePath = path.ToString();
                headers.Add(new KeyValuePair<string, string>(AuthorizationHeader, AuthorizationJson(settings, secret, token)));
                (call.IsPost ? body : query).AddRange(call.Fields);
            }
            else
            {
                basePath = "/api/c/compapi/v2/sops/" + call.Route + "/";
                var fields = call.IsPost ? body : query;
                fields.Add(new KeyValuePair<string, object>("bk_app_code", settings.AppCode));
                fields.Add(new KeyValuePair<string, object>("bk_app_secret", secret));
                if (token != null) fields.Add(new KeyValuePair<string, object>("bk_token", token));
                else fields.Add(new KeyValuePair<string, object>("bk_username", settings.UserName));
                foreach (var id in call.PathIds) fields.Add(new KeyValuePair<string, object>(id.Key, NumberOrText(id.Value)));
                fields.AddRange(call.Fields);
            }

            string url = root + basePath + QueryString(query);
            string logPath = new Uri(root + basePath).AbsolutePath;
            string bodyText = call.IsPost ? BodyJson(body, call.TreeJson) : null;
            if (call.IsPost) headers.Add(new KeyValuePair<string, string>("Content-Type", "application/json; charset=utf-8"));
            return new PreparedRequest(method, url, logPath, headers, bodyText);
        }

        private static string AuthorizationJson(ConnectionSettings settings, string secret, string token)
        {
            var text = new StringWriter();
            using (var w = new JsonTextWriter(text))
            {
                w.WriteStartObject();
                w.WritePropertyName("bk_app_code"); w.WriteValue(settings.AppCode);
                w.WritePropertyName("bk_app_secret"); w.WriteValue(secret);
                if (token != null) { w.WritePropertyName("bk_token"); w.WriteValue(token); }
                else { w.WritePropertyName("bk_username"); w.WriteValue(settings.UserName); }
                w.WriteEndObject();
            }
            return text.ToString();
        }

        private static string BodyJson(List<KeyValuePair<string, object>> fields, string treeJson)
        {
            var text = new StringWriter();
            using (var w = new JsonTextWriter(text))
            {
                w.WriteStartObject();
                foreach (var f in fields)
                {
                    w.WritePropertyName(f.Key);
                    w.WriteValue(f.Value);
                }
                if (treeJson != null)
                {
                    w.WritePropertyName("pipeline_tree");
                    w.WriteRawValue(treeJson);
                }
                w.WriteEndObject();
            }
            return text.ToString();
        }

        private static string QueryString(List<KeyValuePair<string, object>> fields)
        {
            if (fields.Count == 0) return "";
            var text = new StringBuilder();
            foreach (var f in fields)
            {
                text.Append(text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(f.Key)).Append('=');
                string value = f.Value is bool b ? (b ? "true" : "false")
                    : Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture);
                text.Append(Uri.EscapeDataString(value ?? ""));
            }
            return text.ToString();
        }

        private static object NumberOrText(string value) => long.TryParse(value, out long n) ? (object)n : value;
    }
}
