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
            string secret = redact ? SecretText.Redacted : SecretText.Reveal(settings.AppSecret) ?? "";
            string? token = settings.UserToken != null && settings.UserToken.Length > 0
                ? (redact ? SecretText.Redacted : SecretText.Reveal(settings.UserToken)) : null;
            string method = call.IsPost ? "POST" : "GET";
            var headers = new List<KeyValuePair<string, string>>();
            var query = new List<KeyValuePair<string, object>>();
            var body = new List<KeyValuePair<string, object>>();
            string basePath;
            string root = settings.CheckedUri.AbsoluteUri.TrimEnd('/');

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
                fields.Add(new KeyValuePair<string, object>("bk_app_code", settings.AppCode ?? ""));
                fields.Add(new KeyValuePair<string, object>("bk_app_secret", secret));
                if (token != null) fields.Add(new KeyValuePair<string, object>("bk_token", token));
                else fields.Add(new KeyValuePair<string, object>("bk_username", settings.UserName ?? ""));
                foreach (var id in call.PathIds) fields.Add(new KeyValuePair<string, object>(id.Key, NumberOrText(id.Value)));
                fields.AddRange(call.Fields);
            }

            string url = root + basePath + QueryString(query);
            string logPath = settings.CheckedUri.AbsolutePath.TrimEnd('/') + basePath;
            byte[]? bodyBytes = call.IsPost ? BodyJson(body, call.TreeJson) : null;
            if (call.IsPost) headers.Add(new KeyValuePair<string, string>("Content-Type", "application/json; charset=utf-8"));
            return new PreparedRequest(method, url, logPath, headers, bodyBytes);
        }

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        private static string AuthorizationJson(ConnectionSettings settings, string secret, string? token)
        {
            var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            using (var json = new JsonTextWriter(text))
            {
                json.WriteStartObject();
                json.WritePropertyName("bk_app_code");
                json.WriteValue(settings.AppCode ?? "");
                json.WritePropertyName("bk_app_secret");
                json.WriteValue(secret);
                json.WritePropertyName(token != null ? "bk_token" : "bk_username");
                json.WriteValue(token ?? settings.UserName ?? "");
                json.WriteEndObject();
            }
            return text.ToString();
        }

        /// <summary>The body's fields, then the tree's bytes as they are: the tree is not written again per request.</summary>
        private static byte[] BodyJson(List<KeyValuePair<string, object>> fields, byte[]? treeJson)
        {
            var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            using var json = new JsonTextWriter(text);
            json.WriteStartObject();
            foreach (var f in fields)
            {
                json.WritePropertyName(f.Key);
                WriteValue(f.Value, json);
            }
            if (treeJson == null)
            {
                json.WriteEndObject();
                json.Flush();
                return Utf8.GetBytes(text.ToString());
            }
            json.WritePropertyName("pipeline_tree");
            json.Flush();
            string head = text.ToString();
            // The tree goes in as a raw value: the writer only records that a value came, then closes the object.
            json.WriteRawValue("");
            json.WriteEndObject();
            json.Flush();
            string tail = text.GetStringBuilder().ToString(head.Length, text.GetStringBuilder().Length - head.Length);
            int headLength = Utf8.GetByteCount(head), tailLength = Utf8.GetByteCount(tail);
            var bytes = new byte[headLength + treeJson.Length + tailLength];
            Utf8.GetBytes(head, 0, head.Length, bytes, 0);
            Buffer.BlockCopy(treeJson, 0, bytes, headLength, treeJson.Length);
            Utf8.GetBytes(tail, 0, tail.Length, bytes, headLength + treeJson.Length);
            return bytes;
        }

        private static void WriteValue(object? value, JsonWriter json)
        {
            switch (value)
            {
                case null: json.WriteNull(); break;
                case string s: json.WriteValue(s); break;
                case bool b: json.WriteValue(b); break;
                case long n: json.WriteValue(n); break;
                case int n: json.WriteValue(n); break;
                default: json.WriteValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }

        private static string QueryString(List<KeyValuePair<string, object>> fields)
        {
            if (fields.Count == 0) return "";
            var text = new StringBuilder();
            foreach (var f in fields)
            {
                text.Append(text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(f.Key)).Append('=');
                string? value = f.Value is bool b ? (b ? "true" : "false")
                    : Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture);
                text.Append(Uri.EscapeDataString(value ?? ""));
            }
            return text.ToString();
        }

        private static object NumberOrText(string value) => long.TryParse(value, out long n) ? (object)n : value;
    }
}
