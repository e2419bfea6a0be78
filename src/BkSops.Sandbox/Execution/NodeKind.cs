namespace BkSops.Sandbox.Execution
{
    /// <summary>The node types of a web pipeline tree, named as bamboo's NodeType values.</summary>
    internal enum NodeKind
    {
        EmptyStartEvent,
        EmptyEndEvent,
        ServiceActivity,
        SubProcess,
        ParallelGateway,
        ExclusiveGateway,
        ConditionalParallelGateway,
        ConvergeGateway,
    }
}
