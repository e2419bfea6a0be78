#nullable enable
using System;
using BkSops.Json;
using Xunit;

namespace BkSops.Core.Tests.Json
{
    /// <summary>PropertyAt reads the members as Properties lists them, in a read object and in one still growing.</summary>
    public sealed class JsonObjectPropertyAtTests
    {
        [Fact]
        public void ReadsTheMembersInTheOrderPropertiesListsThem()
        {
            var read = (JsonObject)JsonReader.Parse("{\"b\": 1, \"a\": 2, \"b\": 3}");
            var grown = new JsonObject();
            grown.Set("x", new JsonString("1"));
            grown.Set("y", new JsonString("2"));
            foreach (var o in new[] { read, grown })
            {
                Assert.Equal(o.Properties.Count, o.Count);
                for (int i = 0; i < o.Count; i++)
                {
                    Assert.Equal(o.Properties[i].Name, o.PropertyAt(i).Name);
                    Assert.Same(o.Properties[i].Value, o.PropertyAt(i).Value);
                }
            }
            Assert.Equal("b", read.PropertyAt(0).Name);
            Assert.Equal("3", ((JsonNumber)read.PropertyAt(0).Value).RawText);
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(2)]
        public void RefusesAnIndexOutsideTheMembers(int index)
        {
            var o = new JsonObject();
            o.Set("x", new JsonString("1"));
            o.Set("y", new JsonString("2"));
            o.Set("z", new JsonString("3"));
            o.Remove("z");
            Assert.Throws<ArgumentOutOfRangeException>(() => o.PropertyAt(index));
        }
    }
}
