using BkSops.Json;
using BkSops.Validation.Python;

namespace BkSops.Validation.Names
{
    /// <summary>The diagnostics of the name step (spec 2.2).</summary>
    public static class NameRules
    {

        public static Diagnostic NotString(JsonNode name, string place, string path, string? nodeId, bool entryKeyedName = false)
        {
            string type = name.PythonTypeName;
            string why = entryKeyedName
                ? $"{MessageText.Capitalize(place)} has an entry keyed 'name'; the server takes the 'name' member of every top-level dictionary for that dictionary's own name and fails because the entry is {Article(type)} {type}, not text."
                : $"The name of {place} is {Article(type)} {type} value ({Shorten(PythonRepr.Repr(name))}), not text; the server cleans every name with a text function before anything else and fails on it.";
            return new Diagnostic
            {
                RuleName = Rules.NameNotString.Name,
                Severity = Severity.Error,
                NodeId = nodeId,
                Path = path,
                Message = why,
                Hint = entryKeyedName
                    ? "Do not use 'name' as an id or key inside a top-level dictionary; rename that entry."
                    : "Give every node, flow and constant a string name (use \"\" for an unnamed event or gateway).",
            }.InvalidTree($"expected string or bytes-like object, got '{type}'");
        }

        public static Diagnostic WillBeStripped(string original, string stripped, string place, string path, string? nodeId) => new Diagnostic
        {
            RuleName = Rules.NameWillBeStripped.Name,
            Severity = Severity.Warning,
            NodeId = nodeId,
            Path = path,
            Message = $"The name of {place} contains characters the server removes ({NameStandardizer.RemovedCharacters}): \"{Shorten(original)}\" will be stored as \"{Shorten(stripped)}\".",
            Hint = "Remove the characters < > $ & ' \" from names so the task shows the name you wrote.",
        };

        public static Diagnostic WillBeTruncated(string before, string after, string place, string path, string? nodeId) => new Diagnostic
        {
            RuleName = Rules.NameWillBeTruncated.Name,
            Severity = Severity.Warning,
            NodeId = nodeId,
            Path = path,
            Message = $"The name of {place} is {PythonText.Length(before)} characters long; the server cuts names to {NameStandardizer.NodeNameMaxLength} characters, so it will be stored as \"{after}\".",
            Hint = $"Shorten the name to at most {NameStandardizer.NodeNameMaxLength} characters.",
        };

        internal static string Shorten(string text) => text.Length <= 80 ? text : PythonText.Prefix(text, 77) + "...";


        private static string Article(string word) => "aeiou".IndexOf(word[0]) >= 0 ? "an" : "a";
    }
}
