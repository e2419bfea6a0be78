using System;
using System.Globalization;

namespace BkSops.Json
{
    /// <summary>A JSON string.</summary>
    public sealed class JsonString : JsonNode
    {
        public JsonString(string value) { Value = value ?? throw new ArgumentNullException(nameof(value)); }
        public override JsonKind Kind => JsonKind.String;
        public string Value { get; }
        internal override JsonNode ShallowCopy() => new JsonString(Value).WithPositionOf<JsonString>(this);
    }

    /// <summary>A JSON number, kept as the text it was written with (<c>1.0</c> stays <c>1.0</c>).</summary>
    public sealed class JsonNumber : JsonNode
    {
        public JsonNumber(string rawText)
        {
            if (string.IsNullOrEmpty(rawText)) throw new ArgumentException("A number needs its text.", nameof(rawText));
            RawText = rawText;
        }

        public override JsonKind Kind => JsonKind.Number;

        /// <summary>The number exactly as written.</summary>
        public string RawText { get; }

        /// <summary>True when Python's json module would read it as an int (no fraction, no exponent).</summary>
        public bool IsInteger => RawText.IndexOfAny(FloatMarkers) < 0 && RawText != "NaN" && !RawText.EndsWith("Infinity", StringComparison.Ordinal);

        public bool TryGetInt64(out long value) =>
            long.TryParse(RawText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && IsInteger;

        public double ToDouble()
        {
            switch (RawText)
            {
                case "NaN": return double.NaN;
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
                default: return double.Parse(RawText, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        internal override JsonNode ShallowCopy() => new JsonNumber(RawText).WithPositionOf<JsonNumber>(this);

        private static readonly char[] FloatMarkers = { '.', 'e', 'E' };
    }

    /// <summary>A JSON true or false.</summary>
    public sealed class JsonBoolean : JsonNode
    {
        private JsonBoolean(bool value) { Value = value; }
        public static JsonBoolean True() => new JsonBoolean(true);
        public static JsonBoolean False() => new JsonBoolean(false);
        public override JsonKind Kind => JsonKind.Boolean;
        public bool Value { get; }
        internal override JsonNode ShallowCopy() => new JsonBoolean(Value).WithPositionOf<JsonBoolean>(this);
    }

    /// <summary>JSON null.</summary>
    public sealed class JsonNull : JsonNode
    {
        public override JsonKind Kind => JsonKind.Null;
        internal override JsonNode ShallowCopy() => new JsonNull().WithPositionOf<JsonNull>(this);
    }
}
