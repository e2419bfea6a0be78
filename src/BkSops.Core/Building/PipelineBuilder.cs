using System;
using System.Collections.Generic;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation.Constants;
using BkSops.Validation.Names;

namespace BkSops.Building
{
    /// <summary>
    /// Builds a server-safe web pipeline_tree from steps and gateway blocks: new canvas ids, flows wired on both ends,
    /// every gateway closed by a converge, every exclusive branch with a condition or the default, names as the server
    /// stores them, and every constant declared with all its fields (contracts.md section 3). Nothing the user gave is
    /// changed silently: problems come back as <see cref="BuildProblem"/>s (no tree), names the server will change as
    /// warnings.
    /// </summary>
    public sealed class PipelineBuilder
    {
        /// <summary>Builds from items in order (steps and blocks); consecutive steps of one parallel group run side by side.</summary>
        public BuildResult Build(IEnumerable<BuildBlock> items, PipelineBuildOptions? options = null)
        {
            var warnings = new List<string>();
            var sequence = StepSequence.From(items, warnings);
            return Build(sequence, options, warnings);
        }

        /// <summary>Like <see cref="Build(IEnumerable{BuildBlock}, PipelineBuildOptions)"/>, throwing <see cref="PipelineBuildException"/> on problems.</summary>
        public PipelineTree BuildOrThrow(IEnumerable<BuildBlock> items, PipelineBuildOptions? options = null)
        {
            var result = Build(items, options);
            return result.Tree ?? throw new PipelineBuildException(result.Problems);
        }

        public BuildResult Build(SequenceBlock root, PipelineBuildOptions? options, List<string>? warnings = null)
        {
            options = options ?? new PipelineBuildOptions();
            warnings = warnings ?? new List<string>();
            var problems = new List<BuildProblem>();
            var shape = BlockWalk.Collect(root, options.MaxNesting, problems);
            if (shape.Steps.Count == 0 && shape.Gateways.Count == 0 && problems.Count == 0)
                problems.Add(new BuildProblem("NoSteps", "There are no steps to build a tree from; a tree needs at least one step between its start and end events."));

            var names = new NameTable(problems, warnings);
            foreach (var step in shape.Steps) names.AddStep(step);
            foreach (var gateway in shape.Gateways) names.AddGateway(gateway);
            foreach (var branch in shape.GoToBranches)
                if (names.Find(branch.GoTo) == null)
                    problems.Add(new BuildProblem("InvalidLoop", $"A branch loops back to '{branch.GoTo}', but no step has that name."));

            var constants = new ConstantTable(problems, warnings);
            constants.Declare(options.Constants);
            var exposed = new HashSet<string>(options.ExposeInputs ?? (ICollection<string>)Array.Empty<string>(), StringComparer.Ordinal);
            foreach (var name in exposed)
                if (!ConstantKeyPattern.IsMatch(ConstantReferences.KeyOf(name)))
                    problems.Add(new BuildProblem("InvalidConstantName", $"The input '{name}' cannot be exposed as a task parameter: its constant '${{{name}}}' does not fit the server's key pattern (ASCII letters, digits and _, not starting with _env_)."));
            foreach (var step in shape.Steps) constants.Use(step);
            foreach (var name in exposed)
                if (constants.Contains(ConstantReferences.KeyOf(name)))
                    problems.Add(new BuildProblem("ConstantConflict", $"The input '{name}' cannot be exposed as the task parameter ${{{name}}}: a custom constant of that name is declared or used too."));
                else if (!shape.Steps.Exists(s => System.Linq.Enumerable.Any(s.Inputs, i => i.Key == name)))
                    warnings.Add($"No step has an input '{name}'; nothing was exposed as the task parameter ${{{name}}}.");
            foreach (var condition in shape.Conditions) constants.Use(condition.Text, condition.Where);
            if (problems.Count > 0) return new BuildResult(null, problems, warnings);

            using (var ids = IdGenerator.Create(options.Seed))
            {
                var graph = new GraphEmitter(ids, names.StepNames, names.GatewayNames, names.Find, problems) { WriteEveryLoop = options.WriteEveryLoop };
                var tree = Write(graph, root, options, shape, exposed, constants, shape.GoToBranches);
                if (problems.Count > 0) return new BuildResult(null, problems, warnings);
                if (graph.Loops.Count > 0 && !options.WriteEveryLoop) CheckLoops(tree, graph.Loops, problems,
                    filter => { var g = new GraphEmitter(ids, names.StepNames, names.GatewayNames, names.Find, new List<BuildProblem>()) { LoopFilter = filter }; return Write(g, root, options, shape, exposed, constants.Fresh(), shape.GoToBranches); });
                return problems.Count > 0 ? new BuildResult(null, problems, warnings) : new BuildResult(tree, problems, warnings);
            }
        }

        private static PipelineTree Write(GraphEmitter graph, SequenceBlock root, PipelineBuildOptions options, BlockWalk shape, HashSet<string> exposed, ConstantTable constants, List<BranchBlock> loops)
        {
            graph.Emit(root, loops);
            var writer = new TreeWriter();
            var json = writer.Write(graph, constants.ToJson, node => ComponentData(node, exposed, constants, writer));
            // The builder writes every field itself. TreeNormalizer is the shared definition of the server-safe form:
            // the property tests check that it finds nothing to change on any built tree, so it need not run here.
            Json.JsonStorage.TrimExcess(json);
            return new PipelineTree(json, options.Name ?? $"built from {shape.Steps.Count} steps") { Name = options.Name };
        }

