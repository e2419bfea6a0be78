using BkSops.Json;
using BkSops.Validation.Python;
using Xunit;

namespace BkSops.Core.Tests.Validation
{
    public class PythonReprTests
    {
        // Expected values are Python 3.11's repr(json.loads(text)).
        [Theory]
        [InlineData("\"abc\"", "'abc'")]
        [InlineData("\"it's\"", "\"it's\"")]
        [InlineData("\"say \\\"hi\\\"\"", "'say \"hi\"'")]
        [InlineData("\"both ' and \\\"\"", "'both \\' and \"'")]
        [InlineData("\"a\\\\b\"", "'a\\\\b'")]
        [InlineData("\"tab\\tnl\\ncr\\r\"", "'tab\\tnl\\ncr\\r'")]
        [InlineData("\"\\u0000\\u001f\\u007f\"", "'\\x00\\x1f\\x7f'")]
        [InlineData("\"\\u00a0\\u3000\\u200b\\u2028\"", "'\\xa0\\u3000\\u200b\\u2028'")]
        [InlineData("\"\\u00e9\\u4e2d\\u0301\"", "'\u00e9\u4e2d\u0301'")]
        [InlineData("\"\\ud83d\\ude00\"", "'\U0001F600'")]
        [InlineData("\"\\udb40\\udc01\"", "'\\U000e0001'")]
        [InlineData("\"\\ud800x\"", "'\\ud800x'")]
        [InlineData("\"\\u0cf3\"", "'\\u0cf3'")] // assigned in Unicode 15, after the server's Unicode 14
        [InlineData("true", "True")]
        [InlineData("false", "False")]
        [InlineData("null", "None")]
        [InlineData("[]", "[]")]
        [InlineData("{}", "{}")]
        [InlineData("[1, \"a\", [null]]", "[1, 'a', [None]]")]
        [InlineData("{\"b\": 1, \"a\": {\"x\": []}}", "{'b': 1, 'a': {'x': []}}")]
        public void RendersLikePython(string json, string expected) =>
            Assert.Equal(expected, PythonRepr.Repr(JsonReader.Parse(json)));

        [Theory]
        [InlineData("1", "1")]
        [InlineData("-0", "0")]
        [InlineData("12345678901234567890123", "12345678901234567890123")]
        [InlineData("1.0", "1.0")]
        [InlineData("1e3", "1000.0")]
        [InlineData("1E400", "inf")]
        [InlineData("-1E400", "-inf")]
        [InlineData("1e-400", "0.0")]
        [InlineData("-0.0", "-0.0")]
        [InlineData("NaN", "nan")]
        [InlineData("Infinity", "inf")]
        [InlineData("0.1", "0.1")]
        [InlineData("1e16", "1e+16")]
        [InlineData("1e15", "1000000000000000.0")]
        [InlineData("0.0001", "0.0001")]
        [InlineData("0.00001", "1e-05")]
        [InlineData("123456789.123", "123456789.123")]
        [InlineData("20000000000000008", "20000000000000008")]
        [InlineData("20000000000000008.0", "2.000000000000001e+16")]
        [InlineData("2.7e-269", "2.7e-269")]
        [InlineData("1.5e300", "1.5e+300")]
        [InlineData("5e-324", "5e-324")]
        public void RendersNumbersLikePython(string json, string expected) =>
            Assert.Equal(expected, PythonRepr.Repr(JsonReader.Parse(json)));

        [Fact]
        public void StrOfAStringIsTheTextItself()
        {
            Assert.Equal("it's", PythonRepr.Str(new JsonString("it's")));
            Assert.Equal("None", PythonRepr.Str(new JsonNull()));
            Assert.Equal("{'a': True}", PythonRepr.Str(JsonReader.Parse("{\"a\": true}")));
        }

        [Fact]
        public void DeepNestingDoesNotUseTheStack()
        {
            var text = new string('[', 200000) + new string(']', 200000);
            var repr = PythonRepr.Repr(JsonReader.Parse(text));
            Assert.Equal(text, repr);
        }
    }

