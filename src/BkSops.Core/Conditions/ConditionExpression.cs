using System.Collections.Generic;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    public enum ConditionOutcome
    {
        False,
        True,
        /// <summary>Depends on something only the server knows (a Python expression, a run-time value).</summary>
        Unknown,
        /// <summary>The server raises an error for it: the gateway node fails at run time.</summary>
        Fails,
    }

    /// <summary>The verdict for one condition with given variable values.</summary>
    public sealed class ConditionResult
    {
        internal ConditionResult(ConditionOutcome value, string? renderedText, ConditionExpression? rendered,
            IReadOnlyList<TemplateRendering> templates, string? error, ConditionSyntaxError? syntaxError, string? pythonType, string? pythonMessage)
        {
            Value = value;
            RenderedText = renderedText;
            Rendered = rendered;
            Templates = templates;
            Error = error;
            SyntaxError = syntaxError;
            PythonType = pythonType;
            PythonMessage = pythonMessage;
        }

        public ConditionOutcome Value { get; }
        public bool IsTrue => Value == ConditionOutcome.True;

        /// <summary>The text boolrule parses after <c>${…}</c> substitution (partly rendered when Unknown; null when the server passes a non-text value).</summary>
        public string? RenderedText { get; }

        /// <summary><see cref="RenderedText"/> parsed (null when Unknown before parsing or when there is no text).</summary>
        public ConditionExpression? Rendered { get; }

        /// <summary>How each distinct <c>${…}</c> segment rendered.</summary>
        public IReadOnlyList<TemplateRendering> Templates { get; }

        /// <summary>Plain English: why it fails (Fails) or cannot be decided (Unknown); null otherwise.</summary>
        public string? Error { get; }

        /// <summary>Set when the rendered text does not parse; its position refers to <see cref="RenderedText"/>.</summary>
        public ConditionSyntaxError? SyntaxError { get; }

        /// <summary>Where <see cref="SyntaxError"/> lies in the condition as written (1-based; a substituted value maps to its <c>${…}</c>); 0 when unknown.</summary>
        public int SourceLine { get; internal set; }

        /// <inheritdoc cref="SourceLine"/>
        public int SourceColumn { get; internal set; }

        /// <summary>The Python exception the server raises (ParseException, TypeError, ValueError, AttributeError, RecursionError).</summary>
        public string? PythonType { get; }

        /// <summary><c>str()</c> of that exception when it can be reproduced exactly, else null.</summary>
        public string? PythonMessage { get; }

        public override string ToString() => Value + (Error != null ? ": " + Error : "");

        internal RenderedCondition? Rendering { get; set; }
    }

    /// <summary>
    /// A gateway condition (<c>conditions[flow].evaluate</c>) in boolrule's language. <see cref="Parse"/> reads the text as
    /// boolrule would if it were already rendered; <see cref="Evaluate(IReadOnlyDictionary{string, object}, bool)"/> first substitutes <c>${…}</c> as the server does and
    /// then parses and tests the result, returning True, False, Unknown or Fails. Never throws for any input text.
    /// </summary>
    public sealed class ConditionExpression
    {
        private IReadOnlyList<TemplateSegment>? templates;

        private static readonly ParsedCondition MatchAll = new ParsedCondition();
        private ParsedCondition? parsed;

        private ConditionExpression(string text)
        {
            Text = text;
            IsMatchAll = text == "*";
        }

        /// <summary>Reads the text (parsing happens on first use of the tree, so rendering-only use costs nothing).</summary>
        public static ConditionExpression Parse(string? text) => new ConditionExpression(text ?? "");

        private ParsedCondition Parsed => parsed ?? (parsed = IsMatchAll ? MatchAll : ConditionParser.Parse(Text));

        public string Text { get; }

        /// <summary>The text is exactly <c>*</c>, which boolrule treats as always true without parsing.</summary>
        public bool IsMatchAll { get; }

        /// <summary>The parsed expression; null for <c>*</c> and when the text does not parse.</summary>
        public ConditionChain? Root => Parsed.Root;

        /// <summary>Why the text does not parse; null when it does.</summary>
        public ConditionSyntaxError? Error => Parsed.Error;

        public bool IsValid => IsMatchAll || Root != null;

        /// <summary>So many connectors or parentheses that the server's parser may exceed Python's recursion limit.</summary>
        public bool MayExceedServerRecursion => Parsed.MayExceedServerRecursion;

        /// <summary>The <c>${…}</c> segments of the text.</summary>
        public IReadOnlyList<TemplateSegment> Templates => templates ?? (templates = TemplateExpander.FindSegments(Text));

        /// <summary>The expression in canonical form (the text itself when it does not parse).</summary>
        public override string ToString() => IsMatchAll ? "*" : Root != null ? CanonicalConditionWriter.Print(Root) : Text;

        /// <summary>
        /// Renders <c>${…}</c> with <paramref name="values"/> (variable name without <c>${}</c> → value; see
        /// <see cref="ConditionValues"/>), then parses and tests the text as the server's gateway does.
        /// </summary>
        public ConditionResult Evaluate(IReadOnlyDictionary<string, object?>? values = null) => Evaluate(values, leaveUnknownAsText: false);

        /// <summary>
        /// As <see cref="Evaluate(IReadOnlyDictionary{string, object})"/>; with <paramref name="leaveUnknownAsText"/> a segment that
        /// cannot be rendered here (a Python expression, a value not known) stays as literal text instead of making the result
        /// Unknown, as the engine leaves a segment it fails to render: what a simulator evaluating at run time wants. In that
        /// mode Python expressions in <c>${…}</c> are evaluated too (<see cref="MakoExpression"/>).
        /// </summary>
        public ConditionResult Evaluate(IReadOnlyDictionary<string, object?>? values, bool leaveUnknownAsText)
        {
            var rendered = TemplateExpander.Render(Text, Templates, values, escapeStrings: true, evaluateExpressions: leaveUnknownAsText);
            var segments = rendered.Segments.AsReadOnly();
            if (rendered.IsUnknown && !leaveUnknownAsText)
                return new ConditionResult(ConditionOutcome.Unknown, rendered.Text, null, segments, rendered.UnknownReason, null, null, null) { Rendering = rendered };
            if (rendered.IsRawValue)
            {
                string type = PyValue.TypeName(rendered.RawValue);
                return new ConditionResult(ConditionOutcome.Fails, null, null, segments,
                    "the whole condition is one variable whose value is a " + type + ", not text, so boolrule cannot parse it",
                    null, "AttributeError", "'" + type + "' object has no attribute 'expandtabs'") { Rendering = rendered };
            }
            var target = rendered.Text == Text ? this : Parse(rendered.Text);
            var result = target.Test(segments);
            result.Rendering = rendered;
            if (result.SyntaxError != null)
            {
                int position = ReferenceEquals(target, this) ? result.SyntaxError.Position : rendered.SourcePosition(result.SyntaxError.Position);
                ConditionParser.LineAndColumn(Text, position, out int line, out int column);
                result.SourceLine = line;
                result.SourceColumn = column;
            }
            return result;
        }

        /// <summary>boolrule's <c>BoolRule(text).test()</c> on the text as it is (no <c>${…}</c> substitution).</summary>
        public ConditionResult Test() => Test(new TemplateRendering[0]);

        private ConditionResult Test(IReadOnlyList<TemplateRendering> segments)
        {
            if (IsMatchAll) return new ConditionResult(ConditionOutcome.True, Text, this, segments, null, null, null, null);
            if (Error != null)
                return new ConditionResult(ConditionOutcome.Fails, Text, this, segments, "the condition does not parse: " + Error.Message,
                    Error, Error.PythonType, Error.PythonMessage);
            if (MayExceedServerRecursion)
                return new ConditionResult(ConditionOutcome.Unknown, Text, this, segments,
                    "the condition is so long or deeply nested that the server's parser may exceed Python's recursion limit", null, null, null);
            try
            {
                bool value = ConditionEvaluator.Evaluate(Root!); // Root is null only for "*" and for a text that does not parse, both handled above
                return new ConditionResult(value ? ConditionOutcome.True : ConditionOutcome.False, Text, this, segments, null, null, null, null);
            }
            catch (PythonException e)
            {
                return new ConditionResult(ConditionOutcome.Fails, Text, this, segments,
                    "Python raises " + e.PythonType + " while testing it: " + e.Message, null, e.PythonType, e.Message);
            }
        }
    }
}
