using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace BkSops.Tests.Shared
{
    /// <summary>
    /// Test methods are named in PascalCase, as a sentence that says what holds (CONTRIBUTING.md, "Test names").
    /// Compiled into every xunit project, each checking its own assembly.
    /// </summary>
    public class TestNamingTests
    {
        [Fact]
        public void TestMethodsAreNamedInPascalCaseWithoutUnderscores()
        {
            var pascalCase = new Regex("^[A-Z][A-Za-z0-9]*$");
            var tests = typeof(TestNamingTests).Assembly.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                .Where(m => m.GetCustomAttributes<FactAttribute>(true).Any())
                .ToList();
            Assert.NotEmpty(tests);
            var misnamed = tests.Where(m => !pascalCase.IsMatch(m.Name))
                .Select(m => $"{m.DeclaringType.FullName}.{m.Name}").OrderBy(n => n).ToList();
            Assert.True(misnamed.Count == 0, "Name these test methods in PascalCase (e.g. Flow_is_kept -> FlowIsKept):\n" + string.Join("\n", misnamed));
        }
    }
}
