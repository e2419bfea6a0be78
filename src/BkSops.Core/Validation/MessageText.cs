
namespace BkSops.Validation
{
    /// <summary>Small text helpers shared by the diagnostics' messages.</summary>
    internal static class MessageText
    {
        /// <summary>The text with its first character in upper case, for a description that starts a sentence.</summary>
        public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
