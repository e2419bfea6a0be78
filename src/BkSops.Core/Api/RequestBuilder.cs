#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using BkSops.Json;

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
            text.Write("{\"bk_app_code\":");
            JsonWriter.WriteString(settings.AppCode ?? "", text);
            text.Write(",\"bk_app_secret\":");
            JsonWriter.WriteString(secret, text);
            text.Write(token != null ? ",\"bk_token\":" : ",\"bk_username\":");
            JsonWriter.WriteString(token ?? settings.UserName ?? "", text);
            text.Write('}');
            return text.ToString();
        }

        /// <summary>The body's fields, then the tree's bytes as they are: the tree is not written again per request.</summary>
        private static byte[] BodyJson(List<KeyValuePair<string, object>> fields, byte[]? treeJson)
        {
            var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            text.Write('{');
            foreach (var f in fields)
            {
                if (text.GetStringBuilder().Length > 1) text.Write(',');
                JsonWriter.WriteString(f.Key, text);
                text.Write(':');
                WriteValue(f.Value, text);
            }
            if (treeJson == null)
            {
                text.Write('}');
                return Utf8.GetBytes(text.ToString());
            }
            if (fields.Count > 0) text.Write(',');
            text.Write("\"pipeline_tree\":");
            var head = text.GetStringBuilder();
            int headLength = Utf8.GetByteCount(head.ToString());
            var bytes = new byte[headLength + treeJson.Length + 1];
            Utf8.GetBytes(head.ToString(), 0, head.Length, bytes, 0);
            Buffer.BlockCopy(treeJson, 0, bytes, headLength, treeJson.Length);
            bytes[bytes.Length - 1] = (byte)'}';
            return bytes;
        }

        private static void WriteValue(object? value, TextWriter text)
        {
            switch (value)
            {
                case null: text.Write("null"); break;
                case string s: JsonWriter.WriteString(s, text); break;
                case bool b: text.Write(b ? "true" : "false"); break;
                case long _:
                case int _: text.Write(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                default: JsonWriter.WriteString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", text); break;
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
