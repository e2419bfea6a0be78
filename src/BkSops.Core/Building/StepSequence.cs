using System;
using System.Collections.Generic;

namespace BkSops.Building
{
    /// <summary>
    /// Turns steps in order into a sequence: consecutive steps with the same non-empty parallel group become the
    /// branches of one parallel gateway (contracts.md section 3); blocks pass through unchanged.
    /// </summary>
    public static class StepSequence
    {
        public static SequenceBlock From(IEnumerable<BuildBlock> items, List<string>? warnings)
        {
            var sequence = new SequenceBlock();
            var closedGroups = new HashSet<string>(StringComparer.Ordinal);
            var madeHere = new HashSet<GatewayBlock>();
            GatewayBlock? open = null;
            string? openGroup = null;
            foreach (var item in items)
            {
                string? group = (item as StepDefinition)?.ParallelGroup;
                if (string.IsNullOrEmpty(group)) group = null;
                if (open != null && !string.Equals(group, openGroup, StringComparison.Ordinal))
                {
                    if (openGroup != null) closedGroups.Add(openGroup);
                    open = null;
                    openGroup = null;
                }
                if (group == null)
                {
                    sequence.Items.Add(item);
                    continue;
                }
                if (open == null)
                {
                    if (closedGroups.Contains(group))
                        warnings?.Add($"{Capitalize(((StepDefinition)item).Describe())} is in parallel group '{group}', which already ran earlier with other steps in between; it starts a second parallel block (only consecutive steps of a group run side by side).");
                    open = new GatewayBlock(GatewayKind.Parallel);
                    madeHere.Add(open);
                    openGroup = group;
                    sequence.Items.Add(open);
                }
                var branch = new BranchBlock();
                branch.Body.Items.Add(item);
                open.Branches.Add(branch);
            }
            // A group of one step runs as a plain step: a parallel gateway with one branch means the same.
            for (int i = 0; i < sequence.Items.Count; i++)
                if (sequence.Items[i] is GatewayBlock g && madeHere.Contains(g) && g.Branches.Count == 1)
                    sequence.Items[i] = g.Branches[0].Body.Items[0];
            return sequence;
        }

        internal static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
