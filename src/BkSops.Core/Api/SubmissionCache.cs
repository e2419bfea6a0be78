using System.Collections.Generic;
using System.Linq;
using System.Text;
using BkSops.Building;
using BkSops.Model;
using BkSops.Validation;

namespace BkSops.Api
{
    /// <summary>
    /// Repairs and checks trees for submission once per content. A tree's verdict and its repaired form depend only on
    /// its JSON content (numbers as written, key order, every field), so the cache is keyed by the tree's compact
    /// JSON text: a tree changed in any way after its check has other text and is checked again, and a thousand
    /// copies of one tree (one per CSV row) are repaired and checked once. Only accepted trees are kept: a refused
    /// tree is checked every time, so its diagnostics carry the positions of the copy given.
    /// </summary>
    public static class SubmissionCache
    {
        private const long MaxCachedChars = 32L * 1024 * 1024;  // per entry: the key's characters plus the body's bytes
        private const int MaxEntries = 4096;
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, Entry> Entries = new Dictionary<string, Entry>(System.StringComparer.Ordinal);
        private static long cachedSize;
        // A validator keeps per-run state: one per thread, made once.
        [System.ThreadStatic] private static PipelineValidator validator;

        private sealed class Entry
        {
            public byte[] TreeJson;
            public IReadOnlyList<string> Notes;
        }

        /// <summary>How many trees are cached (for tests).</summary>
        internal static int Count { get { lock (Gate) return Entries.Count; } }

        internal static void Clear()
        {
            lock (Gate) { Entries.Clear(); cachedSize = 0; }
        }

        /// <summary>
        /// The tree repaired to its server-safe form and checked (the verdict of <see cref="TreeRepairer"/>), as JSON to
        /// send. With <paramref name="describe"/>, <see cref="TreeSubmission.Notes"/> say what repair changed and what the
        /// checks warn about, worded exactly as Repair-BkSopsPipeline words them.
        /// </summary>
        public static TreeSubmission Prepare(PipelineTree tree, bool describe)
        {
            string key = tree.ToJson(indented: false);
            Entry entry;
            lock (Gate) Entries.TryGetValue(key, out entry);
            if (entry != null && (!describe || entry.Notes != null))
                return new TreeSubmission(entry.TreeJson, null, describe ? entry.Notes : null, fromCache: true);

            byte[] json;
            IReadOnlyList<string> notes = null;
            if (describe)
            {
                // The exact wording of the changes needs a second check of the tree as given (TreeRepairer): only for Verbose.
                var repair = new TreeRepairer().Repair(tree);
                notes = repair.Changes.Select(c => "repaired " + c)
                    .Concat(NonErrors(repair.Validation)).ToList();
                if (!repair.IsRepaired) return new TreeSubmission(null, repair.Validation, notes, fromCache: false);
                json = Utf8.GetBytes(repair.Tree.ToJson(indented: false));
            }
            else
            {
                // The same repair and verdict as TreeRepairer, with one check instead of two.
                var copy = tree.Clone();
                new TreeNormalizer().Normalize(copy.Root);
                var verdict = (validator ?? (validator = new PipelineValidator())).Validate(copy);
                if (!verdict.IsValid) return new TreeSubmission(null, verdict, null, fromCache: false);
                json = Utf8.GetBytes(copy.ToJson(indented: false));
            }
            Remember(key, json, notes);
            return new TreeSubmission(json, null, notes, fromCache: false);
        }

        /// <summary>The tree exactly as given (-SkipValidation): no repair, no check.</summary>
        public static TreeSubmission AsGiven(PipelineTree tree) =>
            new TreeSubmission(Utf8.GetBytes(tree.ToJson(indented: false)), null, null, fromCache: false);

        private static IEnumerable<string> NonErrors(ValidationResult result) =>
            result.Diagnostics.Where(d => d.Severity != Severity.Error).Select(d => $"{d.Severity} {d.RuleName}: {d.Message}");

        private static void Remember(string key, byte[] json, IReadOnlyList<string> notes)
        {
            long size = (long)key.Length + json.Length;
            if (size > MaxCachedChars / 4) return;
            lock (Gate)
            {
                if (Entries.TryGetValue(key, out var known))
                {
                    if (notes != null) known.Notes = notes;
                    return;
                }
                // Bounded: when full, start again (simple, and a bulk run of one tree refills it at once).
                if (Entries.Count >= MaxEntries || cachedSize + size > MaxCachedChars)
                {
                    Entries.Clear();
                    cachedSize = 0;
                }
                Entries[key] = new Entry { TreeJson = json, Notes = notes };
                cachedSize += size;
            }
        }
    }
}
