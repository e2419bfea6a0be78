using System.Collections.Generic;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>
    /// A node of a parsed boolrule expression. <see cref="Start"/> and <see cref="End"/> are offsets into the parsed text
    /// (end exclusive).
    /// </summary>
    public abstract class ConditionNode
    {
        protected ConditionNode(int start, int end)
        {
            Start = start;
            End = end;
        }

        public int Start { get; }
        public int End { get; }
    }

    public enum ConditionConnector { And, Or }

    /// <summary>An <c>and</c>/<c>or</c> between two terms of a chain, where it was written.</summary>
    public sealed class ConditionJoin
    {
        public ConditionJoin(ConditionConnector connector, int start)
        {
            Connector = connector;
            Start = start;
        }

        public ConditionConnector Connector { get; }
        public int Start { get; }
        public int End => Start + (Connector == ConditionConnector.And ? 3 : 2);
        public override string ToString() => Connector == ConditionConnector.And ? "and" : "or";
    }

    /// <summary>
    /// Terms joined by <c>and</c>/<c>or</c>. boolrule gives them no precedence: it reads them left to right and stops at
    /// the first false term followed by <c>and</c> or true term followed by <c>or</c>, ignoring the rest
    /// (<c>a and b or c</c> means <c>a and (b or c)</c>).
    /// </summary>
    public sealed class ConditionChain : ConditionNode
    {
        public ConditionChain(IReadOnlyList<ConditionTerm> terms, IReadOnlyList<ConditionJoin> joins, int start, int end)
            : base(start, end)
        {
            Terms = terms;
            Joins = joins;
        }

        /// <summary>The comparisons and parenthesised groups, in order (at least one).</summary>
        public IReadOnlyList<ConditionTerm> Terms { get; }

        /// <summary>The connectors; <c>Joins[i]</c> stands between <c>Terms[i]</c> and <c>Terms[i + 1]</c>.</summary>
        public IReadOnlyList<ConditionJoin> Joins { get; }

        /// <summary>True when an <c>and</c> is followed later by an <c>or</c>: boolrule's reading then differs from Python's precedence.</summary>
        public bool MixesAndBeforeOr
        {
            get
            {
                bool sawAnd = false;
                for (int i = 0; i < Joins.Count; i++)
                {
                    if (Joins[i].Connector == ConditionConnector.And) sawAnd = true;
                    else if (sawAnd) return true;
                }
                return false;
            }
        }
    }

    /// <summary>A term of a chain: a comparison or a parenthesised chain.</summary>
    public abstract class ConditionTerm : ConditionNode
    {
        protected ConditionTerm(int start, int end) : base(start, end) { }
    }

    /// <summary><c>( chain )</c>.</summary>
    public sealed class ConditionGroup : ConditionTerm
    {
        public ConditionGroup(ConditionChain inner, int start, int end) : base(start, end) { Inner = inner; }

        public ConditionChain Inner { get; }
    }

    public enum ConditionOperator { Equal, NotEqual, Less, Greater, GreaterOrEqual, LessOrEqual, In, NotIn, IsSuperset, NotIsSuperset }

    /// <summary><c>value OP value</c>.</summary>
    public sealed class ConditionComparison : ConditionTerm
    {
        public ConditionComparison(ConditionOperand left, ConditionOperator op, int operatorStart, ConditionOperand right)
            : base(left.Start, right.End)
        {
            Left = left;
            Operator = op;
            OperatorStart = operatorStart;
            Right = right;
        }

        public ConditionOperand Left { get; }
        public ConditionOperator Operator { get; }
        public int OperatorStart { get; }
        public ConditionOperand Right { get; }

        /// <summary>The operator as boolrule names it (<c>==</c>, <c>notin</c>, ...).</summary>
        public string OperatorText => OperatorNames.Text(Operator);
    }

    internal static class OperatorNames
    {
        // In the order pyparsing's oneOf tries them (a prefix never shadows a longer operator).
        public static readonly string[] MatchOrder = { "==", "!=", "<=", "<", ">=", ">", "in", "notin", "issuperset", "notissuperset" };

        public static string Text(ConditionOperator op)
        {
            switch (op)
            {
                case ConditionOperator.Equal: return "==";
                case ConditionOperator.NotEqual: return "!=";
                case ConditionOperator.Less: return "<";
                case ConditionOperator.Greater: return ">";
                case ConditionOperator.GreaterOrEqual: return ">=";
                case ConditionOperator.LessOrEqual: return "<=";
                case ConditionOperator.In: return "in";
                case ConditionOperator.NotIn: return "notin";
                case ConditionOperator.IsSuperset: return "issuperset";
                default: return "notissuperset";
            }
        }

        public static ConditionOperator FromText(string text)
        {
            switch (text)
            {
                case "==": return ConditionOperator.Equal;
                case "!=": return ConditionOperator.NotEqual;
                case "<": return ConditionOperator.Less;
                case ">": return ConditionOperator.Greater;
                case ">=": return ConditionOperator.GreaterOrEqual;
                case "<=": return ConditionOperator.LessOrEqual;
                case "in": return ConditionOperator.In;
                case "notin": return ConditionOperator.NotIn;
                case "issuperset": return ConditionOperator.IsSuperset;
                default: return ConditionOperator.NotIsSuperset;
            }
        }
    }

    /// <summary>A value in a comparison.</summary>
    public abstract class ConditionOperand : ConditionNode
    {
        protected ConditionOperand(int start, int end) : base(start, end) { }

        /// <summary>The Python value boolrule gives it (int as BigInteger, float as double, str, bool, list as PyList).</summary>
        public abstract object Value { get; }
    }

    /// <summary>An integer (<c>1</c>, <c>-2</c>) or float (<c>1.5</c>, <c>.5</c>, <c>2.</c>, <c>1.0e3</c>) literal.</summary>
    public sealed class NumberOperand : ConditionOperand
    {
        public NumberOperand(string text, object value, int start, int end) : base(start, end)
        {
            Text = text;
            Value = value;
        }

        /// <summary>The literal as written.</summary>
        public string Text { get; }
        public override object Value { get; }
        public bool IsFloat => Value is double;
    }

    /// <summary>A quoted string. boolrule strings have no escapes except that <c>\t \n \f \r</c> become the control characters.</summary>
    public sealed class StringOperand : ConditionOperand
    {
        public StringOperand(string value, char quote, int start, int end) : base(start, end)
        {
            Text = value;
            Quote = quote;
        }

        /// <summary>The string's value (quotes removed, whitespace escapes converted).</summary>
        public string Text { get; }
        public char Quote { get; }
        public override object Value => Text;
    }

    /// <summary><c>true</c>/<c>false</c>, any case. boolrule matches them as prefixes: <c>trueish</c> is <c>true</c> then <c>ish</c>.</summary>
    public sealed class BooleanOperand : ConditionOperand
    {
        public BooleanOperand(bool value, int start, int end) : base(start, end) { Truth = value; }

        public bool Truth { get; }
        public override object Value => Truth;
    }

    /// <summary>
    /// A bare name: <c>prod</c>, <c>${env}</c>, <c>a.b</c>. boolrule runs without a context, so a name is the string of its own text:
    /// an unrendered <c>${missing}</c> compares as the text <c>"${missing}"</c>.
    /// </summary>
    public sealed class IdentifierOperand : ConditionOperand
    {
        public IdentifierOperand(string path, int start, int end) : base(start, end) { Path = path; }

        public string Path { get; }
        public override object Value => Path;
    }

    /// <summary><c>(v1, v2, ...)</c>: a list of plain values (no nested tuples).</summary>
    public sealed class TupleOperand : ConditionOperand
    {
        public TupleOperand(IReadOnlyList<ConditionOperand> items, int start, int end) : base(start, end) { Items = items; }

        public IReadOnlyList<ConditionOperand> Items { get; }

        /// <summary>A fresh list each time (boolrule's <c>in</c> coercion appends to it).</summary>
        public override object Value
        {
            get
            {
                var values = new List<object>(Items.Count);
                foreach (var item in Items) values.Add(item.Value);
                return new PyList(values);
            }
        }
    }
}
