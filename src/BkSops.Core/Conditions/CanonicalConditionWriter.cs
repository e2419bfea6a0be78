using System;
using System.Collections.Generic;
using System.Text;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>
    /// Writes a parsed expression back as boolrule text in a canonical layout (single spaces, lower-case operators and
    /// keywords, <c>true</c>/<c>false</c>). The text parses back to the same tree. Recursion is bounded by
    /// <see cref="ConditionParser.MaxNesting"/>.
    /// </summary>
    public static class CanonicalConditionWriter
    {
        public static string Print(ConditionChain chain)
        {
            var sb = new StringBuilder();
            Chain(sb, chain);
            return sb.ToString();
        }

        /// <summary>
        /// The chain with the parentheses boolrule implies made explicit: <c>a and b or c</c> becomes <c>a and (b or c)</c>.
        /// <paramref name="term"/> writes one term (default: canonical form; pass the source text's slice to keep the author's spelling).
        /// </summary>
        public static string PrintAsEvaluated(ConditionChain chain, Func<ConditionTerm, string>? term = null)
        {
            term = term ?? CanonicalTerm;
            var sb = new StringBuilder();
            int opened = 0;
            for (int i = 0; i < chain.Terms.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(' ').Append(chain.Joins[i - 1]).Append(' ');
                    // A new parenthesis opens wherever the connector changes.
                    if (i < chain.Joins.Count && chain.Joins[i].Connector != chain.Joins[i - 1].Connector)
                    {
                        sb.Append('(');
                        opened++;
                    }
                }
                sb.Append(term(chain.Terms[i]));
            }
            return sb.Append(')', opened).ToString();
        }

        /// <summary>The chain read with Python's precedence (<c>and</c> before <c>or</c>): what most authors mean.</summary>
        public static string PrintWithPythonPrecedence(ConditionChain chain, Func<ConditionTerm, string>? term = null)
        {
            term = term ?? CanonicalTerm;
            var sb = new StringBuilder();
            int i = 0;
            while (i < chain.Terms.Count)
            {
                int j = i;
                while (j < chain.Joins.Count && chain.Joins[j].Connector == ConditionConnector.And) j++;
                bool group = j > i && !(i == 0 && j == chain.Terms.Count - 1);
                if (i > 0) sb.Append(" or ");
                if (group) sb.Append('(');
                for (int k = i; k <= j; k++)
                {
                    if (k > i) sb.Append(" and ");
                    sb.Append(term(chain.Terms[k]));
                }
                if (group) sb.Append(')');
                i = j + 1;
            }
            return sb.ToString();
        }

        private static string CanonicalTerm(ConditionTerm t)
        {
            var sb = new StringBuilder();
            Term(sb, t);
            return sb.ToString();
        }

        internal static void Chain(StringBuilder sb, ConditionChain chain)
        {
            for (int i = 0; i < chain.Terms.Count; i++)
            {
                if (i > 0) sb.Append(' ').Append(chain.Joins[i - 1]).Append(' ');
                Term(sb, chain.Terms[i]);
            }
        }

        internal static void Term(StringBuilder sb, ConditionTerm term)
        {
            if (term is ConditionGroup group)
            {
                sb.Append('(');
                Chain(sb, group.Inner);
                sb.Append(')');
                return;
            }
            var c = (ConditionComparison)term;
            Operand(sb, c.Left);
            sb.Append(' ').Append(c.OperatorText).Append(' ');
            Operand(sb, c.Right);
        }

        public static string Operand(ConditionOperand operand)
        {
            var sb = new StringBuilder();
            Operand(sb, operand);
            return sb.ToString();
        }

        private static void Operand(StringBuilder sb, ConditionOperand operand)
        {
            switch (operand)
            {
                case NumberOperand n: sb.Append(n.Text); break;
                case BooleanOperand b: sb.Append(b.Truth ? "true" : "false"); break;
                case IdentifierOperand id: sb.Append(id.Path); break;
                case StringOperand s:
                    sb.Append(s.Quote);
                    foreach (char c in s.Text)
                    {
                        switch (c)
                        {
                            case '\t': sb.Append("\\t"); break;
                            case '\n': sb.Append("\\n"); break;
                            case '\f': sb.Append("\\f"); break;
                            case '\r': sb.Append("\\r"); break;
                            default: sb.Append(c); break;
                        }
                    }
                    sb.Append(s.Quote);
                    break;
                case TupleOperand t:
                    sb.Append('(');
                    for (int i = 0; i < t.Items.Count; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        Operand(sb, t.Items[i]);
                    }
                    sb.Append(')');
                    break;
            }
        }
    }

    /// <summary>Structural helpers for parsed expressions.</summary>
    public static class ConditionAst
    {
        /// <summary>True when both trees have the same shape, operators and values (positions and spelling ignored).</summary>
        public static bool AreEquivalent(ConditionChain a, ConditionChain b)
        {
            var stack = new Stack<(ConditionChain, ConditionChain)>();
            stack.Push((a, b));
            while (stack.Count > 0)
            {
                var (x, y) = stack.Pop();
                if (x.Terms.Count != y.Terms.Count) return false;
                for (int i = 0; i < x.Joins.Count; i++)
                    if (x.Joins[i].Connector != y.Joins[i].Connector) return false;
                for (int i = 0; i < x.Terms.Count; i++)
                {
                    var tx = x.Terms[i];
                    var ty = y.Terms[i];
                    if (tx is ConditionGroup gx)
                    {
                        if (!(ty is ConditionGroup gy)) return false;
                        stack.Push((gx.Inner, gy.Inner));
                        continue;
                    }
                    if (!(ty is ConditionComparison cy)) return false;
                    var cx = (ConditionComparison)tx;
                    if (cx.Operator != cy.Operator || !SameOperand(cx.Left, cy.Left) || !SameOperand(cx.Right, cy.Right)) return false;
                }
            }
            return true;
        }

        private static bool SameOperand(ConditionOperand a, ConditionOperand b)
        {
            if (a.GetType() != b.GetType()) return false;
            if (a is TupleOperand ta)
            {
                var tb = (TupleOperand)b;
                if (ta.Items.Count != tb.Items.Count) return false;
                for (int i = 0; i < ta.Items.Count; i++)
                    if (!SameOperand(ta.Items[i], tb.Items[i])) return false;
                return true;
            }
            var va = a.Value;
            var vb = b.Value;
            if (va is double da && vb is double db) return da.Equals(db);
            return va.GetType() == vb.GetType() && PyOps.Eq(va, vb);
        }

        /// <summary>Every comparison of the tree, in text order.</summary>
        public static IEnumerable<ConditionComparison> Comparisons(ConditionChain chain)
        {
            var stack = new Stack<ConditionTerm>();
            for (int i = chain.Terms.Count - 1; i >= 0; i--) stack.Push(chain.Terms[i]);
            while (stack.Count > 0)
            {
                var term = stack.Pop();
                if (term is ConditionComparison c) { yield return c; continue; }
                var inner = ((ConditionGroup)term).Inner;
                for (int i = inner.Terms.Count - 1; i >= 0; i--) stack.Push(inner.Terms[i]);
            }
        }

        /// <summary>Some chain of the tree has an <c>and</c> followed later by an <c>or</c> (<see cref="ConditionChain.MixesAndBeforeOr"/>).</summary>
        public static bool AnyChainMixesAndBeforeOr(ConditionChain root)
        {
            // Most conditions have no parentheses: the root is the only chain.
            bool grouped = false;
            for (int i = 0; i < root.Terms.Count && !grouped; i++) grouped = root.Terms[i] is ConditionGroup;
            if (!grouped) return root.MixesAndBeforeOr;
            foreach (var chain in Chains(root))
                if (chain.MixesAndBeforeOr) return true;
            return false;
        }

        /// <summary>Every chain of the tree (the root and the inside of each parenthesis), outermost first.</summary>
        public static IEnumerable<ConditionChain> Chains(ConditionChain root)
        {
            var queue = new Queue<ConditionChain>();
            queue.Enqueue(root);
            while (queue.Count > 0)
            {
                var chain = queue.Dequeue();
                yield return chain;
                foreach (var term in chain.Terms)
                    if (term is ConditionGroup g) queue.Enqueue(g.Inner);
            }
        }
    }

    /// <summary>Rebuilds a tree with positions translated through a map (used when tabs were expanded before parsing).</summary>
    internal sealed class PositionMapper
    {
        private readonly int[] map;

        public PositionMapper(int[] map) { this.map = map; }

        private int P(int position) => map[position];

        public ConditionNode Map(ConditionChain chain)
        {
            var terms = new List<ConditionTerm>(chain.Terms.Count);
            foreach (var t in chain.Terms) terms.Add(MapTerm(t));
            var joins = new List<ConditionJoin>(chain.Joins.Count);
            foreach (var j in chain.Joins) joins.Add(new ConditionJoin(j.Connector, P(j.Start)));
            return new ConditionChain(terms, joins, P(chain.Start), P(chain.End));
        }

        private ConditionTerm MapTerm(ConditionTerm term)
        {
            if (term is ConditionGroup g) return new ConditionGroup((ConditionChain)Map(g.Inner), P(g.Start), P(g.End));
            var c = (ConditionComparison)term;
            return new ConditionComparison(MapOperand(c.Left), c.Operator, P(c.OperatorStart), MapOperand(c.Right));
        }

        private ConditionOperand MapOperand(ConditionOperand o)
        {
            switch (o)
            {
                case NumberOperand n: return new NumberOperand(n.Text, n.Value, P(n.Start), P(n.End));
                case StringOperand s: return new StringOperand(s.Text, s.Quote, P(s.Start), P(s.End));
                case BooleanOperand b: return new BooleanOperand(b.Truth, P(b.Start), P(b.End));
                case IdentifierOperand id: return new IdentifierOperand(id.Path, P(id.Start), P(id.End));
                default:
                    var t = (TupleOperand)o;
                    var items = new List<ConditionOperand>(t.Items.Count);
                    foreach (var item in t.Items) items.Add(MapOperand(item));
                    return new TupleOperand(items, P(t.Start), P(t.End));
            }
        }
    }
}
