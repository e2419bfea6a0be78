using System.Collections.Generic;

namespace BkSops.Validation
{
    /// <summary>The validation stages in the order bk-sops runs its checks for fast_create_task (spec section 2).</summary>
    public static class ServerOrder
    {
        public static IReadOnlyList<IValidationStage> Stages() => new IValidationStage[]
        {
            // 2.2 name standardising, then the API's defaults (gateways, constants, outputs)
            // 2.3 draw_pipeline's implicit requirements (and TreeTooDeep)
            // 2.4 JSON schema
            // 2.5 constants keys, outputs, constant references
            // 2.6 connection rules and degrees
            // 2.8 gateway matching
            // 2.9 streams
            // 1.4 step 5 SubProcess template ids
            // 2.10 checks at task creation
            // advisory warnings (unused constants, names cut, conditions ...)
        };
    }
}
