using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using BkSops.Commands.Input;
using BkSops.Model;
using BkSops.Serialization;

namespace BkSops.Commands
{
    /// <summary>
    /// The input parameters shared by the cmdlets that read trees: <c>-Path</c> (wildcards), <c>-LiteralPath</c>,
    /// <c>-Json</c>, and <c>-InputObject</c> from the pipeline (tree objects, JSON text, files and paths, ConvertFrom-Json
    /// objects, hashtables, request bodies). Each input that cannot be read, and each path that names no file, is a
    /// non-terminating error; the others go on. The input properties are virtual so that a cmdlet can add them to
    /// parameter sets of its own (Test-BkSopsPipeline's -Detailed sets).
    /// </summary>
    public abstract class TreeInputCommandBase : PSCmdlet
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";
        protected const string JsonSet = "Json";
        protected const string InputObjectSet = "InputObject";

        /// <summary>Files to read; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public virtual string[]? Path { get; set; }

        /// <summary>Files to read, taken literally (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public virtual string[]? LiteralPath { get; set; }

        /// <summary>The tree (or a fast_create_task request body) as JSON text; several strings (lines) are joined.</summary>
        [Parameter(Mandatory = true, ParameterSetName = JsonSet)]
        [ValidateNotNullOrEmpty]
        public virtual string[]? Json { get; set; }

        /// <summary>A tree object, JSON text, a file or path, or an object from ConvertFrom-Json or a hashtable.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [AllowNull]
        public virtual object? InputObject { get; set; }

        /// <summary>Called once per tree that could be read.</summary>
        protected abstract void ProcessTree(PipelineTree tree);

        /// <summary>The input set (Path, LiteralPath, Json or InputObject) of the set that was bound.</summary>
        protected string InputSet =>
            ParameterSetName.StartsWith(LiteralPathSet, StringComparison.Ordinal) ? LiteralPathSet
            : ParameterSetName.StartsWith(PathSet, StringComparison.Ordinal) ? PathSet
            : ParameterSetName.StartsWith(JsonSet, StringComparison.Ordinal) ? JsonSet
            : InputObjectSet;

        protected override void ProcessRecord()
        {
            switch (InputSet)
            {
                case PathSet:
                    foreach (var path in Mandatory.Value(Path, nameof(Path))) ReadPattern(path);
                    break;
                case LiteralPathSet:
                    foreach (var path in Mandatory.Value(LiteralPath, nameof(LiteralPath))) ReadLiteral(path);
                    break;
                case JsonSet:
                    string json = string.Join("\n", Mandatory.Value(Json, nameof(Json)));
                    Handle(() => PipelineReader.Parse(json, "JSON text"), json);
                    break;
                default:
                    string? file = TreeInput.FileNamedBy(InputObject, SessionState.Path);
                    if (file != null) Handle(() => TreeInput.FromFile(file, InputFileLimit.MaxBytes(this)), file);
                    else Handle(() => TreeInput.From(InputObject, SessionState.Path, InputFileLimit.MaxBytes(this)), InputObject);
                    break;
            }
        }

        private void ReadPattern(string path)
        {
            Collection<string> files;
            try
            {
                files = GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name != "FileSystem")
                {
                    WriteNotFound(path, $"'{path}' is not a file system path.");
                    return;
                }
            }
            catch (ItemNotFoundException e)
            {
                WriteNotFound(path, e.Message);
                return;
            }
            catch (DriveNotFoundException e)
            {
                WriteNotFound(path, e.Message);
                return;
            }
            if (files.Count == 0)
            {
                string message = $"No file matches '{path}'.";
                if (path.IndexOfAny(new[] { '[', ']' }) >= 0)
                    message += " -Path reads '[' and ']' as a wildcard range; to read a file whose name holds them, use -LiteralPath.";
                WriteNotFound(path, message);
                return;
            }
            foreach (string file in files) Handle(() => TreeInput.FromFile(file, InputFileLimit.MaxBytes(this)), file);
        }

        private void ReadLiteral(string path)
        {
            string full;
            try
            {
                full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is DriveNotFoundException || e is ProviderNotFoundException
                || e is NotSupportedException || e is ArgumentException)
            {
                WriteNotFound(path, e.Message);
                return;
            }
            if (!System.IO.File.Exists(full) && !System.IO.Directory.Exists(full))
            {
                WriteNotFound(path, $"Cannot find the file '{path}' because it does not exist.");
                return;
            }
            Handle(() => TreeInput.FromFile(full, InputFileLimit.MaxBytes(this)), full);
        }

        private void WriteNotFound(string path, string message) =>
            WriteError(new ErrorRecord(new ItemNotFoundException(message), "BkSops.Input.FileNotFound", ErrorCategory.ObjectNotFound, path));

        private void Handle(Func<PipelineTree> read, object? target)
        {
            PipelineTree tree;
            try
            {
                tree = read();
            }
            catch (PipelineInputException e)
            {
                WriteError(new ErrorRecord(e, "BkSops.Input." + e.Reason, InputFileLimit.Category(e.Reason), target));
                return;
            }
            catch (ArgumentException e)
            {
                WriteError(new ErrorRecord(e, "BkSops.Input.Unconvertible", ErrorCategory.InvalidData, target));
                return;
            }
            foreach (var warning in tree.ReadWarnings) WriteWarning(warning.Message);
            ProcessTree(tree);
        }

    }
}
