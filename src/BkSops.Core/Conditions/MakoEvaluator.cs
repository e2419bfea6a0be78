using System.Collections.Generic;
using System.Numerics;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>
    /// Parses and evaluates in one pass (recursive descent over Python's precedence levels). A Python exception becomes a
    /// <see cref="MakoFailure"/> value that the operators pass on, so the parse goes on and the short circuits of
    /// <c>and</c>, <c>or</c> and <c>x if c else y</c> drop failures of the side Python would not evaluate. Recursion only
    /// follows nesting (parentheses, brackets, calls, unary operators, <c>**</c>), capped at <see cref="MakoExpression.MaxDepth"/>.
    /// </summary>
    internal sealed class MakoEvaluator
    {
        private readonly List<MakoToken> tokens;
        private readonly IReadOnlyDictionary<string, object?>? values;
        private readonly bool escapeStrings;
        private int position;
        private int depth;

        public MakoEvaluator(List<MakoToken> tokens, IReadOnlyDictionary<string, object?>? values, bool escapeStrings)
        {
            this.tokens = tokens;
            this.values = values;
            this.escapeStrings = escapeStrings;
        }

        public object? Run()
        {
            if (Peek.Kind == MakoTokenKind.End) throw MakoExpressionLexer.Syntax("invalid syntax");
            var value = Expression();
            // A top-level tuple "a, b" is a valid expression, but not one the subset renders.
            if (Peek.Is(MakoTokenKind.Operator, ",")) throw new MakoUnsupportedException("a tuple as a result");
            if (Peek.Kind != MakoTokenKind.End) throw MakoExpressionLexer.Syntax("invalid syntax at '" + Peek.Text + "'");
            return value;
        }

        private MakoToken Peek => tokens[position];

        private MakoToken Next() => tokens[position++];

        private bool Accept(MakoTokenKind kind, string text)
        {
            if (!Peek.Is(kind, text)) return false;
            position++;
            return true;
        }

        private void Expect(string op)
        {
            if (!Accept(MakoTokenKind.Operator, op)) throw MakoExpressionLexer.Syntax("expected '" + op + "'");
        }

        private void Enter()
        {
            if (++depth > MakoExpression.MaxDepth) throw new MakoUnsupportedException("nesting deeper than " + MakoExpression.MaxDepth + " levels");
        }

        // ---- precedence levels ----

        /// <summary><c>a if c else b</c> (lowest).</summary>
        private object? Expression()
        {
            Enter();
            var value = Or();
            if (Accept(MakoTokenKind.Keyword, "if"))
            {
                var condition = Or();
                if (!Accept(MakoTokenKind.Keyword, "else")) throw MakoExpressionLexer.Syntax("expected 'else' after condition expression");
                var otherwise = Expression();
                if (condition is MakoFailure) value = condition;
                else if (!MakoOps.Truthy(condition)) value = otherwise;
            }
            depth--;
            return value;
        }

        private object? Or()
        {
            var value = And();
            while (Accept(MakoTokenKind.Keyword, "or"))
            {
                var right = And();
                if (value is MakoFailure) continue;
                if (!MakoOps.Truthy(value)) value = right;
            }
            return value;
        }

        private object? And()
        {
            var value = Not();
            while (Accept(MakoTokenKind.Keyword, "and"))
            {
                var right = Not();
                if (value is MakoFailure) continue;
                if (MakoOps.Truthy(value)) value = right;
            }
            return value;
        }

        private object? Not()
        {
            if (!Accept(MakoTokenKind.Keyword, "not")) return Comparison();
            Enter();
            var operand = Not();
            depth--;
            return operand is MakoFailure ? operand : !MakoOps.Truthy(operand);
        }

        private object? Comparison()
        {
            var left = Sum();
            object? result = null;
            bool any = false, decided = false;
            while (true)
            {
                string? op = ComparisonOperator();
                if (op == null) break;
                var right = Sum();
                any = true;
                if (decided) continue;
                if (left is MakoFailure) { result = left; decided = true; continue; }
                if (right is MakoFailure) { result = right; decided = true; continue; }
                var holds = MakoOps.Compare(op, left, right);
                if (holds is MakoFailure || !(bool)holds!)
                {
                    result = holds;
                    decided = true;
                }
                else result = true;
                left = right;
            }
            return any ? result : left;
        }

        private string? ComparisonOperator()
        {
            var t = Peek;
            if (t.Kind == MakoTokenKind.Operator && (t.Text == "==" || t.Text == "!=" || t.Text == "<" || t.Text == ">" || t.Text == "<=" || t.Text == ">="))
            {
                position++;
                return t.Text;
            }
            if (t.Is(MakoTokenKind.Keyword, "in")) { position++; return "in"; }
            if (t.Is(MakoTokenKind.Keyword, "not") && tokens[position + 1].Is(MakoTokenKind.Keyword, "in")) { position += 2; return "not in"; }
            if (t.Is(MakoTokenKind.Keyword, "is"))
            {
                position++;
                return Accept(MakoTokenKind.Keyword, "not") ? "is not" : "is";
            }
            return null;
        }

        private object? Sum()
        {
            var value = Term();
            while (Peek.Kind == MakoTokenKind.Operator && (Peek.Text == "+" || Peek.Text == "-"))
            {
                string op = Next().Text;
                var right = Term();
                value = MakoOps.Binary(op, value, right);
            }
            return value;
        }

        private object? Term()
        {
            var value = Unary();
            while (Peek.Kind == MakoTokenKind.Operator && (Peek.Text == "*" || Peek.Text == "/" || Peek.Text == "//" || Peek.Text == "%"))
            {
                string op = Next().Text;
                var right = Unary();
                value = MakoOps.Binary(op, value, right);
            }
            return value;
        }

        private object? Unary()
        {
            if (Peek.Kind == MakoTokenKind.Operator && (Peek.Text == "-" || Peek.Text == "+"))
            {
                string op = Next().Text;
                Enter();
                var operand = Unary();
                depth--;
                return MakoOps.Unary(op, operand);
            }
            return Power();
        }

        private object? Power()
        {
            var value = Primary();
            if (!Accept(MakoTokenKind.Operator, "**")) return value;
            Enter();
            var exponent = Unary(); // right-associative, and binds a unary minus on its right: 2 ** -1
            depth--;
            return MakoOps.Binary("**", value, exponent);
        }

        // ---- primaries: an atom and its trailers ----

        private object? Primary()
        {
            var value = Atom(out string? name);
            while (Peek.Kind == MakoTokenKind.Operator)
            {
                if (Accept(MakoTokenKind.Operator, "."))
                {
                    var attribute = Next();
                    if (attribute.Kind != MakoTokenKind.Name && attribute.Kind != MakoTokenKind.Keyword) throw MakoExpressionLexer.Syntax("invalid syntax after '.'");
                    if (attribute.Text.StartsWith("__")) throw new PythonException("ForbiddenMakoTemplateException", "attribute " + attribute.Text + " is refused by the template sandbox");
                    if (attribute.Text == "format" || attribute.Text == "format_map") throw new PythonException("ForbiddenMakoTemplateException", "method " + attribute.Text + " is refused by the template sandbox");
                    if (!Peek.Is(MakoTokenKind.Operator, "(")) throw new MakoUnsupportedException("the attribute ." + attribute.Text + " without a call");
                    var arguments = Arguments();
                    value = value is MakoFailure ? value : FirstFailure(arguments) ?? MakoBuiltins.CallMethod(value, attribute.Text, arguments);
                    name = null;
                }
                else if (Peek.Is(MakoTokenKind.Operator, "("))
                {
                    var arguments = Arguments();
                    if (value is MakoFailure) { name = null; continue; }
                    value = FirstFailure(arguments) ?? MakoBuiltins.Call(value, name, arguments);
                    name = null;
                }
                else if (Accept(MakoTokenKind.Operator, "["))
                {
                    Enter();
                    var index = Subscript();
                    depth--;
                    Expect("]");
                    value = value is MakoFailure ? value : index is MakoFailure ? index : MakoOps.Index(value, index);
                    name = null;
                }
                else break;
            }
            if (value is MakoBuiltin) throw new MakoUnsupportedException("the builtin " + ((MakoBuiltin)value).Name + " used as a value");
            return value;
        }

        private static object? FirstFailure(List<object?> items)
        {
            foreach (var item in items)
                if (item is MakoFailure) return item;
            return null;
        }

        private List<object?> Arguments()
        {
            Expect("(");
            Enter();
            var arguments = new List<object?>();
            while (!Peek.Is(MakoTokenKind.Operator, ")"))
            {
                if (Peek.Kind == MakoTokenKind.Name && tokens[position + 1].Is(MakoTokenKind.Operator, "=")) throw new MakoUnsupportedException("a keyword argument");
                if (Peek.Is(MakoTokenKind.Operator, "*") || Peek.Is(MakoTokenKind.Operator, "**")) throw new MakoUnsupportedException("argument unpacking");
                arguments.Add(Expression());
                if (!Accept(MakoTokenKind.Operator, ",")) break;
            }
            Expect(")");
            depth--;
            return arguments;
        }

        /// <summary>An index or a slice <c>[a:b:c]</c> (a <see cref="MakoSlice"/>).</summary>
        private object? Subscript()
        {
            object? start = null, stop = null, step = null;
            if (!Peek.Is(MakoTokenKind.Operator, ":"))
            {
                start = Expression();
                if (!Peek.Is(MakoTokenKind.Operator, ":"))
                {
                    if (Peek.Is(MakoTokenKind.Operator, ",")) throw new MakoUnsupportedException("a tuple index");
                    return start;
                }
            }
            Expect(":");
            if (!Peek.Is(MakoTokenKind.Operator, "]") && !Peek.Is(MakoTokenKind.Operator, ":")) stop = Expression();
            if (Accept(MakoTokenKind.Operator, ":") && !Peek.Is(MakoTokenKind.Operator, "]")) step = Expression();
            foreach (var part in new[] { start, stop, step })
                if (part is MakoFailure) return part;
            return new MakoSlice(start, stop, step);
        }

        private object? Atom(out string? name)
        {
            name = null;
            var t = Next();
            switch (t.Kind)
            {
                case MakoTokenKind.Number:
                    return t.Value;
                case MakoTokenKind.String:
                {
                    // Adjacent literals join: 'a' 'b' is 'ab'.
                    string s = (string)t.Value!;
                    while (Peek.Kind == MakoTokenKind.String) s += (string)Next().Value!;
                    return s;
                }
                case MakoTokenKind.Keyword:
                    if (t.Text == "True") return true;
                    if (t.Text == "False") return false;
                    if (t.Text == "None") return null;
                    throw MakoExpressionLexer.Syntax("invalid syntax at '" + t.Text + "'");
                case MakoTokenKind.Name:
                    name = t.Text;
                    return Lookup(t.Text);
                case MakoTokenKind.Operator when t.Text == "(":
                {
                    Enter();
                    if (Accept(MakoTokenKind.Operator, ")")) { depth--; return new MakoTuple(new PyList(new object?[0])); }
                    var first = Expression();
                    if (Accept(MakoTokenKind.Operator, ")")) { depth--; return first; }
                    var items = new List<object?> { first };
                    while (Accept(MakoTokenKind.Operator, ","))
                    {
                        if (Peek.Is(MakoTokenKind.Operator, ")")) break;
                        items.Add(Expression());
                    }
                    Expect(")");
                    depth--;
                    return FirstFailure(items) ?? new MakoTuple(MakoOps.CheckedList(items));
                }
                case MakoTokenKind.Operator when t.Text == "[":
                {
                    Enter();
                    var items = new List<object?>();
                    while (!Peek.Is(MakoTokenKind.Operator, "]"))
                    {
                        items.Add(Expression());
                        if (Peek.Is(MakoTokenKind.Keyword, "for") || Peek.Is(MakoTokenKind.Name, "for")) throw new MakoUnsupportedException("a list comprehension");
                        if (!Accept(MakoTokenKind.Operator, ",")) break;
                    }
                    Expect("]");
                    depth--;
                    return FirstFailure(items) ?? MakoOps.CheckedList(items);
                }
                case MakoTokenKind.End:
                    throw MakoExpressionLexer.Syntax("unexpected end of expression");
                default:
                    throw MakoExpressionLexer.Syntax("invalid syntax at '" + t.Text + "'");
            }
        }

        /// <summary>
        /// A name as the template sees it: the task's variables first (they hide builtins, as Mako's render arguments do),
        /// then the builtins bk-sops shields (None, so calling one raises), then the evaluated builtins; names the server
        /// provides at run time (modules, <c>_system</c>) are unsupported; any other name raises NameError.
        /// </summary>
        private object? Lookup(string name)
        {
            if (name.StartsWith("__")) throw new PythonException("ForbiddenMakoTemplateException", "name " + name + " is refused by the template sandbox");
            if (values != null && values.TryGetValue(name, out var raw))
            {
                var value = TemplateExpander.Hydrate(raw, escapeStrings);
                if (ConditionValues.IsUnknownMarker(value)) throw new MakoUnsupportedException("${" + name + "}, known only at run time,");
                return value;
            }
            if (MakoBuiltins.IsShielded(name)) return null;
            var builtin = MakoBuiltins.Find(name);
            if (builtin != null) return builtin;
            if (TemplateExpander.IsRuntimeName(name)) throw new MakoUnsupportedException("the name '" + name + "' (provided by the server)");
            return new MakoFailure(new PythonException("NameError", "name '" + name + "' is not defined"));
        }
    }

    /// <summary>A slice <c>[start:stop:step]</c>; missing parts are null.</summary>
    internal sealed class MakoSlice
    {
        public MakoSlice(object? start, object? stop, object? step)
        {
            Start = start;
            Stop = stop;
            Step = step;
        }

        public object? Start { get; }
        public object? Stop { get; }
        public object? Step { get; }
    }
}
