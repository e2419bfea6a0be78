using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using BkSops.Building;
using BkSops.Json;

namespace BkSops.Commands.Input
{
    /// <summary>Turns what users pipe in as steps (hashtables, PSCustomObjects, CSV rows, the builder's own blocks) into builder blocks.</summary>
    internal sealed class StepInput
    {
        private readonly StepReader reader;
        private int count;

        public StepInput(StepReader reader, string originWord = "step")
        {
            this.reader = reader;
            OriginWord = originWord;
        }

        public string OriginWord { get; }

        /// <summary>The block for one input, or null with problems (each naming the step: "step 3", or "row 3" for a CSV row).</summary>
        public BuildBlock? Read(object? input, List<BuildProblem> problems)
        {
            count++;
            object? value = input is PSObject pso && !(pso.BaseObject is PSCustomObject) ? pso.BaseObject : input;
            if (value is BuildBlock block) return block;
            if (value is Model.Activity activity) return ReadActivity(activity, problems);
            if (value == null || value is string || value is System.ValueType)
            {
                problems.Add(new BuildProblem("InvalidStep", $"{Capital(OriginWord)} {count} is {(value == null ? "null" : $"the {value.GetType().Name} '{value}'")}; a step is an object with at least Name and Code, e.g. @{{ Name = 'Wait'; Code = 'sleep_timer' }}.", input));
                return null;
            }
            var properties = new List<KeyValuePair<string, JsonNode>>();
            bool csvLike = value is PSObject;
            if (value is IDictionary dict)
            {
                foreach (DictionaryEntry entry in dict)
                    properties.Add(new KeyValuePair<string, JsonNode>(System.Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture), ObjectToJson.Convert(entry.Value)));
            }
            else
            {
                foreach (var property in PSObject.AsPSObject(value).Properties)
                {
                    if (!(property is PSNoteProperty) && !(property is PSProperty)) continue;
                    object v;
                    try { v = property.Value; }
                    catch (GetValueException) { continue; }
                    csvLike &= property is PSNoteProperty && v is string;
                    properties.Add(new KeyValuePair<string, JsonNode>(property.Name, ObjectToJson.Convert(v)));
                }
            }
            // Import-Csv rows are PSCustomObjects of strings only: name them by their row (the line is one more, for the header).
            string origin = csvLike && properties.Count > 0 ? $"row {count}" : $"{OriginWord} {count}";
            return reader.Read(properties, origin, input, problems);
        }

        private BuildBlock? ReadActivity(Model.Activity activity, List<BuildProblem> problems)
        {
            int before = problems.Count;
            var step = StepDefinition.FromActivity(activity, $"{OriginWord} {count} (activity {activity.Key})");
            if (string.IsNullOrEmpty(step.Name))
                problems.Add(new BuildProblem("StepWithoutName", $"{Capital(step.Origin)} has no name; every step needs a Name.", activity));
            if (step.Kind == StepKind.ServiceActivity && string.IsNullOrEmpty(step.Code))
                problems.Add(new BuildProblem("StepWithoutCode", $"{Capital(step.Origin)} has no component.code; every step needs a Code.", activity));
            if (step.Kind == StepKind.SubProcess && step.TemplateId == null)
                problems.Add(new BuildProblem("InvalidStep", $"{Capital(step.Origin)} is a SubProcess without a numeric template_id.", activity));
            return problems.Count == before ? step : null;
        }

        private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s.Substring(1);
    }
}
