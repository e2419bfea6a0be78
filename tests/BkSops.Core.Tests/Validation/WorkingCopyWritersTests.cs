using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using BkSops.Json;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>
    /// Which code of the validator changes JSON, read from the compiled code: every call to a member that changes an
    /// object or an array (Set, Remove, Add, ...) from a type under BkSops.Validation. The list below is that code, each
    /// with what it changes; a new type that changes JSON fails this test until it is shown to change only what a
    /// Writable* method of <see cref="ValidationContext"/> gave it, or JSON it made itself, and is added here.
    /// </summary>
    public class WorkingCopyWritersTests
    {
        private static readonly HashSet<string> Mutators = new HashSet<string>(StringComparer.Ordinal)
        {
            "Set", "SetDefault", "Remove", "Rename", "AppendUnique", "Adopt", "TrimExcess", "Add", "Insert", "RemoveAt", "Clear", "set_Value",
        };

        private static readonly Dictionary<string, string> Writers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["BkSops.Validation.ValidationContext"] = "the working copy itself: puts the copied sections into the copied root",
            ["BkSops.Validation.EntryFieldWriter"] = "its one field of the entries of a section WritableField copied",
            ["BkSops.Validation.FollowUp"] = "its own deep copies of the tree (the follow-up runs)",
            ["BkSops.Validation.Names.NameStage"] = "names and defaults, in the tree WritableWork gave (its read-only walk only reads)",
            ["BkSops.Validation.Graph.Bamboo.BambooNodes"] = "format_pipeline_tree_io_to_list: replaces incoming with new lists, in a tree from WritableWork or WritableSections",
            ["BkSops.Validation.Graph.Bamboo.BambooGateways"] = "converge_gateway_id, on the gateways of the tree WritableSections(\"gateways\") gave",
            ["BkSops.Validation.Graph.Layout.DrawPipeline"] = "the layout's changes, in the tree WritableWork gave (copied before the first change)",
            ["BkSops.Validation.Graph.Layout.ChangeJournal"] = "undoes the layout's changes in that same copy",
            ["BkSops.Validation.Graph.Layout.NodeIo"] = "incoming/outgoing of nodes of the layout's copy (DrawFastPath first replaces shared lists by its own: OwnList)",
            ["BkSops.Validation.Graph.Layout.DrawFastPath"] = "flows and all_nodes of the root WritableSections gave, and new objects",
        };

        [Fact]
        public void OnlyTheListedCodeChangesJson()
        {
            var found = TypesChangingJson(typeof(ValidationContext).Assembly, "BkSops.Validation");
            // The stages outside BkSops.Validation (conditions) only read.
            foreach (var other in TypesChangingJson(typeof(ValidationContext).Assembly, "BkSops.Conditions")) found.Add(other.Key, other.Value);
            Assert.True(found.Count > 0, "the scan finds the validator's own writers");
            var unlisted = found.Where(t => !Writers.ContainsKey(t.Key)).Select(t => t.Key + " (" + string.Join(", ", t.Value) + ")").ToList();
            var stale = Writers.Keys.Where(t => !found.ContainsKey(t)).ToList();
            Assert.True(unlisted.Count == 0, "Code that changes JSON and is not listed as a writer of the working copy: " + string.Join("; ", unlisted));
            Assert.True(stale.Count == 0, "Listed writers that no longer change JSON: " + string.Join(", ", stale));
        }

        /// <summary>Top-level types under <paramref name="ns"/> whose code calls a JSON mutator, with the mutators they call.</summary>
        internal static SortedDictionary<string, SortedSet<string>> TypesChangingJson(Assembly assembly, string ns)
        {
            var found = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            var json = new HashSet<Type> { typeof(JsonObject), typeof(JsonArray), typeof(JsonNode), typeof(JsonProperty) };
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var type in assembly.GetTypes())
            {
                var top = type;
                while (top.DeclaringType != null) top = top.DeclaringType;
                if (top.Namespace == null || !(top.Namespace == ns || top.Namespace.StartsWith(ns + ".", StringComparison.Ordinal))) continue;
                foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
                {
                    foreach (var called in Calls(method))
                    {
                        if (called.DeclaringType == null || !json.Contains(called.DeclaringType) || !Mutators.Contains(called.Name)) continue;
                        if (!found.TryGetValue(top.FullName, out var names)) found[top.FullName] = names = new SortedSet<string>(StringComparer.Ordinal);
                        names.Add(called.DeclaringType.Name + "." + called.Name);
                    }
                }
            }
            return found;
        }

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)).ToDictionary(o => o.Value);

        /// <summary>The methods <paramref name="method"/>'s IL calls (call, callvirt, newobj, ldftn).</summary>
        private static IEnumerable<MethodBase> Calls(MethodBase method)
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il == null) yield break;
            int at = 0;
            while (at < il.Length)
            {
                short value = il[at++];
                if (value == 0xFE) value = unchecked((short)(0xFE00 | il[at++]));
                var op = OpCodesByValue[value];
                int size = OperandSize(op, il, at);
                if (op.OperandType == OperandType.InlineMethod)
                {
                    int token = BitConverter.ToInt32(il, at);
                    MethodBase called = null;
                    try
                    {
                        called = method.Module.ResolveMethod(token,
                            method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null,
                            method.IsGenericMethod ? method.GetGenericArguments() : null);
                    }
                    catch (ArgumentException)
                    {
                        // A generic instantiation reflection cannot resolve from here: not a JSON member (they are not generic).
                    }
                    if (called != null) yield return called;
                }
                at += size;
            }
        }

        private static int OperandSize(OpCode op, byte[] il, int at)
        {
            switch (op.OperandType)
            {
                case OperandType.InlineNone: return 0;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: return 1;
                case OperandType.InlineVar: return 2;
                case OperandType.InlineI8:
                case OperandType.InlineR: return 8;
                case OperandType.InlineSwitch: return 4 + 4 * BitConverter.ToInt32(il, at);
                default: return 4;
            }
        }
    }
}
