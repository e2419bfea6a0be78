using System.Collections.Generic;
using BkSops.Building;
using BkSops.Json;
using BkSops.Model;

namespace BkSops.Benchmarks
{
    /// <summary>Steps for the builder benchmarks: a plugin step with one input each, as a CSV row would give.</summary>
    public static class BuilderInputs
    {
        public static List<BuildBlock> Steps(int count)
        {
            var steps = new List<BuildBlock>(count);
            for (int i = 1; i <= count; i++)
            {
                var step = new StepDefinition { Name = "step " + i, Code = "sleep_timer", Origin = "step " + i };
                step.Inputs.Add(new KeyValuePair<string, JsonNode>("bk_timing", JsonNode.From(i)));
                steps.Add(step);
            }
            return steps;
        }

        public static PipelineTree Chain(int count) =>
            new PipelineBuilder().BuildOrThrow(Steps(count), new PipelineBuildOptions { Seed = 1 });

        /// <summary>The same steps as PowerShell hashtables, in $steps; the tree they make as nested hashtables, in $treeTable.</summary>
        public static string PowerShellSetup(int count) =>
            $"$steps = foreach ($i in 1..{count}) {{ @{{ Name = \"step $i\"; Code = 'sleep_timer'; bk_timing = $i }} }}\n" +
            "$treeTable = $steps | ConvertTo-BkSopsPipeline -Seed 1 | Export-BkSopsPipeline -Compress | ConvertFrom-Json -AsHashtable\n";
    }
}