    public class PythonTextTests
    {
        [Theory]
        [InlineData("abc", 3)]
        [InlineData("\U0001F600\U0001F600", 2)]
        public void LengthCountsCodePoints(string s, int expected) => Assert.Equal(expected, PythonText.Length(s));

        [Fact]
        public void ALoneSurrogateIsOneCodePoint() => Assert.Equal(2, PythonText.Length("\ud800x"));

        [Fact]
        public void PrefixCutsByCodePoint()
        {
            Assert.Equal("\U0001F600a", PythonText.Prefix("\U0001F600ab", 2));
            Assert.Equal("ab", PythonText.Prefix("ab", 50));
        }

        [Theory]
        [InlineData("node1", true)]
        [InlineData("node1\n", true)]
        [InlineData("node1\n\n", false)]
        [InlineData("\n", false)]
        [InlineData("", false)]
        [InlineData("node-1", false)]
        [InlineData("\u540d\u79f0", true)]
        [InlineData("\u0663\u00b2", true)]
        [InlineData("x\u0301", false)]
        [InlineData("a\u203fb", false)]
        public void WordKeyIsPythonsBackslashW(string key, bool expected) => Assert.Equal(expected, PythonText.IsWordKey(key));

        [Fact]
        public void CompareOrdersByCodePoint()
        {
            // UTF-16 puts the emoji (a surrogate pair) before U+FFFD; Python puts it after.
            Assert.True(PythonText.Compare("\U0001F600", "\uFFFD") > 0);
            Assert.True(PythonText.Compare("ab", "abc") < 0);
            Assert.Equal(0, PythonText.Compare("x", "x"));
        }
    }

    public class PythonSetTests
    {
        private static PythonScalar V(string json) => PythonScalar.From(JsonReader.Parse(json));

        private static string Order(System.Collections.Generic.IEnumerable<PythonScalar> items) => string.Join(",", System.Linq.Enumerable.Select(items, i => i.ToString()));

        [Fact]
        public void IterationOrderIsCPythons()
        {
            // Python 3.11: s = set(); for x in [100, 5, 13, 8, 2, 0, -3, 21, 1.0, True, 2.5, 1e20, -7.25]: s.add(x)
            var set = new PythonSet();
            foreach (var x in new[] { "100", "5", "13", "8", "2", "0", "-3", "21", "1.0", "true", "2.5", "1e20", "-7.25" }) set.Add(V(x));
            Assert.Equal("0,1.0,2,2.5,100,5,8,1e+20,13,21,-7.25,-3", Order(set));
            // list(s - {100, 13})
            var difference = set.DifferenceInOrder(v => v.PythonEquals(V("100")) || v.PythonEquals(V("13")), 2);
            Assert.Equal("0,1.0,2,2.5,5,8,1e+20,21,-7.25,-3", Order(difference));
        }

        [Fact]
        public void LargeSetMinusSmallSetCopiesThenDiscards()
        {
            // list(set(range(40, 0, -3)) - {1})
            var set = new PythonSet();
            for (int i = 40; i > 0; i -= 3) set.Add(PythonScalar.FromInt(i));
            Assert.Equal("34,4,37,7,40,10,13,16,19,22,25,28,31", Order(set.DifferenceInOrder(v => v.PythonEquals(PythonScalar.FromInt(1)), 1)));
        }

        [Theory]
        [InlineData("2.5", 1152921504606846978L)]
        [InlineData("-7.25", -576460752303423495L)]
        [InlineData("1e20", 848750603811160107L)]
        [InlineData("0.1", 230584300921369408L)]
        [InlineData("Infinity", 314159L)]
        [InlineData("-1", -2L)]
        [InlineData("2305843009213693952", 1L)]
        [InlineData("-1180591620717411303424", -512L)]
        public void HashesLikeCPython(string json, long expected) => Assert.Equal(expected, V(json).Hash);

        [Fact]
        public void StringsHaveNoStableHash() => Assert.Null(V("\"5\"").Hash);
    }
}
