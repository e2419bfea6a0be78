using System.Collections.Generic;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>
    /// Renders the <c>${…}</c> segments of a text (an activity input, a constant) with given values, as the engine's
    /// template rendering does for the forms <see cref="TemplateExpander"/> decides; every other segment stays literal text.
    /// </summary>
    public static class TemplateText
    {
        /// <summary>
        /// The text with its segments rendered (no escaping of control characters: that is for conditions only). With
        /// <paramref name="evaluateExpressions"/> other Python expressions are evaluated (<see cref="MakoExpression"/>)
        /// instead of staying literal.
        /// </summary>
        public static string Render(string text, IReadOnlyDictionary<string, object?>? values, bool evaluateExpressions = false)
        {
            if (string.IsNullOrEmpty(text) || text.IndexOf("${", System.StringComparison.Ordinal) < 0) return text;
            var rendered = TemplateExpander.Render(text, values, escapeStrings: false, evaluateExpressions);
            return rendered.IsRawValue ? PyFormat.Str(rendered.RawValue) : rendered.Text!; // Text is null only for a raw value
        }
    }
}
