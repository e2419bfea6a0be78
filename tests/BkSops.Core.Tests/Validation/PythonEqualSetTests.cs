using System.Collections.Generic;
using System.Linq;
using BkSops.Json;
using BkSops.Validation.Creation;
using BkSops.Validation.Python;
using Xunit;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>The grouped set used for template ids must keep exactly the values a pairwise Python == keeps.</summary>
    public class PythonEqualSetTests
    {
        private static readonly string[] Values =
        {
            "1", "1.0", "true", "\"1\"", "null", "\"None\"", "1.5", "\"1.5\"", "NaN", "Infinity", "-Infinity", "0", "-0.0", "false",
            "\"int 1\"", "9007199254740993", "9007199254740992.0", "1e2", "100", "\"\"", "2", "2.5", "\"nan\"",
        };

        [Fact]
        public void KeepsTheFirstOfEachPythonEqualClass()
        {
            var scalars = Values.Select(v => PythonScalar.From(JsonReader.Parse(v))).ToList();
            for (int shift = 0; shift < scalars.Count; shift++)
            {
                var order = scalars.Skip(shift).Concat(scalars.Take(shift)).Concat(scalars).ToList();
                var set = new PythonEqualSet();
                var pairwise = new List<PythonScalar>();
                foreach (var s in order)
                {
                    bool expected = !pairwise.Any(p => p.PythonEquals(s));
                    if (expected) pairwise.Add(s);
                    Assert.Equal(expected, set.Add(s));
                    Assert.True(set.Contains(s));
                }
            }
        }
    }
}
