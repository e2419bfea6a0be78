using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using BkSops.Building;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;

namespace BkSops.Api
{
    /// <summary>
    /// Repairs and checks a tree for submission once, and again only after it changed. Each checked tree keeps (weakly,
    /// so it goes when the tree goes) a snapshot of its content at the check: a deep copy whose values are the tree's own
    /// immutable strings and numbers. The JSON model has no change counter, so a later submission of the same tree
    /// compares the tree with its snapshot (equal values are mostly the same instances, so this is a quick walk) and
    /// reuses the repaired JSON only when nothing differs: a tree changed in any way after its check is checked again.
    /// Only accepted trees are kept: a refused tree is checked every time, so its diagnostics are always its own.
    /// </summary>
    public static class SubmissionCache
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);
        private static readonly ConditionalWeakTable<JsonObject, Holder> Checked = new ConditionalWeakTable<JsonObject, Holder>();
        // A validator keeps per-run state: one per thread, made once. An accepted tree needs the verdict only, which the
        // stages that can find an Error give alone; a refused one is checked in full, for all its diagnostics.
        [System.ThreadStatic] private static PipelineValidator? verdictValidator;
        [System.ThreadStatic] private static PipelineValidator? validator;
        // The text of the tree being written, and its characters for the encoder: kept per thread and reused, so a tree
        // costs the allocation of its UTF-8 bytes only (not a growing text, a string and the bytes).
        [System.ThreadStatic] private static StringBuilder? text;
        [System.ThreadStatic] private static char[]? chars;
        private const int KeptCapacity = 1 << 20;

        private sealed class Holder
        {
            public volatile Entry? Entry;
        }

        private sealed class Entry
        {
            public JsonObject Snapshot = new JsonObject();
            public byte[] TreeJson = Array.Empty<byte>();
            public IReadOnlyList<string>? Notes;
        }

        /// <summary>
        /// The tree repaired to its server-safe form and checked (the verdict of <see cref="TreeRepairer"/>), as JSON to
        /// send. With <paramref name="describe"/>, <see cref="TreeSubmission.Notes"/> say what repair changed and what the
        /// checks warn about, worded exactly as Repair-BkSopsPipeline words them.
        /// </summary>
        public static TreeSubmission Prepare(PipelineTree tree, bool describe)
        {
            var holder = Checked.GetValue(tree.Root, _ => new Holder());
            var entry = holder.Entry;
            if (entry != null && (!describe || entry.Notes != null) && JsonContent.Same(tree.Root, entry.Snapshot))
                return new TreeSubmission(entry.TreeJson, null, describe ? entry.Notes : null, fromCache: true);

            var snapshot = (JsonObject)tree.Root.Clone();
            byte[] json;
            IReadOnlyList<string>? notes = null;
            if (describe)
            {
                // The exact wording of the changes needs a second check of the tree as given (TreeRepairer): only for Verbose.
                var repair = new TreeRepairer().Repair(tree);
                notes = repair.Changes.Select(c => "repaired " + c).Concat(NonErrors(repair.Validation)).ToList();
                if (!repair.IsRepaired) return Refused(holder, repair.Validation, notes);
                json = CompactUtf8(repair.Tree.Root);
            }
            else
            {
                // The same repair and verdict as TreeRepairer, with one check instead of two, and no change described.
                var copy = tree.Clone();
                new TreeNormalizer(describe: false).Normalize(copy.Root);
                var verdict = (verdictValidator ?? (verdictValidator = new PipelineValidator(ServerOrder.VerdictStages()))).Validate(copy);
                if (!verdict.IsValid) return Refused(holder, (validator ?? (validator = new PipelineValidator())).Validate(copy), null);
                json = CompactUtf8(copy.Root);
            }
            holder.Entry = new Entry { Snapshot = snapshot, TreeJson = json, Notes = notes };
            return new TreeSubmission(json, null, notes, fromCache: false);
        }

        private static TreeSubmission Refused(Holder holder, ValidationResult verdict, IReadOnlyList<string>? notes)
        {
            holder.Entry = null;
            return new TreeSubmission(null, verdict, notes, fromCache: false);
        }

        /// <summary>The tree exactly as given (-SkipValidation): no repair, no check.</summary>
        public static TreeSubmission AsGiven(PipelineTree tree) =>
            new TreeSubmission(CompactUtf8(tree.Root), null, null, fromCache: false);

        /// <summary>The same bytes as <c>UTF-8(tree.ToJson(indented: false))</c>, written through this thread's reused buffers.</summary>
        internal static byte[] CompactUtf8(JsonNode root)
        {
            var sb = text ?? new StringBuilder(16 * 1024);
            text = null;  // not shared with a nested call while in use
            try
            {
                sb.Clear();
                using (var writer = new System.IO.StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture))
                    JsonWriter.Write(root, writer, indented: false);
                int length = sb.Length;
                var buffer = chars != null && chars.Length >= length ? chars : new char[Math.Max(length, 16 * 1024)];
                sb.CopyTo(0, buffer, 0, length);
                var bytes = new byte[Utf8.GetByteCount(buffer, 0, length)];
                Utf8.GetBytes(buffer, 0, length, bytes, 0);
                if (buffer.Length <= KeptCapacity) chars = buffer;
                return bytes;
            }
            finally
            {
                if (sb.Capacity <= KeptCapacity) text = sb;
            }
        }

        private static IEnumerable<string> NonErrors(ValidationResult result) =>
            result.Diagnostics.Where(d => d.Severity != Severity.Error).Select(d => $"{d.Severity} {d.RuleName}: {d.Message}");
    }
}
