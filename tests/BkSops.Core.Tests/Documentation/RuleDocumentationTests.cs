using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BkSops.Core.Tests.Generators;
using BkSops.Core.Tests.Json;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Documentation
{
    /// <summary>
    /// Every rule of the registry (<see cref="Rules"/>) is explained, with a failing and a fixed example, in docs/rules,
    /// and every page there is a rule of the registry. (DiagnosticsSnapshotTests checks that the validator reports
    /// only rules of the registry, with the severities it lists.)
    /// </summary>
    public class RuleDocumentationTests
    {
        // docs/rules/*.md are copied next to the tests by the project file.
        private static string RulesFolder() => Path.Combine(AppContext.BaseDirectory, "rule-docs");

        [Fact]
        public void EveryRuleHasAPageWithAFailingAndAFixedExample()
        {
            string folder = RulesFolder();
            var missing = Rules.All.Where(r => !File.Exists(Path.Combine(folder, r.Name + ".md"))).Select(r => r.DocumentationPage).ToList();
            Assert.True(missing.Count == 0, "rules without their page: " + string.Join(", ", missing));
            foreach (var rule in Rules.All)
            {
                string text = File.ReadAllText(Path.Combine(folder, rule.Name + ".md"));
                Assert.True(text.Split(new[] { "```" }, StringSplitOptions.None).Length >= 5, $"{rule.DocumentationPage} needs a failing and a fixed example");
            }
        }

        [Fact]
        public void EveryPageIsARuleOfTheRegistry()
        {
            var pages = Directory.GetFiles(RulesFolder(), "*.md").Select(Path.GetFileNameWithoutExtension).ToList();
            Assert.Equal(Rules.All.Count, pages.Count);
            Assert.All(pages, page => Assert.NotNull(Rules.Find(page)));
        }

        /// <summary>Code names a rule through the registry (<c>Rules.X.Name</c>): a misspelt literal would compare false forever.</summary>
        [Fact]
        public void NoRuleNameIsSpelledAsALiteralOutsideTheRegistry()
        {
            string src = Path.Combine(RepositoryRoot(), "src");
            var names = new HashSet<string>(Rules.All.Select(r => r.Name), StringComparer.Ordinal);
            var literal = new System.Text.RegularExpressions.Regex("[\"']([A-Z][A-Za-z0-9]+)[\"']");
            var found = new List<string>();
            foreach (var file in Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(src, file).Replace('\\', '/');
                if (relative == "BkSops.Core/Validation/Rules.cs" || relative.Contains("/obj/") || relative.Contains("/bin/")) continue;
                if (!(file.EndsWith(".cs") || file.EndsWith(".ps1") || file.EndsWith(".psm1"))) continue;
                var lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                    foreach (System.Text.RegularExpressions.Match m in literal.Matches(lines[i]))
                        if (names.Contains(m.Groups[1].Value)) found.Add($"src/{relative}:{i + 1} {m.Value}");
            }
            Assert.True(Directory.Exists(Path.Combine(src, "BkSops.Core", "Validation")), "the sources are at " + src);
            Assert.True(found.Count == 0, "rule names written as literals (use Rules.X.Name): " + string.Join("; ", found));
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "build.ps1")) && Directory.Exists(Path.Combine(dir.FullName, "src"))) return dir.FullName;
            throw new InvalidOperationException("No repository root above " + AppContext.BaseDirectory);
        }

        [Fact]
        public void RuleNamesAreStablePascalCaseAndTheirFieldNames()
        {
            Assert.True(Rules.All.Count >= 70, $"the registry lists {Rules.All.Count} rules");
            foreach (var rule in Rules.All)
            {
                Assert.Matches("^[A-Z][A-Za-z0-9]+$", rule.Name);
                Assert.Same(rule, typeof(Rules).GetField(rule.Name).GetValue(null));
                Assert.NotEmpty(rule.Severities);
            }
        }
    }
}
