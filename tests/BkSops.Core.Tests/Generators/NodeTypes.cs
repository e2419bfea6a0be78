namespace BkSops.Core.Tests.Generators
{
    /// <summary>The node <c>type</c> values of the web pipeline_tree format.</summary>
    public static class NodeTypes
    {
        public const string StartEvent = "EmptyStartEvent";
        public const string EndEvent = "EmptyEndEvent";
        public const string ServiceActivity = "ServiceActivity";
        public const string SubProcess = "SubProcess";
        public const string Parallel = "ParallelGateway";
        public const string ConditionalParallel = "ConditionalParallelGateway";
        public const string Exclusive = "ExclusiveGateway";
        public const string Converge = "ConvergeGateway";

        public static readonly string[] Gateways = { Parallel, ConditionalParallel, Exclusive, Converge };

        /// <summary>Gateways whose <c>outgoing</c> is a list (all but the converge gateway).</summary>
        public static bool IsBranchGateway(string type) => type == Parallel || type == ConditionalParallel || type == Exclusive;

        /// <summary>Gateways whose every outgoing flow needs a condition or the default_condition.</summary>
        public static bool HasConditions(string type) => type == ConditionalParallel || type == Exclusive;
    }
}
