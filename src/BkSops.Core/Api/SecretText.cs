using System;
using System.Runtime.InteropServices;
using System.Security;

namespace BkSops.Api
{
    /// <summary>Turns secrets into SecureStrings and back for the moment a request needs them.</summary>
    public static class SecretText
    {
        /// <summary>What every redacted secret reads as.</summary>
        public const string Redacted = "***";

        public static SecureString Protect(string? plain)
        {
            var secure = new SecureString();
            if (plain != null) foreach (char c in plain) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        /// <summary>The plain text of a secret; callers keep it only for the request being built.</summary>
        public static string? Reveal(SecureString? secure)
        {
            if (secure == null || secure.Length == 0) return secure == null ? null : "";
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(ptr, secure.Length);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
