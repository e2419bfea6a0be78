using System;
using System.Management.Automation;
using BkSops.Building;

namespace BkSops.Commands
{
    /// <summary>Error records for builder problems: <c>BkSops.Input.&lt;Reason&gt;</c>, InvalidData, the offending step as target.</summary>
    internal static class BuildProblemRecords
    {
        public static ErrorRecord From(BuildProblem problem) =>
            new ErrorRecord(new ArgumentException(problem.Message), "BkSops.Input." + problem.Reason, ErrorCategory.InvalidData, problem.Target);
    }
}
