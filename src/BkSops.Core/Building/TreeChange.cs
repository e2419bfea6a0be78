namespace BkSops.Building
{
    /// <summary>One change the normaliser made: where, what, and the value before and after (as JSON text).</summary>
    public sealed class TreeChange
    {
        public TreeChange(string path, string description, string? before, string? after)
        {
            Path = path;
            Description = description;
            Before = before;
            After = after;
        }

        /// <summary>JSONPath of the changed value.</summary>
        public string Path { get; }
        public string Description { get; }
        /// <summary>The value before, as compact JSON; null when the field was absent.</summary>
        public string? Before { get; }
        /// <summary>The value after, as compact JSON; null when the field was removed.</summary>
        public string? After { get; }

        public override string ToString() =>
            $"{Path}: {Description}" + (Before == null ? $" (added {After})" : After == null ? $" (removed {Before})" : $" ({Before} -> {After})");
    }
}
