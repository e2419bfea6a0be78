using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace BkSops.Validation.Graph.BambooFast
{
    /// <summary>
    /// Node key -> stream name after a successful validate_stream, made on first use: the stream stage shares it,
    /// but most runs never read it, and naming every node of a large tree costs more than the check itself.
    /// </summary>
    internal sealed class StreamNames : IReadOnlyDictionary<string, string>
    {
        private readonly Func<Dictionary<string, string>> make;
        private Dictionary<string, string>? names;

        public StreamNames(Func<Dictionary<string, string>> make) { this.make = make; }

        private Dictionary<string, string> Names => names ?? (names = make());

        public string this[string key] => Names[key];
        public IEnumerable<string> Keys => Names.Keys;
        public IEnumerable<string> Values => Names.Values;
        public int Count => Names.Count;
        public bool ContainsKey(string key) => Names.ContainsKey(key);
        // The interface's value is MaybeNullWhen(false) in .NET 10's BCL and unannotated in netstandard2.0's, where the attribute
        // on the implementation alone is a mismatch (CS8767).
        public bool TryGetValue(string key,
#if !NETSTANDARD2_0
            [MaybeNullWhen(false)]
#endif
            out string value) => Names.TryGetValue(key, out value);
        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Names.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
