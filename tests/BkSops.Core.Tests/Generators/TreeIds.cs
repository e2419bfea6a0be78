using System;
using System.Collections.Generic;

namespace BkSops.Core.Tests.Generators
{
    /// <summary>
    /// Makes ids in the web canvas format (<c>node</c>/<c>line</c> + 28 lowercase hex), unique across one tree
    /// and reproducible from the <see cref="Random"/> they are drawn from.
    /// </summary>
    public sealed class TreeIds
    {
        private const string Hex = "0123456789abcdef";
        private readonly Random random;
        private readonly HashSet<string> used = new HashSet<string>(StringComparer.Ordinal);
        private readonly char[] buffer = new char[32];

        public TreeIds(Random random) { this.random = random ?? throw new ArgumentNullException(nameof(random)); }

        public string NewNodeId() => Unique("node");

        public string NewFlowId() => Unique("line");

        private string Unique(string prefix)
        {
            while (true)
            {
                for (int i = 0; i < 4; i++) buffer[i] = prefix[i];
                for (int i = 4; i < 32; i++) buffer[i] = Hex[random.Next(16)];
                var id = new string(buffer);
                if (used.Add(id)) return id;
            }
        }
    }
}
