using System.Collections.Generic;
using System.Text;

namespace BkSops.Conditions
{
    /// <summary>Facts about a condition's text that the advisory checks need without a full parse.</summary>
    internal static class ConditionTextFacts
    {
        /// <summary>
        /// For each segment, whether it lies inside a quoted string. boolrule strings have no escapes and end at a line
        /// break, and quotes appear nowhere else, so a left-to-right scan of the text decides it.
        /// </summary>
        public static bool[] QuotedSegments(string text, IReadOnlyList<TemplateSegment> segments)
        {
            var quoted = new bool[segments.Count];
            char open = '\0';
            int next = 0;
            for (int i = 0; i < text.Length && next < segments.Count; i++)
            {
                while (next < segments.Count && segments[next].Start == i) quoted[next++] = open != '\0';
                char c = text[i];
                if (open == '\0')
                {
                    if (c == '"' || c == '\'') open = c;
                }
                else if (c == open || c == '\n' || c == '\r') open = '\0';
            }
            return quoted;
        }

        /// <summary>The text with every <c>${…}</c> replaced by a boolrule name of the same length (<c>${xxx}</c>): its shape, whatever the values.</summary>
        public static string Placeholders(string text, IReadOnlyList<TemplateSegment> segments)
        {
            var sb = new StringBuilder(text);
            foreach (var s in segments)
                for (int i = s.Start + 2; i < s.End - 1; i++) sb[i] = 'x';
            return sb.ToString();
        }

        /// <summary>True when a parse error at <paramref name="position"/> may come from text glued to a segment.</summary>
        public static bool NearSegment(int position, IReadOnlyList<TemplateSegment> segments)
        {
            foreach (var s in segments)
                if (s.Start - 1 <= position && position <= s.End) return true;
            return false;
        }

        /// <summary>What boolrule makes of a text value pasted in without quotes.</summary>
        public static BareText ReadAsBareText(string value)
        {
            var probe = ConditionExpression.Parse(value + " == 0");
            if (probe.Root != null && probe.Root.Terms.Count == 1 && probe.Root.Terms[0] is ConditionComparison c && c.Left.End <= value.Length)
            {
                switch (c.Left)
                {
                    case NumberOperand n:
                        return new BareText($"Here it is read as the number {n.Text}, which works while the value stays a number.", false, true);
                    case BooleanOperand b:
                        return new BareText($"Here it is read as the boolean {(b.Truth ? "True" : "False")}.", false, false);
                    case IdentifierOperand id:
                        return new BareText($"Here it is read as the bare word {id.Path}; a value with a space, a hyphen, a trailing dot or non-ASCII letters would make the condition fail to parse.", false, false);
                    default:
                        return new BareText("Here the value happens to parse on its own.", false, false);
                }
            }
            return new BareText($"boolrule then sees {value} where one value belongs, which does not parse.", true, false);
        }

        internal sealed class BareText
        {
            public BareText(string consequence, bool fails, bool number)
            {
                Consequence = consequence;
                Fails = fails;
                IsNumber = number;
            }

            public string Consequence { get; }
            public bool Fails { get; }
            public bool IsNumber { get; }
        }
    }
}
