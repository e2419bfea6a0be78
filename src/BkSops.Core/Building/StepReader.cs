using System;
using System.Collections.Generic;
using BkSops.Json;

namespace BkSops.Building
{
    /// <summary>
    /// Reads a step from an object's properties (contracts.md section 3). Reserved names (case-insensitive): Name, Code,
    /// Version, Data or Inputs, Stage, ParallelGroup (the last two renamable), ErrorIgnorable, Retryable, Skippable;
    /// every other property is a plugin input. A property whose value is null or an empty string is left out (an empty
    /// CSV cell); inside Data/Inputs values are taken as given.
    /// </summary>
    public sealed class StepReader
    {
        public StepReader(string stageProperty = "Stage", string parallelGroupProperty = "ParallelGroup")
        {
            StageProperty = string.IsNullOrEmpty(stageProperty) ? "Stage" : stageProperty;
            ParallelGroupProperty = string.IsNullOrEmpty(parallelGroupProperty) ? "ParallelGroup" : parallelGroupProperty;
        }

        public string StageProperty { get; }
        public string ParallelGroupProperty { get; }

        /// <summary>
        /// The step, or null with <paramref name="problems"/> saying why. <paramref name="origin"/> names the step in
        /// messages ("step 3", "row 3").
        /// </summary>
        public StepDefinition? Read(IEnumerable<KeyValuePair<string, JsonNode>> properties, string origin, object? source, List<BuildProblem> problems)
        {
            var step = new StepDefinition { Origin = origin, SourceObject = source };
            int before = problems.Count;
            JsonObject? data = null;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in properties)
            {
                if (IsEmpty(p.Value)) continue;
                if (!seen.Add(p.Key))
                {
                    problems.Add(new BuildProblem("DuplicateStepProperty", $"{Where(step)} has the property '{p.Key}' twice (names are case-insensitive).", source));
                    continue;
                }
                string name = p.Key;
                if (Is(name, "Name")) step.Name = Text(p.Value, name, step, problems) ?? "";
                else if (Is(name, "Code")) step.Code = Text(p.Value, name, step, problems) ?? "";
                else if (Is(name, "Version")) step.Version = Text(p.Value, name, step, problems);
                else if (Is(name, "Data") || Is(name, "Inputs"))
                {
                    if (data != null)
                        problems.Add(new BuildProblem("InvalidStepProperty", $"{Where(step)} has both Data and Inputs; give its inputs in one of them.", source));
                    else if (p.Value is JsonObject o) data = o;
                    else problems.Add(new BuildProblem("InvalidStepProperty", $"{Where(step)} has {name} = {JsonWriter.Write(p.Value, false)}; {name} must be a hashtable of plugin inputs (name = value).", source));
                }
                else if (Is(name, StageProperty)) step.Stage = Text(p.Value, name, step, problems);
                else if (Is(name, ParallelGroupProperty)) step.ParallelGroup = Text(p.Value, name, step, problems);
                else if (Is(name, "ErrorIgnorable")) step.ErrorIgnorable = Flag(p.Value, name, step, problems);
                else if (Is(name, "Retryable")) step.Retryable = Flag(p.Value, name, step, problems);
                else if (Is(name, "Skippable")) step.Skippable = Flag(p.Value, name, step, problems);
                else step.Inputs.Add(p);
            }
            if (data != null)
                foreach (var input in data.Properties)
                {
                    if (ContainsInput(step, input.Name))
                        problems.Add(new BuildProblem("DuplicateStepProperty", $"{Where(step)} gives the input '{input.Name}' both as a property and in Data/Inputs.", source));
                    else step.Inputs.Add(new KeyValuePair<string, JsonNode>(input.Name, input.Value));
                }
            if (string.IsNullOrEmpty(step.Name))
                problems.Add(new BuildProblem("StepWithoutName", $"{Where(step)} has no Name; every step needs a Name (it is how the node is found in the tree).", source));
            if (string.IsNullOrEmpty(step.Code))
                problems.Add(new BuildProblem("StepWithoutCode", $"{Where(step)} has no Code; give the plugin code, e.g. Code = 'sleep_timer'.", source));
            return problems.Count == before ? step : null;
        }

        private static bool ContainsInput(StepDefinition step, string name)
        {
            foreach (var input in step.Inputs)
                if (string.Equals(input.Key, name, StringComparison.Ordinal)) return true;
            return false;
        }

        private static bool IsEmpty(JsonNode value) => value == null || value is JsonNull || (value is JsonString s && s.Value.Length == 0);

        private static bool Is(string property, string reserved) => string.Equals(property, reserved, StringComparison.OrdinalIgnoreCase);

        private static string Where(StepDefinition step) => char.ToUpperInvariant(step.Describe()[0]) + step.Describe().Substring(1);

        private static string? Text(JsonNode value, string property, StepDefinition step, List<BuildProblem> problems)
        {
            switch (value)
            {
                case JsonString s: return s.Value;
                case JsonNumber n: return n.RawText;
                case JsonBoolean b: return b.Value ? "True" : "False";
                default:
                    problems.Add(new BuildProblem("InvalidStepProperty", $"{Where(step)} has {property} = {JsonWriter.Write(value, false)}; {property} must be text.", step.SourceObject));
                    return null;
            }
        }

        private static bool? Flag(JsonNode value, string property, StepDefinition step, List<BuildProblem> problems)
        {
            if (value is JsonBoolean b) return b.Value;
            string? text = value is JsonString s ? s.Value.Trim() : value is JsonNumber n ? n.RawText : null;
            switch (text?.ToLowerInvariant())
            {
                case "true": case "1": case "yes": case "$true": return true;
                case "false": case "0": case "no": case "$false": return false;
            }
            problems.Add(new BuildProblem("InvalidStepProperty",
                $"{Where(step)} has {property} = {JsonWriter.Write(value, false)}; {property} must be true or false (in a CSV file: true, false, 1, 0, yes or no).", step.SourceObject));
            return null;
        }
    }
}
