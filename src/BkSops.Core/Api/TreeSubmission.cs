using System.Collections.Generic;
using BkSops.Validation;

namespace BkSops.Api
{
    /// <summary>A tree made ready for fast_create_task: the JSON to send, or the verdict that keeps it from being sent.</summary>
    public sealed class TreeSubmission
    {
        internal TreeSubmission(byte[]? treeJson, ValidationResult? rejection, IReadOnlyList<string>? notes, bool fromCache)
        {
            TreeJson = treeJson;
            Rejection = rejection;
            Notes = notes;
            FromCache = fromCache;
        }

        /// <summary>The tree to send as compact UTF-8 JSON (written once, sent as it is); null when rejected.</summary>
        public byte[]? TreeJson { get; }

        /// <summary>The verdict on the repaired tree when the server would refuse it (nothing is sent); null when accepted.</summary>
        public ValidationResult? Rejection { get; }

        public bool IsAccepted => Rejection == null;

        /// <summary>What repair changed and the checks' warnings, one line each (only when asked to describe; else null).</summary>
        public IReadOnlyList<string>? Notes { get; }

        /// <summary>True when the verdict came from an earlier check of a tree with exactly the same content.</summary>
        public bool FromCache { get; }
    }
}
