using System;
using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Validation
{
    /// <summary>
    /// A read a stage makes of its working copy that depends on nothing else and changes nothing (a pure function of the
    /// tree), so that it can be computed ahead, on the tree as given, by <see cref="ReadAhead"/>.
    /// </summary>
    internal abstract class TreeRead
    {
        protected TreeRead(IReadOnlyCollection<string>? ignores)
        {
            Ignores = ignores ?? Array.Empty<string>();
        }

        /// <summary>Fields the read never looks at: a working copy that differs only in them still gets the value computed ahead.</summary>
        public IReadOnlyCollection<string> Ignores { get; }

        public abstract object? ReadBoxed(JsonObject root);
    }

    /// <inheritdoc />
    internal sealed class TreeRead<T> : TreeRead
    {
        private readonly Func<JsonObject, T> read;

        public TreeRead(Func<JsonObject, T> read, IReadOnlyCollection<string>? ignores = null) : base(ignores) { this.read = read; }

        public T Read(JsonObject root) => read(root);

        public override object? ReadBoxed(JsonObject root) => read(root);
    }
}
