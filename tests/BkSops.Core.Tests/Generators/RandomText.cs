using System;
using System.Text;

namespace BkSops.Core.Tests.Generators
{
    /// <summary>Random names, identifiers and condition expressions that the server accepts.</summary>
    public static class RandomText
    {
        private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        private const string IdentifierTail = Letters + "0123456789_";

        // Printable characters that survive the server's name standardising (which removes <>$&'").
        private const string NameChars =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.:/()[]{}#@!%*+=,;?~|^`\\" +
            "éüßøñ任务节点执行检查部署发布备份回滚通知审批";

        /// <summary>Characters the server strips from names (spec 2.2).</summary>
        public const string StrippedNameChars = "<>$&'\"";

        /// <summary>
        /// A node or constant name of 1 to <paramref name="maxLength"/> characters (BMP only, so Python and .NET count alike).
        /// Sometimes mixes in characters the server strips, keeping at least one that it keeps.
        /// </summary>
        public static string Name(Random random, int maxLength = 50, double strippedCharChance = 0.15)
        {
            int length = 1 + random.Next(random.Next(4) == 0 ? maxLength : Math.Min(maxLength, 16));
            var sb = new StringBuilder(length);
            bool withStripped = random.NextDouble() < strippedCharChance && length > 1;
            for (int i = 0; i < length; i++)
            {
                if (withStripped && i > 0 && random.Next(4) == 0) sb.Append(StrippedNameChars[random.Next(StrippedNameChars.Length)]);
                else sb.Append(NameChars[random.Next(NameChars.Length)]);
            }
            return sb.ToString();
        }

        /// <summary>An identifier usable inside a constant key: ASCII letter or underscore, then letters, digits, underscores.</summary>
        public static string Identifier(Random random, int maxLength = 16)
        {
            while (true)
            {
                int length = 1 + random.Next(maxLength);
                var sb = new StringBuilder(length);
                sb.Append((Letters + "_")[random.Next(Letters.Length + 1)]);
                for (int i = 1; i < length; i++) sb.Append(IdentifierTail[random.Next(IdentifierTail.Length)]);
                string s = sb.ToString();
                if (!s.StartsWith("_env_", StringComparison.Ordinal) && !s.StartsWith("_system", StringComparison.Ordinal)) return s;
            }
        }

        /// <summary>A boolrule expression, optionally about the constant <paramref name="constantKey"/> (<c>${x}</c>).</summary>
        public static string Condition(Random random, string constantKey)
        {
            int pick = random.Next(constantKey == null ? 3 : 7);
            switch (pick)
            {
                case 0: return "1 == 1";
                case 1: return random.Next(100) + " > " + random.Next(100);
                case 2: return "\"a\" in (\"a\", \"b\")";
                case 3: return $"\"{constantKey}\" == \"{Identifier(random, 6)}\"";
                case 4: return $"{constantKey} >= {random.Next(10)}";
                case 5: return $"{constantKey} notin ({random.Next(5)}, {random.Next(5)})";
                default: return $"(\"{constantKey}\" != \"\") and ({random.Next(3)} < 5)";
            }
        }
    }
}
