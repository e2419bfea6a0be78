namespace BkSops.Json
{
    /// <summary>Something the reader accepted but the user should know about (a repeated key).</summary>
    public sealed class JsonReadWarning
    {
        public JsonReadWarning(string path, string message, int line, int column)
        {
            Path = LoneSurrogates.Escape(path);
            Message = LoneSurrogates.Escape(message);
            Line = line;
            Column = column;
        }

        /// <summary>JSONPath (bracket notation) of the affected member.</summary>
        public string Path { get; }
        public string Message { get; }
        public int Line { get; }
        public int Column { get; }
        public override string ToString() => Message;
    }
}
