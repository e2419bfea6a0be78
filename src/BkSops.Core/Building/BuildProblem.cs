using System.Collections.Generic;
using BkSops.Model;

namespace BkSops.Building
{
    /// <summary>Something in the input that keeps the builder from building the tree.</summary>
    public sealed class BuildProblem
    {
        public BuildProblem(string reason, string message, object? target = null)
        {
            Reason = reason;
            Message = message;
            Target = target;
        }

        /// <summary>A stable PascalCase reason, used in error ids (<c>BkSops.Input.&lt;Reason&gt;</c>).</summary>
        public string Reason { get; }

        public string Message { get; }

        /// <summary>The input the problem is about (a step object), or null.</summary>
        public object? Target { get; }

        public override string ToString() => $"{Reason}: {Message}";
    }

    /// <summary>The built tree (null when there are problems), the problems, and warnings about what the server will change.</summary>
    public sealed class BuildResult
    {
        internal BuildResult(PipelineTree? tree, IReadOnlyList<BuildProblem> problems, IReadOnlyList<string> warnings)
        {
            Tree = tree;
            Problems = problems;
            Warnings = warnings;
        }

        public PipelineTree? Tree { get; }
        public IReadOnlyList<BuildProblem> Problems { get; }
        public IReadOnlyList<string> Warnings { get; }
        public bool Succeeded => Tree != null;
    }

    /// <summary>Thrown by <see cref="PipelineBuilder.BuildOrThrow"/> when the input has problems.</summary>
    public sealed class PipelineBuildException : System.Exception
    {
        public PipelineBuildException(IReadOnlyList<BuildProblem> problems)
            : base(problems.Count == 1 ? problems[0].Message : $"{problems.Count} problems; the first: {problems[0].Message}")
        {
            Problems = problems;
        }

        public IReadOnlyList<BuildProblem> Problems { get; }
    }
}
