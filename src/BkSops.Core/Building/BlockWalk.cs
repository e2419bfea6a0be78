using System.Collections.Generic;

namespace BkSops.Building
{
    /// <summary>
    /// One iterative walk over the blocks to build: collects the steps, named gateways, conditions and loop branches,
    /// and checks the rules of each gateway block (a condition or the default on every exclusive branch, none on
    /// parallel ones, at most one default, loops only from exclusive gateways).
    /// </summary>
    internal sealed class BlockWalk
    {
        public readonly List<StepDefinition> Steps = new List<StepDefinition>();
        public readonly List<GatewayBlock> Gateways = new List<GatewayBlock>();
        public readonly List<BranchBlock> GoToBranches = new List<BranchBlock>();
        public readonly List<(string Text, string Where)> Conditions = new List<(string, string)>();

        public static BlockWalk Collect(SequenceBlock root, int maxNesting, List<BuildProblem> problems)
        {
            var walk = new BlockWalk();
            var seenSteps = new HashSet<StepDefinition>();
            var pending = new Stack<(BuildBlock Block, int Nesting)>();
            pending.Push((root, 0));
            bool reportedDepth = false;
            while (pending.Count > 0)
            {
                var (block, nesting) = pending.Pop();
                switch (block)
                {
                    case StepDefinition step:
                        if (!seenSteps.Add(step))
                            problems.Add(new BuildProblem("DuplicateStepName", $"{StepSequence.Capitalize(step.Describe())} appears twice in the structure; each step is one node, so give the second its own step.", step.SourceObject));
                        else walk.Steps.Add(step);
                        break;
                    case SequenceBlock sequence:
                        for (int i = sequence.Items.Count - 1; i >= 0; i--) pending.Push((sequence.Items[i], nesting));
                        break;
                    case BranchBlock stray:
                        problems.Add(new BuildProblem("BranchOutsideGateway", $"{stray} is not inside a gateway; put branches in New-BkSopsGateway's script block.", stray));
                        break;
                    case GatewayBlock gateway:
                        if (nesting + 1 > maxNesting)
                        {
                            if (!reportedDepth)
                                problems.Add(new BuildProblem("NestedTooDeep", $"Gateway blocks are nested more than {maxNesting} deep; the server takes minutes to check exclusive gateways nested 50 deep and gives up on deeper ones.", gateway));
                            reportedDepth = true;
                            break;
                        }
                        walk.Gateways.Add(gateway);
                        walk.Check(gateway, problems);
                        for (int i = gateway.Branches.Count - 1; i >= 0; i--) pending.Push((gateway.Branches[i].Body, nesting + 1));
                        break;
                }
            }
            return walk;
        }

        private void Check(GatewayBlock gateway, List<BuildProblem> problems)
        {
            string what = $"The {gateway.Kind} gateway" + (string.IsNullOrEmpty(gateway.Name) ? "" : $" '{gateway.Name}'");
            if (gateway.Branches.Count == 0)
            {
                problems.Add(new BuildProblem("GatewayWithoutBranches", $"{what} has no branches.", gateway));
                return;
            }
            int defaults = 0, continuing = 0, empty = 0;
            var loopTargets = new HashSet<string>(System.StringComparer.Ordinal);
            for (int i = 0; i < gateway.Branches.Count; i++)
            {
                var branch = gateway.Branches[i];
                string where = $"branch {i + 1} of {char.ToLowerInvariant(what[0]) + what.Substring(1)}";
                bool hasCondition = !string.IsNullOrWhiteSpace(branch.Condition);
                if (branch.IsDefault) defaults++;
                if (branch.GoTo == null) continuing++;
                // Two flows between the same two nodes break the server's layout step.
                if (branch.GoTo == null && branch.Body.Items.Count == 0 && ++empty == 2)
                    problems.Add(new BuildProblem("DuplicateBranch", $"{Cap(where)} is the second branch with no steps; the server cannot take two flows from a gateway straight to its converge. Join their conditions with 'or' in one branch.", branch));
                if (branch.GoTo != null && !loopTargets.Add(branch.GoTo))
                    problems.Add(new BuildProblem("DuplicateBranch", $"{Cap(where)} is the second branch that loops back to '{branch.GoTo}'; the server cannot take two flows between the same two nodes. Join their conditions with 'or' in one branch.", branch));
                if (gateway.Kind == GatewayKind.Parallel)
                {
                    if (hasCondition || branch.IsDefault || branch.GoTo != null)
                        problems.Add(new BuildProblem("InvalidBranch", $"{Cap(where)} has a condition, -Default or -GoTo; a parallel gateway runs every branch. Use an Exclusive or ConditionalParallel gateway for conditions.", branch));
                    continue;
                }
                if (hasCondition && branch.IsDefault)
                    problems.Add(new BuildProblem("InvalidBranch", $"{Cap(where)} is the default branch and has a condition; the default branch is taken when no condition holds, so give it no condition.", branch));
                else if (!hasCondition && !branch.IsDefault)
                    problems.Add(new BuildProblem("BranchWithoutCondition", $"{Cap(where)} has no condition; every branch of an {gateway.Kind} gateway needs -Condition, or -Default for the branch taken when no condition holds.", branch));
                if (hasCondition) Conditions.Add((branch.Condition ?? "", where));
                if (branch.GoTo != null)
                {
                    if (gateway.Kind != GatewayKind.Exclusive)
                        problems.Add(new BuildProblem("InvalidLoop", $"{Cap(where)} loops back with -GoTo; only exclusive gateways can loop back (the server refuses loops out of a conditional parallel block).", branch));
                    else if (branch.Body.Items.Count > 0)
                        problems.Add(new BuildProblem("InvalidLoop", $"{Cap(where)} has both steps and -GoTo; a branch either runs steps or loops back.", branch));
                    else GoToBranches.Add(branch);
                }
            }
            if (defaults > 1)
                problems.Add(new BuildProblem("InvalidBranch", $"{what} has {defaults} default branches; at most one branch can be the default.", gateway));
            if (continuing == 0)
                problems.Add(new BuildProblem("InvalidLoop", $"Every branch of {char.ToLowerInvariant(what[0]) + what.Substring(1)} loops back; at least one branch must go on.", gateway));
        }


        private static string Cap(string text) => StepSequence.Capitalize(text);
    }
}
