using System.Collections.Generic;
using BkSops.Validation.Python;

namespace BkSops.Conditions
{
    /// <summary>
    /// boolrule's <c>test()</c> without a context: terms left to right, stopping at the first false term followed by
    /// <c>and</c> (false) or true term followed by <c>or</c> (true); names are their own text; values are coerced as
    /// <c>double_equals_trans</c> does. Python errors (TypeError, ...) surface as <see cref="PythonException"/>.
    /// Recursion follows parentheses only (bounded by the parser).
    /// </summary>
    internal static class ConditionEvaluator
    {
        public static bool Evaluate(ConditionChain chain)
        {
            bool passed = false;
            for (int i = 0; i < chain.Terms.Count; i++)
            {
                if (i > 0)
                {
                    var connector = chain.Joins[i - 1].Connector;
                    if (connector == ConditionConnector.Or && passed) return true;
                    if (connector == ConditionConnector.And && !passed) return false;
                }
                var term = chain.Terms[i];
                passed = term is ConditionGroup g ? Evaluate(g.Inner) : Compare((ConditionComparison)term);
            }
            return passed;
        }

        public static bool Compare(ConditionComparison c)
        {
            object left = c.Left.Value;
            object right = c.Right.Value;
            switch (c.Operator)
            {
                case ConditionOperator.In:
                case ConditionOperator.NotIn:
                {
                    right = WidenForMembership(left, right);
                    bool found = PyOps.In(left, right);
                    return c.Operator == ConditionOperator.In ? found : !found;
                }
                case ConditionOperator.IsSuperset:
                case ConditionOperator.NotIsSuperset:
                {
                    // A string stays one element ({'abc'}, not {'a', 'b', 'c'}).
                    if (left is string) left = new PyList(new[] { left });
                    if (right is string) right = new PyList(new[] { right });
                    bool superset = PyOps.IsSuperset(left, right);
                    return c.Operator == ConditionOperator.IsSuperset ? superset : !superset;
                }
                default:
                    Coerce(ref left, ref right);
                    switch (c.Operator)
                    {
                        case ConditionOperator.Equal: return PyOps.Eq(left, right);
                        case ConditionOperator.NotEqual: return !PyOps.Eq(left, right);
                        default: return PyOps.Order(c.OperatorText, left, right);
                    }
            }
        }

        /// <summary>
        /// <c>x in (…)</c>: for an int (or bool) x the tuple also gets every item that <c>int()</c> accepts, for a string x
        /// every item's <c>str()</c>. So <c>1 in ("1", "2")</c> and <c>"1" in (1, 2)</c> are both true.
        /// </summary>
        private static object WidenForMembership(object left, object right)
        {
            if (!(right is PyList list) || list.Count == 0) return right;
            var widened = new List<object?>(list);
            if (PyValue.IsInt(left))
            {
                foreach (var item in list)
                {
                    try { widened.Add(PyOps.ToInt(item)); }
                    catch (PythonException) { }
                }
            }
            else if (left is string)
            {
                foreach (var item in list) widened.Add(PyFormat.Str(item));
            }
            return new PyList(widened);
        }

        /// <summary>
        /// Before <c>== != &lt; &gt; &lt;= &gt;=</c>: if the left is an int, the right is <c>int()</c>ed, else if the right is an int,
        /// the left is; then if the left is a string the right is <c>str()</c>ed, else if the right is a string the left is.
        /// The first failing conversion stops the rest (<c>1 == "a"</c> compares 1 with "a").
        /// </summary>
        private static void Coerce(ref object left, ref object right)
        {
            try
            {
                if (PyValue.IsInt(left)) right = PyOps.ToInt(right);
                else if (PyValue.IsInt(right)) left = PyOps.ToInt(left);
                if (left is string) right = PyFormat.Str(right);
                else if (right is string) left = PyFormat.Str(left);
            }
            catch (PythonException)
            {
            }
        }
    }
}
