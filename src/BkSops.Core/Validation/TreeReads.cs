using System.Collections.Generic;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation.Advisory;
using BkSops.Validation.Graph;
using BkSops.Validation.Schema;
using BkSops.Validation.Graph.Bamboo;
using BkSops.Validation.Graph.Layout;

namespace BkSops.Validation
{
    /// <summary>The reads of <see cref="TreeRead"/> kind, in the order the stages need them (see <see cref="ServerOrder"/>).</summary>
    internal static class TreeReads
    {
        /// <summary>The field the gateway stage writes into each matched gateway of the working copy.</summary>
        public const string ConvergeGatewayId = "converge_gateway_id";

        /// <summary>The layout of a well-formed tree (<see cref="DrawFastPath.TryPlan"/>), for the layout stage.</summary>
        public static readonly TreeRead<DrawFastPath.Plan?> LayoutPlan = new TreeRead<DrawFastPath.Plan?>(DrawFastPath.TryPlan);

        /// <summary>Whether the tree satisfies the JSON schema, for the schema stage.</summary>
        public static readonly TreeRead<bool> SchemaHolds = new TreeRead<bool>(root => SchemaValidity.IsValid(WebPipelineSchema.Root, root));

        /// <summary>Whether the tree's JSON nests within <see cref="DataDepth.Limit"/>, for the connection stage.</summary>
        public static readonly TreeRead<bool> DepthHolds = new TreeRead<bool>(root => new DepthWalker().Deepest(root, 1, DataDepth.Limit) <= DataDepth.Limit);

        /// <summary>The advisory stage's findings, which depend on the tree alone (and not on the converge ids the gateway stage writes).</summary>
        public static readonly TreeRead<IReadOnlyList<Diagnostic>> Advisories = new TreeRead<IReadOnlyList<Diagnostic>>(AdvisoryFindings, new[] { ConvergeGatewayId });

        public static readonly IReadOnlyList<TreeRead> All = new TreeRead[] { LayoutPlan, SchemaHolds, DepthHolds, Advisories };

        private static IReadOnlyList<Diagnostic> AdvisoryFindings(JsonObject root)
        {
            var own = new ValidationContext(new PipelineTree(root), null);
            AdvisoryStage.Find(own);
            return own.Diagnostics;
        }
    }
}
