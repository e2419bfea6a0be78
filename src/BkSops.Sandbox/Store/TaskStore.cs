using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using BkSops.Json;

namespace BkSops.Sandbox.Store
{
    /// <summary>
    /// The sandbox's tasks: in memory, and with a data folder also one file per task (<c>tasks/&lt;id&gt;.json</c>),
    /// written to a temporary file first and then renamed over the old one, so a killed process leaves either the
    /// old or the new file, never half of one. Loading a folder brings back every task it holds.
    /// </summary>
    public sealed class TaskStore
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);
        private readonly ConcurrentDictionary<long, SandboxTask> tasks = new ConcurrentDictionary<long, SandboxTask>();
        private readonly string? folder;
        private long lastId;

        public TaskStore(string? dataPath = null)
        {
            if (dataPath == null) return;
            folder = Path.Combine(Path.GetFullPath(dataPath), "tasks");
            Directory.CreateDirectory(folder);
            Load(folder);
        }

        /// <summary>True when tasks are kept in files.</summary>
        public bool IsPersistent => folder != null;

        /// <summary>Files that could not be read at start (name and reason); they are left where they are.</summary>
        public IReadOnlyList<string> LoadProblems { get; private set; } = Array.Empty<string>();

        public int Count => tasks.Count;

        /// <summary>Gives <paramref name="task"/> the next id, keeps it, and writes its file.</summary>
        public SandboxTask Add(SandboxTask task)
        {
            task.Id = Interlocked.Increment(ref lastId);
            Write(task, isNew: true);
            tasks[task.Id] = task;
            return task;
        }

        public bool TryGet(long id, out SandboxTask task) => tasks.TryGetValue(id, out task);

        /// <summary>Every task, newest first (bk-sops orders task lists by <c>-id</c>).</summary>
        public IEnumerable<SandboxTask> NewestFirst() => tasks.Values.OrderByDescending(t => t.Id);

        /// <summary>Writes the task's file (no-op in memory).</summary>
        public void Save(SandboxTask task) => Write(task, isNew: false);

        private void Write(SandboxTask task, bool isNew)
        {
            if (folder == null) return;
            byte[] content = FileContent(task);
            string target = Path.Combine(folder, task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json");
            lock (task.FileLock)
            {
                // Written whole to a temporary file, then renamed over the old one: a killed process leaves either file,
                // never half of one. No flush to disk: the promise is about the process, not about power loss.
                string temp = target + ".tmp-" + Guid.NewGuid().ToString("N");
                try
                {
                    using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
                        file.Write(content, 0, content.Length);
                    // A new task's id was never used, so its file cannot exist yet (one system call less per create).
                    if (!isNew && File.Exists(target)) File.Replace(temp, target, null);
                    else File.Move(temp, target);
                }
                catch
                {
                    TryDelete(temp);
                    throw;
                }
            }
        }

        // The task's fields, then its stored tree as it is kept (already JSON), then the execution state.
        private static byte[] FileContent(SandboxTask task)
        {
            string head = JsonWriter.Write(task.HeaderJson(), indented: false);
            string execution = task.ExecutionSnapshot == null ? "null" : JsonWriter.Write(task.ExecutionSnapshot, indented: false);
            var bytes = new MemoryStream(task.TreeJson.Length + head.Length + execution.Length + 64);
            Append(bytes, head.Substring(0, head.Length - 1) + ",\"pipeline_tree\":");
            bytes.Write(task.TreeJson, 0, task.TreeJson.Length);
            Append(bytes, ",\"execution\":" + execution + "}");
            return bytes.ToArray();
        }

        private static void Append(MemoryStream bytes, string text)
        {
            var encoded = Utf8.GetBytes(text);
            bytes.Write(encoded, 0, encoded.Length);
        }

        private void Load(string folder)
        {
            var problems = new List<string>();
            foreach (var temp in Directory.GetFiles(folder, "*.json.tmp-*")) TryDelete(temp); // a write a killed process never finished
            foreach (var file in Directory.GetFiles(folder, "*.json"))
            {
                try
                {
                    var task = SandboxTask.FromJson(JsonReader.Parse(File.ReadAllText(file, Utf8)) as JsonObject ?? throw new FormatException("not a JSON object"));
                    tasks[task.Id] = task;
                    if (task.Id > lastId) lastId = task.Id;
                }
                catch (Exception e) when (e is FormatException || e is BkSops.Serialization.PipelineInputException || e is IOException || e is UnauthorizedAccessException)
                {
                    problems.Add($"{Path.GetFileName(file)}: {e.Message}");
                }
            }
            LoadProblems = problems;
        }

        private static void TryDelete(string path)
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
