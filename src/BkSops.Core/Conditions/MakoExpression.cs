using System;
using System.Collections.Generic;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    public enum MakoOutcome
    {
        /// <summary>Evaluated to <see cref="MakoExpressionResult.Value"/>.</summary>
        Value,
        /// <summary>Python raises (or Mako cannot compile it, or bamboo's safety check refuses it): the engine leaves the segment as literal text.</summary>
        Raised,
        /// <summary>Outside the subset BkSops evaluates (a module, a lambda, a method not in the list): only the server knows.</summary>
        Unsupported,
    }

    /// <summary>What a <c>${…}</c> Python expression gives.</summary>
    public sealed class MakoExpressionResult
    {
        internal MakoExpressionResult(MakoOutcome outcome, object? value, string? reason)
        {
            Outcome = outcome;
            Value = value;
            Reason = reason;
        }

        public MakoOutcome Outcome { get; }

        /// <summary>The Python value (None, bool, int as BigInteger, float as double, str, list, dict) when evaluated.</summary>
        public object? Value { get; }

        /// <summary>Why it raised or is unsupported, in plain English.</summary>
        public string? Reason { get; }
    }

    /// <summary>
    /// Evaluates the Python expression of a Mako <c>${…}</c> segment with the task's variables, for a well-defined subset of
    /// Python: literals (numbers, strings, lists, tuples, True/False/None), names, arithmetic (<c>+ - * / // % **</c>),
    /// comparisons (chained, <c>in</c>, <c>not in</c>, <c>is None</c>), <c>and</c>/<c>or</c>/<c>not</c>, <c>x if c else y</c>,
    /// indexing and slicing, the builtins of <see cref="MakoBuiltins"/> and common <c>str</c> methods. Everything else is
    /// <see cref="MakoOutcome.Unsupported"/>; nothing is ever executed.
    /// Bounded: the text's length, the parser's nesting depth (the only recursion; it never exceeds
    /// <see cref="MaxDepth"/>), and the size of every intermediate value (strings, lists, integers) are limited, so a
    /// hostile expression costs little CPU and memory.
    /// </summary>
    public static class MakoExpression
    {
        public const int MaxLength = 4000;
        public const int MaxDepth = 32;

        /// <summary>
        /// Evaluates <paramref name="expression"/> (the text between <c>${</c> and <c>}</c>). <paramref name="values"/> maps
        /// variable names (without <c>${}</c>) to values; with <paramref name="escapeStrings"/> string values are escaped as
        /// the engine does for conditions (<c>transform_escape_char</c>).
        /// </summary>
        public static MakoExpressionResult Evaluate(string expression, IReadOnlyDictionary<string, object?>? values, bool escapeStrings = false)
        {
            if (expression == null) throw new ArgumentNullException(nameof(expression));
            if (expression.Length > MaxLength)
                return new MakoExpressionResult(MakoOutcome.Unsupported, null, "the expression is longer than " + MaxLength + " characters");
            try
            {
                var tokens = MakoExpressionLexer.Tokenize(expression);
                var value = new MakoEvaluator(tokens, values, escapeStrings).Run();
                if (value is MakoFailure failure)
                    return new MakoExpressionResult(MakoOutcome.Raised, null, "Python raises " + failure.Error.PythonType + ": " + failure.Error.Text);
                if (value is MakoTuple) throw new MakoUnsupportedException("a tuple as a result");
                return new MakoExpressionResult(MakoOutcome.Value, value, null);
            }
            catch (MakoUnsupportedException e)
            {
                return new MakoExpressionResult(MakoOutcome.Unsupported, null, e.Message);
            }
            catch (PythonException e)
            {
                // Syntax errors and refusals: Mako (or bamboo's safety check) leaves the segment as it is.
                return new MakoExpressionResult(MakoOutcome.Raised, null, e.PythonType + ": " + e.Text);
            }
        }

        /// <summary>
        /// The variable names an expression reads (names not after a dot), as Mako's lexer reports undeclared identifiers;
        /// empty when it does not tokenize.
        /// </summary>
        public static IReadOnlyList<string> Names(string expression)
        {
            var names = new List<string>();
            if (expression == null || expression.Length > MaxLength) return names;
            List<MakoToken> tokens;
            try { tokens = MakoExpressionLexer.Tokenize(expression); }
            catch (MakoUnsupportedException) { return names; }
            catch (PythonException) { return names; }
            for (int i = 0; i < tokens.Count; i++)
                if (tokens[i].Kind == MakoTokenKind.Name && (i == 0 || !tokens[i - 1].Is(MakoTokenKind.Operator, ".")) && !names.Contains(tokens[i].Text))
                    names.Add(tokens[i].Text);
            return names;
        }
    }

    /// <summary>A Python exception raised while evaluating; it travels as a value so parsing can go on (Python's short circuits skip it).</summary>
    internal sealed class MakoFailure
    {
        public MakoFailure(PythonException error) { Error = error; }
        public PythonException Error { get; }
    }

    /// <summary>A tuple literal <c>(a, b)</c>: usable with <c>in</c>, <c>len</c>, indexing and <c>startswith</c>/<c>endswith</c>.</summary>
    internal sealed class MakoTuple
    {
        public MakoTuple(PyList items) { Items = items; }
        public PyList Items { get; }
    }
}
