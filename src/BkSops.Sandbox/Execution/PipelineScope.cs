using System;
using System.Collections.Generic;
using BkSops.Conditions;
using BkSops.Json;

namespace BkSops.Sandbox.Execution
{
    /// <summary>
    /// One pipeline of a task: the root tree, or the tree a SubProcess node runs. Holds its nodes and its variables
    /// (the tree's constants plus values written at run time: plugin outputs, values passed by the parent).
    /// </summary>
    internal sealed class PipelineScope
    {
        public PipelineScope(string id, JsonObject tree, PipelineScope? parent = null, GraphNode? owner = null)
        {
            Id = id;
            Tree = tree;
            Parent = parent;
            Owner = owner;
        }

        public string Id;
        public PipelineScope? Parent;

        /// <summary>The SubProcess node that runs this pipeline; null for the root.</summary>
        public GraphNode? Owner;

        /// <summary>The tree as given (a template's tree keeps its own ids; <see cref="IdMap"/> maps them to the run's ids).</summary>
        public JsonObject Tree;
        public string StartEventId = "";
        public readonly Dictionary<string, GraphNode> Nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);

        /// <summary>Tree id → id in this run (identity for the root tree).</summary>
        public Dictionary<string, string>? IdMap;

        /// <summary>Run id → tree id (built on first use from <see cref="IdMap"/>).</summary>
        public Dictionary<string, string>? TreeIds;

        /// <summary>Node id → the variables its outputs feed (variable name without ${}, output key).</summary>
        public readonly Dictionary<string, List<KeyValuePair<string, string>>> OutputBindings =
            new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.Ordinal);

        /// <summary>Variable name (without ${}) → value written at run time.</summary>
        public readonly Dictionary<string, JsonNode> RunTimeValues = new Dictionary<string, JsonNode>(StringComparer.Ordinal);

        /// <summary>The variables as conditions and inputs see them now.</summary>
        public IReadOnlyDictionary<string, object?> Values()
        {
            var known = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var p in RunTimeValues) known[p.Key] = p.Value;
            return ConstantValues.FromConstants(Tree["constants"], known, evaluateExpressions: true);
        }
    }
}
