using System.Collections.Generic;
using System.Linq;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation.Graph.Layout;

namespace BkSops.Validation
{
    /// <summary>
    /// State shared by the validation stages of one run. <see cref="Work"/> is the server's working copy: the stages
    /// change it exactly as the server changes its copy (names standardised, defaults set, incoming made lists), so
    /// each stage sees what the server's step would see. It is copied on the first change, so a tree the server would not
    /// change is never copied: <see cref="Work"/> reads it and cannot change it, and only the Writable* methods
    /// (<see cref="WritableWork"/>, <see cref="WritableSections(IEnumerable{string})"/>, <see cref="WritableField"/>)
    /// give something to change, each copying first what it lets change and noting what may have changed. Nodes of
    /// the copy keep the line/column of the original.
    /// </summary>
    public sealed class ValidationContext
    {
        private readonly List<Diagnostic> diagnostics = new List<Diagnostic>();

        public ValidationContext(PipelineTree tree, ValidationOptions? options)
        {
            given = tree.Root;
            Options = options ?? new ValidationOptions();
            work = tree.Root;
        }

        /// <summary>The tree as given, which validation never changes.</summary>
        public ReadOnlyJsonObject TreeAsGiven => new ReadOnlyJsonObject(given);

        private readonly JsonObject given;

        public ValidationOptions Options { get; }

        /// <summary>
        /// The server's working copy, for reading: the tree as given until a stage first changes it, so it has no member
        /// that changes anything. A stage changes the copy only through what a Writable* method gives it.
        /// </summary>
        public ReadOnlyJsonObject Work => new ReadOnlyJsonObject(work);

        /// <summary>True once <see cref="WritableWork"/> made the copy.</summary>
        public bool WorkIsCopy { get; private set; }

        /// <summary>The working copy, for changing anything in it: copies the whole tree on the first call.</summary>
        public JsonObject WritableWork()
        {
            changes.SayNothing();
            if (!WorkIsCopy)
            {
                work = (JsonObject)work.Clone();
                WorkIsCopy = true;
            }
            return work;
        }

        /// <summary>
        /// The working copy for a stage that replaces, adds or removes members of the root and members of the entries of
        /// the top-level objects <paramref name="sections"/> (e.g. <c>gateways</c>), without copying the whole tree: the
        /// root and those sections, and each object in them, are the copy's own; everything below is still shared with
        /// the tree as given, so lists in the entries are replaced, never edited in place. A section that is not an
        /// object is left as it is. Counts as a change of any field (<see cref="DiffersFromTreeOnlyIn"/>).
        /// </summary>
        public JsonObject WritableSections(IEnumerable<string> sections)
        {
            changes.SayNothing();
            CopyRoot();
            foreach (var section in sections) CopyEntries(section);
            return work;
        }

        /// <inheritdoc cref="WritableSections(IEnumerable{string})"/>
        public JsonObject WritableSections(params string[] sections) => WritableSections((IEnumerable<string>)sections);

        /// <summary>
        /// A writer of <paramref name="field"/> of the entries of <paramref name="section"/> and of nothing else (null
        /// when the section is not an object): reads that never look at that field still count the working copy as the
        /// tree as given (<see cref="DiffersFromTreeOnlyIn"/>).
        /// </summary>
        internal EntryFieldWriter? WritableField(string section, string field)
        {
            changes.Say(field);
            var entries = CopyEntries(section);
            return entries == null ? (EntryFieldWriter?)null : new EntryFieldWriter(this, section, entries, field);
        }

        private JsonObject? CopyEntries(string section)
        {
            if (WorkIsCopy || copiedSections.Contains(section)) return work[section] as JsonObject;
            if (!(work[section] is JsonObject original)) return null;
            CopyRoot();
            var copy = original.CopySharingValues(value => value is JsonObject entry ? entry.CopySharingValues() : value);
            work.Set(section, copy);
            copiedSections.Add(section);
            return copy;
        }

