using System;
using System.Collections.Generic;
using BkSops.Json;
using BkSops.Validation.Constants;

namespace BkSops.Building
{
    /// <summary>
    /// The constants of a tree being built: custom constants from <c>-Constant</c> and from every <c>${name}</c> a step
    /// or condition uses (index = order of first use), and inputs exposed as task parameters (<c>component_inputs</c>).
    /// Each is written with every field the server's task start needs (contracts.md section 3).
    /// </summary>
    internal sealed class ConstantTable
    {
        private sealed class Entry
        {
            public string Key = "";
            public JsonNode Value = new JsonNull();
            public bool Given;
            public int FirstUse = int.MaxValue;
            public int Declared;
            public string SourceType = "custom";
            public string SourceTag = "";
            public JsonObject SourceInfo = new JsonObject();
        }

        private readonly Dictionary<string, Entry> entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        private readonly List<Entry> order = new List<Entry>();
        private readonly List<BuildProblem> problems;
        private readonly List<string> warnings;
        private int uses;

        public ConstantTable(List<BuildProblem> problems, List<string> warnings)
        {
            this.problems = problems;
            this.warnings = warnings;
        }

        public bool Contains(string key) => entries.ContainsKey(key);

        /// <summary>
        /// A copy with the declared and used constants but no exposed inputs, for writing another tree from the same
        /// steps (exposing fills each exposed constant's <c>source_info</c> with the node ids of the tree written).
        /// </summary>
        public ConstantTable Fresh()
        {
            var copy = new ConstantTable(new List<BuildProblem>(), new List<string>()) { uses = uses };
            foreach (var e in order)
                if (e.SourceType != "component_inputs")
                    copy.Add(new Entry { Key = e.Key, Value = e.Value, Given = e.Given, FirstUse = e.FirstUse, SourceType = e.SourceType, SourceTag = e.SourceTag });
            return copy;
        }

        public void Declare(IEnumerable<KeyValuePair<string, JsonNode>> given)
        {
            foreach (var pair in given)
            {
                string name = ConstantReferences.NameOf(pair.Key ?? "");
                string key = ConstantReferences.KeyOf(name);
                if (!ConstantKeyPattern.IsMatch(key) || key.EndsWith("\n", StringComparison.Ordinal))
                {
                    problems.Add(new BuildProblem("InvalidConstantName",
                        $"The constant '{pair.Key}' cannot be declared: the server only takes constant keys of the form ${{name}} where name is ASCII letters, digits and _ (not starting with _env_), e.g. 'bk_timing' or '${{bk_timing}}'.", pair.Key));
                    continue;
                }
                if (entries.ContainsKey(key))
                {
                    problems.Add(new BuildProblem("DuplicateConstant", $"The constant '{key}' is given twice in -Constant.", pair.Key));
                    continue;
                }
                Add(new Entry { Key = key, Value = pair.Value ?? new JsonString(""), Given = true });
            }
        }

        /// <summary>Records the constants a step's inputs refer to; an input that names a constant the server refuses is a problem.</summary>
        public void Use(StepDefinition step)
        {
            var names = new List<string>();
            foreach (var input in step.Inputs)
            {
                if (input.Value is JsonString s && ConstantReferences.RefusedName(s.Value) is string refused)
                {
                    problems.Add(new BuildProblem("InvalidConstantName",
                        $"{StepSequence.Capitalize(step.Describe())}: input '{input.Key}' refers to the constant '{refused}', a name the server refuses (constant names are ASCII letters, digits and _, not starting with _env_).", step.SourceObject));
                    continue;
                }
                ConstantReferences.Collect(input.Value, names);
            }
            foreach (var name in names) UseName(name, step.Describe());
        }

        public void Use(string text, string where)
        {
            var names = new List<string>();
            ConstantReferences.Collect(text, names);
            foreach (var name in names) UseName(name, where);
        }

        private void UseName(string name, string where)
        {
            string key = ConstantReferences.KeyOf(name);
            if (!entries.TryGetValue(key, out var entry))
            {
                entry = new Entry { Key = key, Value = new JsonString("") };
                Add(entry);
                warnings.Add($"The constant {key}, used by {where}, has no value; it is declared with an empty value. Give it one with -Constant @{{ {name} = '...' }}, or when the task is created.");
            }
            if (entry.FirstUse == int.MaxValue) entry.FirstUse = uses++;
        }

        /// <summary>Hooks an input of a node to the task parameter <c>${input}</c>; returns the key the input's value becomes.</summary>
        public string Expose(string input, JsonNode value, string nodeId, string code)
        {
            string key = ConstantReferences.KeyOf(input);
            if (!entries.TryGetValue(key, out var entry))
            {
                entry = new Entry { Key = key, Value = value, SourceType = "component_inputs", SourceTag = code + "." + input, FirstUse = uses++ };
                Add(entry);
            }
            var list = new JsonArray();
            list.Add(new JsonString(input));
            entry.SourceInfo.Set(nodeId, list);
            return key;
        }

        public JsonObject ToJson()
        {
            var sorted = new List<Entry>(order);
            sorted.Sort((a, b) => a.FirstUse != b.FirstUse ? a.FirstUse.CompareTo(b.FirstUse) : a.Declared.CompareTo(b.Declared));
            var constants = new JsonObject();
            for (int i = 0; i < sorted.Count; i++)
            {
                var e = sorted[i];
                var o = new JsonObject();
                o.Set("key", new JsonString(e.Key));
                o.Set("name", new JsonString(ConstantReferences.NameOf(e.Key)));
                o.Set("index", JsonNode.From(i));
                o.Set("desc", new JsonString(""));
                o.Set("source_type", new JsonString(e.SourceType));
                o.Set("custom_type", new JsonString(e.SourceType == "custom" ? "input" : ""));
                o.Set("source_tag", new JsonString(e.SourceTag));
                o.Set("source_info", e.SourceInfo);
                o.Set("value", e.Value);
                o.Set("show_type", new JsonString("show"));
                o.Set("validation", new JsonString(""));
                constants.Set(e.Key, o);
            }
            return constants;
        }

        private void Add(Entry entry)
        {
            entry.Declared = order.Count;
            entries[entry.Key] = entry;
            order.Add(entry);
        }
    }
}