        /// <summary>
        /// Loops are the one shape the builder cannot make safe by construction: whether the server accepts one depends
        /// on the blocks around it (bamboo's gateway matching and stream rules, spec 2.8 and 2.9). A tree with loops is
        /// validated; when it is refused, the trees with the first 1, 2, ... loops find the loop that breaks it, and the
        /// problem names its gateway and step.
        /// </summary>
        private static void CheckLoops(PipelineTree tree, List<LoopRecord> loops, List<BuildProblem> problems, Func<Func<BranchBlock, bool>, PipelineTree> rebuild)
        {
            var refusal = Refusal(tree);
            if (refusal == null) return;
            var culprit = loops[loops.Count - 1];
            for (int n = 1; n < loops.Count; n++)
            {
                var allowed = new HashSet<BranchBlock>();
                for (int i = 0; i < n; i++) allowed.Add(loops[i].Branch);
                var found = Refusal(rebuild(allowed.Contains));
                if (found != null) { culprit = loops[n - 1]; refusal = found; break; }
            }
            problems.Add(new BuildProblem("InvalidLoop", LoopRules.Explain(culprit, refusal), culprit.Branch));
        }

        private static Validation.Diagnostic? Refusal(PipelineTree tree)
        {
            foreach (var d in new Validation.PipelineValidator().Validate(tree).Diagnostics)
                if (d.Severity == Validation.Severity.Error && d.RuleName != Validation.Rules.TreeTooDeep.Name) return d;
            return null;
        }

        private static JsonObject ComponentData(NodeRecord node, HashSet<string> exposed, ConstantTable constants, TreeWriter writer)
        {
            var data = new JsonObject();
            var step = node.Step ?? throw new InvalidOperationException("An activity node was emitted without its step.");
            foreach (var input in step.Inputs)
            {
                var item = new JsonObject();
                if (exposed.Contains(input.Key))
                {
                    string key = constants.Expose(input.Key, input.Value, node.Id, node.Step.Code);
                    item.Set("hook", JsonBoolean.True());
                    item.Set("value", new JsonString(key));
                }
                else
                {
                    item.Set("hook", JsonBoolean.False());
                    item.Set("value", writer.Copy(input.Value));
                }
                data.Set(input.Key, item);
            }
            return data;
        }

        /// <summary>Step and gateway names as the server stores them, unique.</summary>
        private sealed class NameTable
        {
            private readonly List<BuildProblem> problems;
            private readonly List<string> warnings;
            private readonly Dictionary<string, StepDefinition> byStored = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
            private readonly Dictionary<string, StepDefinition> byGiven = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
            private readonly Dictionary<string, string> gatewayOwners = new Dictionary<string, string>(StringComparer.Ordinal);

            public NameTable(List<BuildProblem> problems, List<string> warnings)
            {
                this.problems = problems;
                this.warnings = warnings;
            }

            public Dictionary<StepDefinition, string> StepNames { get; } = new Dictionary<StepDefinition, string>();
            public Dictionary<GatewayBlock, string> GatewayNames { get; } = new Dictionary<GatewayBlock, string>();

            public StepDefinition? Find(string? name) =>
                name != null && (byGiven.TryGetValue(name, out var step) || byStored.TryGetValue(name, out step)) ? step : null;

            public void AddStep(StepDefinition step)
            {
                string what = StepSequence.Capitalize(step.Describe());
                string? stored = Stored(step.Name, what, step.SourceObject);
                if (stored == null) return;
                if (byStored.TryGetValue(stored, out var first) || gatewayOwners.ContainsKey(stored))
                {
                    string other = first != null ? first.Describe() : gatewayOwners[stored];
                    problems.Add(new BuildProblem("DuplicateStepName",
                        $"{what} has the same name as {other}" + (stored != step.Name ? $" once the server has standardised it ('{stored}')" : "") +
                        "; names must be unique, because they are how nodes are found in the tree.", step.SourceObject));
                    return;
                }
                byStored[stored] = step;
                byGiven[step.Name] = step;
                StepNames[step] = stored;
            }

            public void AddGateway(GatewayBlock gateway)
            {
                if (string.IsNullOrEmpty(gateway.Name)) return;
                string what = $"The {gateway.Kind} gateway '{gateway.Name}'";
                string? stored = Stored(gateway.Name ?? "", what, gateway);
                if (stored == null) return;
                if (byStored.ContainsKey(stored) || gatewayOwners.ContainsKey(stored))
                {
                    problems.Add(new BuildProblem("DuplicateStepName", $"{what} has the name of another node; names must be unique.", gateway));
                    return;
                }
                gatewayOwners[stored] = what.Substring(4);
                GatewayNames[gateway] = stored;
            }

            private string? Stored(string name, string what, object? target)
            {
                string stored = NameStandardizer.Standardize(name);
                if (stored.Length == 0)
                {
                    problems.Add(new BuildProblem("InvalidStepName", $"{what} has a name the server would empty (it removes {NameStandardizer.RemovedCharacters}); give a name with other characters.", target));
                    return null;
                }
                if (stored != name)
                    warnings.Add($"{what}: the server stores the name as '{stored}'" + (NameStandardizer.Strip(name) != name ? $" (it removes the characters {NameStandardizer.RemovedCharacters}" + (stored.Length < NameStandardizer.Strip(name).Length ? $" and cuts names to {NameStandardizer.NodeNameMaxLength} characters)" : ")") : $" (it cuts names to {NameStandardizer.NodeNameMaxLength} characters)") + "; the tree carries that name.");
                return stored;
            }
        }
    }
}