        private void CopyRoot()
        {
            if (!WorkIsCopy && !rootIsCopy)
            {
                work = work.CopySharingValues();
                rootIsCopy = true;
            }
        }

        /// <summary>
        /// True when the working copy equals the tree as given apart from <paramref name="fields"/> of some entries: it
        /// is that tree, or every change since was made through <see cref="WritableField"/> for one of these fields.
        /// </summary>
        internal bool DiffersFromTreeOnlyIn(IReadOnlyCollection<string> fields)
        {
            if (work == given) return true;
            return changes.OnlyIn(fields);
        }

        private readonly ChangedFields changes = new ChangedFields();

        /// <summary>
        /// What the stages changed in the working copy: the fields named through <see cref="WritableField"/>, until any
        /// change through another Writable* method, which says nothing, makes every field possibly changed for the rest
        /// of the run. Kept by the Writable* methods themselves: a stage has no other way to get something it can change.
        /// </summary>
        private sealed class ChangedFields
        {
            private readonly HashSet<string> fields = new HashSet<string>(System.StringComparer.Ordinal);

            /// <summary>True once some change did not say what it changed.</summary>
            public bool Unknown { get; private set; }

            public void Say(string field)
            {
                if (!Unknown) fields.Add(field);
            }

            public void SayNothing()
            {
                Unknown = true;
                fields.Clear();
            }

            /// <summary>True when every change said which field it changed, and each was one of <paramref name="allowed"/>.</summary>
            public bool OnlyIn(IReadOnlyCollection<string> allowed) => !Unknown && fields.All(allowed.Contains);
        }

        /// <summary>
        /// The value of <paramref name="read"/> for <see cref="Work"/>: computed ahead when the tree is large and the working
        /// copy still equals it apart from fields the read ignores (see <see cref="StartReadingAhead"/>), else read now.
        /// </summary>
        internal T Read<T>(TreeRead<T> read)
        {
            if (readAhead == null) return read.Read(work);
            if (DiffersFromTreeOnlyIn(read.Ignores)) return readAhead.Take(read);
            // Once the working copy changed in ways nobody said, no read computed ahead can be used any more.
            if (changes.Unknown) readAhead.Cancel();
            return read.Read(work);
        }

        /// <summary>Starts computing <see cref="TreeReads"/> on another core (for large trees on machines with more than one).</summary>
        internal void StartReadingAhead()
        {
            if (readAhead == null && work == given) readAhead = ReadAhead.Start(work);
        }

        /// <summary>Stops the reads started by <see cref="StartReadingAhead"/>; returns once nothing reads the tree as given any more.</summary>
        internal void FinishReadingAhead()
        {
            readAhead?.Finish();
            readAhead = null;
        }

        private ReadAhead? readAhead;
        private readonly HashSet<string> copiedSections = new HashSet<string>();
        private bool rootIsCopy;
        private JsonObject work;

        public IReadOnlyList<Diagnostic> Diagnostics => diagnostics;

        /// <summary>The stage (its place in the server's order) that reported each of <see cref="Diagnostics"/>.</summary>
        internal IReadOnlyList<int> StageOf => stageOf;

        /// <summary>The place in the server's order of the stage running now (set by the validator).</summary>
        internal int CurrentStage { get; set; }

        private readonly List<int> stageOf = new List<int>();

        /// <summary>True once any stage reported an Error (the server has stopped by then).</summary>
        public bool HasError { get; private set; }

        /// <summary>What the graph stages hand to later ones (the layout's index, whether each check passed, ...), one typed fact each.</summary>
        internal Graph.GraphFacts Graph { get; } = new Graph.GraphFacts();

