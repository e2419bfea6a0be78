using System;
using System.IO;
using System.Management.Automation;
using BkSops.Commands.Input;
using BkSops.Model;
using BkSops.Serialization;

namespace BkSops.Commands
{
    /// <summary>
    /// The input parameters shared by the cmdlets that read trees: <c>-Path</c> (wildcards), <c>-LiteralPath</c>,
    /// <c>-Json</c>, and <c>-InputObject</c> from the pipeline (tree objects, JSON text, ConvertFrom-Json objects, hashtables,
    /// request bodies). Each input that cannot be read is a non-terminating error; the others go on.
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
        public string[] Path { get; set; }

        /// <summary>Files to read, taken literally (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; }

        /// <summary>The tree (or a fast_create_task request body) as JSON text.</summary>
        [Parameter(Mandatory = true, ParameterSetName = JsonSet)]
        [ValidateNotNullOrEmpty]
        public string Json { get; set; }

        /// <summary>A tree object, JSON text, or an object from ConvertFrom-Json or a hashtable.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [AllowNull]
        public object InputObject { get; set; }

        /// <summary>Called once per tree that could be read.</summary>
        protected abstract void ProcessTree(PipelineTree tree);

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case PathSet:
                    foreach (var path in Path) ReadFiles(path, literal: false);
                    break;
                case LiteralPathSet:
                    foreach (var path in LiteralPath) ReadFiles(path, literal: true);
                    break;
                case JsonSet:
                    Handle(() => PipelineReader.Parse(Json, "JSON text"), Json);
                    break;
                default:
                    // Files piped from Get-ChildItem bind here (InputObject takes any object), so read them as files.
                    object value = InputObject is PSObject pso ? pso.BaseObject : InputObject;
                    if (value is FileInfo file) ReadFiles(file.FullName, literal: true);
                    else Handle(() => TreeInput.From(InputObject), InputObject);
                    break;
            }
        }

        private void ReadFiles(string path, bool literal)
        {
            System.Collections.ObjectModel.Collection<string> files;
            try
            {
                if (literal)
                {
                    string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                    if (!File.Exists(full)) throw new ItemNotFoundException($"Cannot find the file '{path}' because it does not exist.");
                    files = new System.Collections.ObjectModel.Collection<string> { full };
                }
                else
                {
                    files = GetResolvedProviderPathFromPSPath(path, out var provider);
                    if (provider.Name != "FileSystem")
                        throw new ItemNotFoundException($"'{path}' is not a file system path.");
                }
            }
            catch (ItemNotFoundException e)
            {
                WriteError(new ErrorRecord(e, "BkSops.Input.FileNotFound", ErrorCategory.ObjectNotFound, path));
                return;
            }
            foreach (string file in files)
            {
                if (Directory.Exists(file))
                {
                    WriteError(new ErrorRecord(new IOException($"'{file}' is a directory; give a JSON file."),
                        "BkSops.Input.IsDirectory", ErrorCategory.InvalidArgument, file));
                    continue;
                }
                Handle(() => PipelineReader.ReadFile(file, InputFileLimit.MaxBytes(this)), file);
            }
        }

        private void Handle(Func<PipelineTree> read, object target)
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
