#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>The validator's own stable sort orders exactly as LINQ's OrderBy, which it replaces on the check's path.</summary>
    public sealed class StableOrderTests
    {
        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(7)]
        [InlineData(64)]
        [InlineData(1001)]
        public void OrdersLikeOrderByKeepingEqualKeysInTheirOrder(int count)
        {
            var random = new Random(count);
            var keys = Enumerable.Range(0, count).Select(_ => random.Next(0, Math.Max(1, count / 4))).ToList();
            var expected = Enumerable.Range(0, count).OrderBy(i => keys[i]).ToArray();
            Assert.Equal(expected, StableOrder.Of(count, (a, b) => keys[a].CompareTo(keys[b])));
        }

        [Fact]
        public void DistinctGivesEachValueOnceInAscendingOrder()
        {
            Assert.Equal(new long[] { -3, 0, 2, 9 }, StableOrder.Distinct(new long[] { 9, 2, -3, 2, 0, 9, -3 }));
            Assert.Empty(StableOrder.Distinct(Array.Empty<long>()));
        }

        [Theory]
        [InlineData(-1, 0, false)]
        [InlineData(1, 0, true)]
        [InlineData(2, 1, false)]
        [InlineData(5, 2, true)]
        [InlineData(9, 3, true)]
        [InlineData(10, 4, false)]
        public void FindGivesThePlaceOfAValueInASortedList(long value, int at, bool found)
        {
            var sorted = new List<long> { 1, 3, 5, 9 };
            Assert.Equal(at, StableOrder.Find(sorted, value, out bool isThere));
            Assert.Equal(found, isThere);
        }
    }
}
