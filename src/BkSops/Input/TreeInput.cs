using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using BkSops.Json;
using BkSops.Model;
using BkSops.Serialization;

namespace BkSops.Commands.Input
{
    /// <summary>
    /// Turns anything a cmdlet accepts as a tree into a <see cref="PipelineTree"/>: a tree object, JSON text, a file
    /// (a path string, FileInfo, PathInfo, or an object whose Path/FullName/PSPath names a file), a ConvertFrom-Json
    /// object or a hashtable.
    /// </summary>
    internal static class TreeInput
    {
        private static readonly string[] PathProperties = { "FullName", "PSPath", "Path" };

        public static PipelineTree From(object? input, PathIntrinsics paths, long maxFileBytes, string? source = null)
        {
            string? file = FileNamedBy(input, paths);
            if (file != null) return FromFile(file, maxFileBytes);
            object? value = Unwrap(input);
            switch (value)
            {
                case PipelineTree tree: return tree;
                case string text:
                    if (IsJsonObjectText(text)) return PipelineReader.Parse(text, source ?? "JSON text");
                    throw NeitherJsonNorFile(text);
                case null:
                    throw new PipelineInputException(PipelineInputReason.NullInput, "The input is null; expected a pipeline tree, its JSON text, or an object from ConvertFrom-Json.");
                default:
                    if (value is IEnumerable && !(value is IDictionary) && !(value is PSObject))
                        throw new PipelineInputException(PipelineInputReason.NotAnObject,
                            "The input is a list; expected one pipeline tree. Pipe the items one by one (they are unrolled by the pipeline), or pass a single object.");
                    return PipelineReader.FromNode(ObjectToJson.Convert(value), source ?? Describe(value));
            }
        }

        /// <summary>
        /// The full file system path that a piped value names, or null when it is not a file reference: a FileInfo or
        /// DirectoryInfo, a PathInfo (Resolve-Path), a string that is not JSON text and names an existing file or folder,
        /// or an object with a FullName, PSPath or Path property naming one.
        /// </summary>
        public static string? FileNamedBy(object? input, PathIntrinsics paths)
        {
            object? value = Unwrap(input);
            switch (value)
            {
                case null:
                case PipelineTree _:
                case IDictionary _:
                    return null;
                case FileSystemInfo info:
                    return info.FullName;
                case PathInfo pathInfo:
                    return pathInfo.Provider.Name == "FileSystem" ? pathInfo.ProviderPath : null;
                case string text:
                    return IsJsonObjectText(text) ? null : ExistingPath(text, paths);
            }
            if (!(input is PSObject pso)) pso = PSObject.AsPSObject(value);
            foreach (string name in PathProperties)
            {
                if (Unwrap(pso.Properties[name]?.Value) is string path && !IsJsonObjectText(path))
                {
                    string? found = ExistingPath(path, paths);
                    if (found != null) return found;
                }
            }
            return null;
        }

        /// <summary>The one place a tree file is opened and read (at most <paramref name="maxBytes"/>, regular files only).</summary>
        public static PipelineTree FromFile(string file, long maxBytes)
        {
            if (Directory.Exists(file))
                throw new PipelineInputException(PipelineInputReason.IsDirectory, $"'{file}' is a folder; give a JSON file (for every tree in it: -Path '{System.IO.Path.Combine(file, "*.json")}').");
            if (!File.Exists(file))
                throw new PipelineInputException(PipelineInputReason.FileNotFound, $"Cannot find the file '{file}' because it does not exist.");
            return PipelineReader.ReadFile(file, maxBytes);
        }

        private static string? ExistingPath(string path, PathIntrinsics paths)
        {
            if (string.IsNullOrWhiteSpace(path)) return null;
            try
            {
                string full = paths.GetUnresolvedProviderPathFromPSPath(path);
                return File.Exists(full) || Directory.Exists(full) ? full : null;
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is ProviderNotFoundException
                || e is System.Management.Automation.DriveNotFoundException || e is PSInvalidOperationException || e is IOException)
            {
                return null;
            }
        }

        private static bool IsJsonObjectText(string text)
        {
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c) || c == '\uFEFF') continue;
                return c == '{';
            }
            return false;
        }

        private static PipelineInputException NeitherJsonNorFile(string text)
        {
            string trimmed = text.Trim();
            string shown = trimmed.Length > 60 ? trimmed.Substring(0, 57) + "..." : trimmed;
            string message = $"The string '{shown}' is neither the JSON text of a pipeline tree (which starts with '{{') nor the path of an existing file.";
            if (LooksLikeJsonLine(trimmed))
                message += " It looks like one line of a JSON document: Get-Content without -Raw sends a file line by line. " +
                    "Read it with Get-Content -Raw, or pipe or pass the file's path instead.";
            return new PipelineInputException(PipelineInputReason.NotJsonOrFile, message);
        }

        private static bool LooksLikeJsonLine(string trimmed) =>
            trimmed.Length > 0 && ("\"}][,:".IndexOf(trimmed[0]) >= 0 || "{[,".IndexOf(trimmed[trimmed.Length - 1]) >= 0);

        private static object? Unwrap(object? input) =>
            input is PSObject pso && !(pso.BaseObject is PSCustomObject) ? pso.BaseObject : input;

        private static string Describe(object value) =>
            value is IDictionary ? "hashtable" : value is PSObject ? "object" : value.GetType().Name;
    }

    /// <summary>Lets a parameter typed <see cref="PipelineTree"/> take JSON text, files, hashtables and ConvertFrom-Json objects.</summary>
    public sealed class PipelineTreeTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            try
            {
                return TreeInput.From(inputData, engineIntrinsics.SessionState.Path, InputFileLimit.MaxBytes(engineIntrinsics.SessionState));
            }
            catch (PipelineInputException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
    }
}
