using System;
using System.Collections.Generic;
using BkSops.Building;
using BkSops.Json;

namespace BkSops.Validation
{
    /// <summary>
    /// What the server would find next, so that one run shows everything that stands between a tree and the server
    /// (issue "fix one, find the next"). Two steps after the first run:
    /// <list type="number">
    /// <item>Within the failing stage: the layout stops at the first string <c>incoming</c> it iterates, which hides the
    /// next ones. Each round lists the <c>incoming</c> of the nodes reported so far, on a copy, and runs again, until no
    /// new one turns up. They are reported as ordinary Errors of that stage, after the first; string incomings the server
    /// accepts once those are lists (it iterates only those of branch gateways and of the activities leading to one)
    /// as the Warnings the layout gives them.</item>
    /// <item>Later stages: when Repair's normalisation fixes every Error of the failing stage, the later stages' findings on
    /// the repaired view are added, marked <see cref="Diagnostic.FoundAfterRepair"/>.</item>
    /// </list>
    /// The first Error, and so the verdict and the server's message, never change.
    /// </summary>
    internal static class FollowUp
    {
        private static readonly string StringIncoming = Rules.IncomingNotList.Name;

        // Each round is a full run on a copy; a tree with more string incomings than this gets the rest from the static scan.
        private const int MaxRounds = 16;

        public static List<StagedDiagnostic> Complete(List<StagedDiagnostic> found, Model.PipelineTree tree, Func<JsonObject, List<StagedDiagnostic>> run)
        {
            int firstError = found.FindIndex(f => f.Diagnostic.Severity == Severity.Error);
            if (firstError < 0) return found;
            int failingStage = found[firstError].Stage;
            var result = new List<StagedDiagnostic>(found);
            FindRemainingStringIncoming(result, failingStage, tree, run);
            AddFoundAfterRepair(result, failingStage, tree, run);
            return result;
        }

        private static void FindRemainingStringIncoming(List<StagedDiagnostic> found, int stage, Model.PipelineTree tree, Func<JsonObject, List<StagedDiagnostic>> run)
        {
            var latest = found;
            JsonObject? view = null;
            for (int round = 0; round < MaxRounds; round++)
            {
                var toFix = new List<StagedDiagnostic>();
                foreach (var f in latest)
                    if (f.Stage == stage && IsStringIncomingError(f.Diagnostic)) toFix.Add(f);
                if (toFix.Count == 0) return;
                if (view == null) view = (JsonObject)tree.Root.Clone();
                int listed = 0;
                foreach (var f in toFix)
                    if (f.Diagnostic.NodeId is string id && ListIncoming(view, id)) listed++;
                if (listed == 0) return;
                var fresh = new List<StagedDiagnostic>();
                foreach (var next in run(view))
                {
                    if (next.Stage != stage || next.Diagnostic.RuleName != StringIncoming) continue;
                    int known = found.FindIndex(f => Key(f.Diagnostic) == Key(next.Diagnostic));
                    if (known >= 0 && found[known].Diagnostic.Severity <= next.Diagnostic.Severity) continue;
                    // A node the first run could only warn about is now known to fail: the Error replaces the Warning.
                    if (known >= 0) found.RemoveAt(known);
                    fresh.Add(next);
                }
                if (fresh.Count == 0) return;
                found.AddRange(fresh);
                latest = fresh;
            }
        }

        private static void AddFoundAfterRepair(List<StagedDiagnostic> found, int failingStage, Model.PipelineTree tree, Func<JsonObject, List<StagedDiagnostic>> run)
        {
            var failing = new List<Diagnostic>();
            foreach (var f in found)
                if (f.Stage == failingStage && f.Diagnostic.Severity == Severity.Error) failing.Add(f.Diagnostic);
            // Repair never changes a tree's shape, so a depth or a hang is never repaired: no need to look (on 100,000 nodes).
            foreach (var d in failing)
                if (NeverRepaired.Contains(d.RuleName)) return;
            var repaired = (JsonObject)tree.Root.Clone();
            var changes = new TreeNormalizer().Normalize(repaired);
            // Only a change at or around what an Error points at can fix it.
            foreach (var d in failing)
                if (!AnyTouches(changes, d.Path)) return;
            var after = run(repaired);
            foreach (var f in after)
                if (f.Diagnostic.Severity == Severity.Error && f.Stage <= failingStage) return;
            var known = new HashSet<string>();
            foreach (var f in found) known.Add(Key(f.Diagnostic));
            foreach (var f in after)
            {
                if (f.Stage <= failingStage || !known.Add(Key(f.Diagnostic))) continue;
                found.Add(new StagedDiagnostic(f.Diagnostic.AsFoundAfterRepair(), f.Stage));
            }
        }

        private static readonly HashSet<string> NeverRepaired = new HashSet<string> { Rules.TreeTooDeep.Name, Rules.LayoutNeverEnds.Name, Rules.ValidationNeverEnds.Name };

        private static bool AnyTouches(IReadOnlyList<TreeChange> changes, string? reported)
        {
            for (int i = 0; i < changes.Count; i++)
                if (Touches(changes[i].Path, reported)) return true;
            return false;
        }

        private static bool Touches(string changed, string? reported) =>
            reported != null && (changed == reported || Under(changed, reported) || Under(reported, changed));

        private static bool Under(string path, string parent) =>
            path.Length > parent.Length && path.StartsWith(parent, StringComparison.Ordinal) && (path[parent.Length] == '.' || path[parent.Length] == '[');

        private static bool IsStringIncomingError(Diagnostic d) => d.Severity == Severity.Error && d.RuleName == StringIncoming && d.NodeId != null;

        private static string Key(Diagnostic d) => d.RuleName + "|" + d.NodeId + "|" + d.Path;

        /// <summary>Writes the node's string <c>incoming</c> as a list, as Repair does; false when there was nothing to change.</summary>
        private static bool ListIncoming(JsonObject root, string nodeId)
        {
            JsonObject? node = (root["activities"] as JsonObject)?[nodeId] as JsonObject
                ?? (root["gateways"] as JsonObject)?[nodeId] as JsonObject;
            if (node == null)
                foreach (var name in new[] { "start_event", "end_event" })
                    if (root[name] is JsonObject ev && (ev["id"] as JsonString)?.Value == nodeId) node = ev;
            if (node == null || !(node["incoming"] is JsonString s)) return false;
            var list = new JsonArray();
            if (s.Value.Length > 0) list.Add(new JsonString(s.Value));
            node.Set("incoming", list);
            return true;
        }
    }
}
