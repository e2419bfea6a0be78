using BkSops.Validation.Graph.Bamboo;

namespace BkSops.Validation.Graph.BambooFast
{
    /// <summary>
    /// <c>validate_graph_connection</c> on a <see cref="BambooGraph"/>: true when no node breaks its connection rule
    /// (the degrees are checked inside bamboo's loop over a node's targets, so only for nodes that have targets).
    /// When it is false, <see cref="BambooConnection"/> finds the failures and their messages.
    /// Full emulation it is the twin of: <see cref="Bamboo.BambooConnection"/> (both must agree; BambooFastPathTests runs both on the same trees).
    /// </summary>
    internal static class FastConnection
    {
        private static readonly ConnectionRule[] Rules = RulesByType();

        public static bool Passes(BambooGraph g)
        {
            var types = g.Types;
            var targets = g.OutTargets;
            for (int n = 0; n < g.Count; n++)
            {
                int outCount = g.OutCount(n);
                if (outCount == 0) continue;
                var rule = Rules[(int)types[n]];
                int inCount = g.InCount(n);
                if (inCount < rule.MinIn || inCount > rule.MaxIn || outCount < rule.MinOut || outCount > rule.MaxOut) return false;
                for (int i = g.OutStart[n]; i < g.OutStart[n + 1]; i++)
                    if (!rule.AllowsOut[(int)types[targets[i]]]) return false;
            }
            return true;
        }

        private static ConnectionRule[] RulesByType()
        {
            var rules = new ConnectionRule[BambooGraph.TypeNames.Length];
            for (int t = 0; t < rules.Length; t++) rules[t] = ConnectionRule.ByType[BambooGraph.TypeNames[t]];
            return rules;
        }
    }
}
