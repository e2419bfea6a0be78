using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using BkSops.Api;

namespace BkSops.Commands
{
    /// <summary>
    /// Completes plugin codes from the current connection's cache (filled by Get-BkSopsPlugin; the first Tab for a
    /// project fills it with one request, never one per keystroke).
    /// </summary>
    public sealed class PluginCodeCompleter : IArgumentCompleter
    {
        internal static string Key(long projectId, string scope) => scope + ":" + projectId;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = BkSopsConnection.Current;
            if (connection == null) return Enumerable.Empty<CompletionResult>();
            IEnumerable<string> codes;
            long projectId;
            string scope = fakeBoundParameters?["Scope"] as string ?? connection.Scope;
            if (fakeBoundParameters != null && fakeBoundParameters.Contains("ProjectId") &&
                LanguagePrimitives.TryConvertTo(fakeBoundParameters["ProjectId"], out projectId))
                codes = Cached(connection, projectId, scope);
            else
                codes = connection.PluginCodeCache.Values.SelectMany(v => v).Distinct();
            return Completion.Matching(codes, wordToComplete);
        }

        private static IEnumerable<string> Cached(BkSopsConnection connection, long projectId, string scope)
        {
            string key = Key(projectId, scope);
            if (connection.PluginCodeCache.TryGetValue(key, out var codes)) return codes;
            try
            {
                using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
                {
                    var plugins = connection.Client.GetPluginsAsync(projectId, scope, NullApiLog.Instance, cancel.Token).GetAwaiter().GetResult();
                    var list = plugins.Select(p => p.Code ?? "").Where(c => c.Length > 0).ToList();
                    connection.PluginCodeCache[key] = list;
                    return list;
                }
            }
            catch (Exception)
            {
                return Enumerable.Empty<string>();  // completion never fails loudly
            }
        }
    }

    /// <summary>Completes project ids from the current connection's cache (filled by Get-BkSopsProject, or once on the first Tab).</summary>
    public sealed class ProjectIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = BkSopsConnection.Current;
            if (connection == null) return Enumerable.Empty<CompletionResult>();
            var projects = connection.ProjectCache;
            if (projects == null)
            {
                try
                {
                    using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
                        connection.ProjectCache = projects = connection.Client.GetProjectsAsync(NullApiLog.Instance, cancel.Token).GetAwaiter().GetResult();
                }
                catch (Exception)
                {
                    return Enumerable.Empty<CompletionResult>();
                }
            }
            // Get-BkSopsProject takes bk-sops project ids; elsewhere the id is read by scope (cmdb_biz: the business id).
            string scope = fakeBoundParameters?["Scope"] as string ?? connection.Scope;
            bool biz = commandName != "Get-BkSopsProject" && scope == ProjectScope.CmdbBiz;
            return projects
                .Select(p => (Id: biz && p.BkBizId.HasValue ? p.BkBizId.Value : p.ProjectId, p.Name))
                .Where(p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture).StartsWith(wordToComplete ?? "", StringComparison.Ordinal))
                .Select(p => new CompletionResult(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    p.Id + " " + p.Name, CompletionResultType.ParameterValue, p.Name ?? p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    internal static class Completion
    {
        public static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string word)
        {
            var pattern = WildcardPattern.Get((word ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return values.Where(v => pattern.IsMatch(v)).OrderBy(v => v, StringComparer.OrdinalIgnoreCase)
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
        }
    }
}
