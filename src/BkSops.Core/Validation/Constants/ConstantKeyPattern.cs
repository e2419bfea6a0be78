
namespace BkSops.Validation.Constants
{
    /// <summary>
    /// The server's <c>KEY_PATTERN_RE.match</c> with <c>^(\$\{(?!_env_|_system\.)[a-zA-Z0-9_]+\})$</c>: <c>${</c>, one or
    /// more ASCII letters, digits or underscores not starting with <c>_env_</c>, <c>}</c>, and (as Python's <c>$</c>
    /// allows) at most one final newline.
    /// </summary>
    public static class ConstantKeyPattern
    {
        public const string Pattern = @"^(\$\{(?!_env_|_system\.)[a-zA-Z0-9_]+\})$";

        public static bool IsMatch(string key)
        {
            int end = key.Length > 0 && key[key.Length - 1] == '\n' ? key.Length - 1 : key.Length;
            if (end < 4 || key[0] != '$' || key[1] != '{' || key[end - 1] != '}') return false;
            for (int i = 2; i < end - 1; i++)
                if (!IsNameChar(key[i])) return false;
            return string.CompareOrdinal(key, 2, "_env_", 0, 5) != 0;
        }

        internal static bool IsNameChar(char c) =>
            c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
