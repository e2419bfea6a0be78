using System.Collections.Generic;

namespace BkSops.Validation
{
    /// <summary>
    /// The validation stages in the order bk-sops runs its checks for fast_create_task (spec section 2). "Spec N.N" in
    /// comments names a section of the study of the server; docs/ARCHITECTURE.md summarises each cited section.
    /// </summary>
    public static class ServerOrder
    {
        public static IReadOnlyList<IValidationStage> Stages()
        {
            var stages = new List<IValidationStage>(VerdictStages());
            // advisory warnings (unused constants, names cut, conditions ...): never an Error, so never part of the verdict
            stages.Add(new Advisory.AdvisoryStage());
            stages.Add(new Conditions.ConditionsStage());
            return stages;
        }

        /// <summary>
        /// The stages that can find an Error: the first stages of <see cref="Stages"/>, in the same places, without the
        /// advisory ones. A validator of these gives the same verdict (and the same Errors) at a lower cost, for callers
        /// that only need to know whether the server accepts a tree.
        /// </summary>
        internal static IReadOnlyList<IValidationStage> VerdictStages() => new IValidationStage[]
        {
            // 2.2 name standardising, then the API's defaults (gateways, constants, outputs)
            new Names.NameStage(),
            // 2.3 draw_pipeline's implicit requirements (and TreeTooDeep)
            new Graph.LayoutStage(),
            // 2.4 JSON schema
            new Schema.SchemaStage(),
            // 2.5 constants keys, outputs, constant references
            new Constants.ConstantsStage(),
            // 2.6 connection rules and degrees
            new Graph.ConnectionStage(),
            // 2.8 gateway matching
            new Graph.GatewayStage(),
            // 2.9 streams
            new Graph.StreamStage(),
            new Graph.UnreachableStage(),
            // 1.4 step 5 SubProcess template ids
            new Creation.SubProcessStage(),
            // 2.10 checks at task creation
            new Creation.CreationStage(),
        };
    }
}
