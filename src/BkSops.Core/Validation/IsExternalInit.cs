#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    /// <summary>Lets the netstandard2.0 build declare <c>init</c> accessors (.NET 5 and later have the type).</summary>
    internal static class IsExternalInit { }
}
#endif
