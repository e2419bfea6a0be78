#nullable enable
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using BkSops.Building;
using BkSops.Commands.Input;
using BkSops.Json;

namespace BkSops.Commands
{
    /// <summary>The builder options shared by ConvertTo-BkSopsPipeline and New-BkSopsPipeline.</summary>
    internal static class BuildOptions
    {
        public static PipelineBuildOptions From(PSCmdlet cmdlet, string? name, IDictionary? constants, string[]? exposeInputs, int? seed)
        {
            var options = new PipelineBuildOptions { Name = name, Seed = seed, ExposeInputs = exposeInputs };
            if (constants != null)
                foreach (DictionaryEntry entry in constants)
                    options.Constants.Add(new KeyValuePair<string, JsonNode>(
                        System.Convert.ToString(entry.Key is PSObject p ? p.BaseObject : entry.Key, CultureInfo.InvariantCulture),
                        ObjectToJson.Convert(entry.Value)));
            return options;
        }
    }
}