        /// <summary>
        /// Adds a finding; fills Line/Column from <paramref name="at"/> when given. Past <see cref="ValidationOptions.MaxFindingsPerRuleAndNode"/>
        /// findings of one rule on one node, the others are counted in one summary finding ("and K more like this")
        /// instead: one broken node can otherwise yield a finding per item of a list of any length.
        /// </summary>
        public Diagnostic Report(Diagnostic diagnostic, JsonNode? at = null)
        {
            if (at != null && diagnostic.Line == 0) diagnostic = diagnostic.WithPosition(at);
            if (diagnostic.Severity == Severity.Error) HasError = true;
            if (Keep(diagnostic, diagnostic.Omitted > 0 ? diagnostic.Omitted : 1)) Add(diagnostic);
            return diagnostic;
        }

        private int Add(Diagnostic diagnostic)
        {
            diagnostics.Add(diagnostic);
            stageOf.Add(CurrentStage);
            return diagnostics.Count - 1;
        }

        private bool Keep(Diagnostic diagnostic, int weight)
        {
            var key = FindingKey(diagnostic);
            if (!findingCounts.TryGetValue(key, out var count)) count = new FindingCount();
            findingCounts[key] = count;
            bool isSummary = diagnostic.Omitted > 0;
            if (!isSummary && count.Kept < Options.MaxFindingsPerRuleAndNode)
            {
                count.Kept++;
                return true;
            }
            if (count.Example == null)
            {
                count.Example = diagnostic;
                count.Summary = Add(diagnostic);
            }
            count.Omitted += weight;
            diagnostics[count.Summary] = Diagnostic.MoreLikeThis(count.Example, count.Omitted);
            return false;
        }

        private sealed class FindingCount
        {
            public int Kept;
            /// <summary>The place in the list of the summary finding, -1 until there is one (set with <see cref="Example"/>).</summary>
            public int Summary = -1;
            public Diagnostic? Example;
            public int Omitted;
        }

        // Keyed by rule, node and severity as one string: a tuple key is framework generic code the ReadyToRun image
        // cannot hold, JIT-compiled on the first check (issue #8).
        private readonly Dictionary<string, FindingCount> findingCounts = new Dictionary<string, FindingCount>(System.StringComparer.Ordinal);

        private static string FindingKey(Diagnostic d) =>
            d.RuleName + "\n" + (d.NodeId == null ? "\u0001" : "\u0002" + d.NodeId) + "\n" + ((int)d.Severity).ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Adds findings made on another context of the same tree (their Line/Column already filled).</summary>
        internal void ReportAll(IEnumerable<Diagnostic> found)
        {
            foreach (var diagnostic in found) Report(diagnostic);
        }
    }

    /// <summary>Settings of a validation run.</summary>
    public sealed class ValidationOptions
    {
        /// <summary>
        /// The most Python frames the server's recursion may take (one per node on the longest path, start and end
        /// included) before TreeTooDeep: where the server fails even with nothing else on its stack.
        /// </summary>
        public int MaxDepth { get; set; } = Graph.RecursionFrames.ServerLimit;

        /// <summary>Above this many frames (but within <see cref="MaxDepth"/>) TreeNearDepthLimit warns that the real server may fail.</summary>
        public int DepthWarning { get; set; } = Graph.RecursionFrames.WarningLimit;

        /// <summary>SubProcess template ids known to exist in the project; null when unknown (offline).</summary>
        public ISet<long>? KnownTemplateIds { get; set; }

        /// <summary>The request's <c>has_common_subprocess</c>.</summary>
        public bool HasCommonSubprocess { get; set; }

        /// <summary>
        /// From this many nodes and flows on, and with more than one processor, reads later stages need are computed on
        /// a second core (<see cref="ReadAhead"/>); below it, starting a helper costs more than it saves.
        /// </summary>
        internal int ReadAheadFrom { get; set; } = 1000;

        /// <summary>Findings of one rule on one node kept before the others are only counted (in one summary finding).</summary>
        public int MaxFindingsPerRuleAndNode { get; set; } = 20;
    }

    /// <summary>One family of rules, run in the server's order.</summary>
    public interface IValidationStage
    {
        void Run(ValidationContext context);
    }
}
