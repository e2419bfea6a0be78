using System.Collections.Generic;
using System.Management.Automation;
using BkSops.Building;
using BkSops.Commands.Input;

namespace BkSops.Commands
{
    /// <summary>Runs a builder script block and reads what it writes as steps and blocks (errors become BkSops.Input records).</summary>
    internal static class ScriptBlockItems
    {
        public static List<BuildBlock> Read(PSCmdlet cmdlet, ScriptBlock? body, string where)
        {
            var problems = new List<BuildProblem>();
            var items = new List<BuildBlock>();
            if (body == null) return items; // no script block: nothing written
            var input = new StepInput(new StepReader(), "item");
            System.Collections.ObjectModel.Collection<PSObject> output;
            try
            {
                output = body.Invoke();
            }
            catch (RuntimeException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(e.ErrorRecord, e));
                return items;
            }
            foreach (var item in output)
            {
                if (item == null) continue;
                var block = input.Read(item, problems);
                if (block != null) items.Add(block);
            }
            if (problems.Count > 0)
            {
                for (int i = 0; i < problems.Count - 1; i++) cmdlet.WriteError(BuildProblemRecords.From(problems[i]));
                var last = problems[problems.Count - 1];
                cmdlet.ThrowTerminatingError(new ErrorRecord(new System.ArgumentException($"In {where}: {last.Message}"), "BkSops.Input." + last.Reason, ErrorCategory.InvalidData, last.Target));
            }
            return items;
        }

        /// <summary>Items in order as a sequence, consecutive steps of one parallel group side by side.</summary>
        public static SequenceBlock Sequence(PSCmdlet cmdlet, List<BuildBlock> items)
        {
            var warnings = new List<string>();
            var sequence = StepSequence.From(items, warnings);
            foreach (var w in warnings) cmdlet.WriteWarning(w);
            return sequence;
        }
    }
}
