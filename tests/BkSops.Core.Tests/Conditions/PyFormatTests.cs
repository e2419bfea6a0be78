using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using BkSops.Conditions;
using BkSops.Json;
using Xunit;
using BkSops.Validation.Python;

namespace BkSops.Core.Tests.Conditions
{
    /// <summary>Python's str()/repr()/json.dumps()/int()/float() as produced by CPython 3.11 (fixture pyformat-oracle.jsonl).</summary>
    public sealed class PyFormatTests
    {
        private static IEnumerable<JsonObject> Cases(string kind)
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Conditions", "pyformat-oracle.jsonl");
            foreach (var line in File.ReadLines(path))
            {
                if (line.Length == 0) continue;
                var o = (JsonObject)JsonReader.Parse(line);
                if (((JsonString)o["k"]).Value == kind) yield return o;
            }
        }

        private static string S(JsonObject o, string key) => ((JsonString)o[key]).Value;

        [Fact]
        public void FloatReprMatchesPython()
        {
            int n = 0;
            foreach (var o in Cases("float"))
            {
                double d = BitConverter.Int64BitsToDouble(long.Parse(S(o, "bits"), CultureInfo.InvariantCulture));
                Assert.Equal(S(o, "out"), PyFormat.FloatRepr(d));
                n++;
            }
            Assert.True(n > 500);
        }

        [Fact]
        public void StringReprMatchesPython()
        {
            foreach (var o in Cases("repr")) Assert.Equal(S(o, "out"), PyFormat.StrRepr(S(o, "in")));
        }

        [Fact]
        public void IntConversionMatchesPython()
        {
            foreach (var o in Cases("int"))
            {
                string actual;
                try { actual = PyOps.ParseInt(S(o, "in")).ToString(CultureInfo.InvariantCulture); }
                catch (PythonException e) { actual = e.PythonType + ": " + e.Message; }
                Assert.Equal(S(o, "out"), actual);
            }
        }

        [Fact]
        public void FloatConversionMatchesPython()
        {
            foreach (var o in Cases("float_str"))
            {
                string actual;
                try { actual = PyFormat.FloatRepr(PyOps.ParseFloat(S(o, "in"))); }
                catch (PythonException e) { actual = e.PythonType + ": " + e.Message; }
                Assert.Equal(S(o, "out"), actual);
            }
        }

        [Fact]
        public void StrAndJsonDumpsOfContainersMatchPython()
        {
            foreach (var o in Cases("str"))
            {
                var value = PyValue.FromJson(o["in"]);
                Assert.Equal(S(o, "out"), PyFormat.Str(value));
                Assert.Equal(S(o, "json"), PyFormat.JsonDumps(value));
            }
        }

        [Theory]
        [InlineData(true, "True")]
        [InlineData(false, "False")]
        public void BoolsRenderAsPython(bool value, string expected) => Assert.Equal(expected, PyFormat.Str(value));

        [Fact]
        public void NoneAndBigIntegersRenderAsPython()
        {
            Assert.Equal("None", PyFormat.Str(null));
            Assert.Equal("123456789012345678901234567890", PyFormat.Str(BigInteger.Parse("123456789012345678901234567890")));
        }

        [Fact]
        public void DeeplyNestedListsRenderWithoutRecursion()
        {
            var node = new JsonArray();
            var root = node;
            for (int i = 0; i < 100_000; i++)
            {
                var inner = new JsonArray();
                node.Add(inner);
                node = inner;
            }
            string text = PyFormat.Str(PyValue.FromJson(root));
            Assert.Equal(200_002, text.Length);
        }
    }
}
