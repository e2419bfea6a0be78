using System.Management.Automation;

namespace BkSops.Commands
{
    /// <summary>
    /// A mandatory parameter's value. The binder sets it before the cmdlet runs, so the property is declared nullable
    /// (it is null until then, and in the parameter sets that do not have it) and read through here where it must be set.
    /// </summary>
    internal static class Mandatory
    {
        public static T Value<T>(T? value, string parameter) where T : class =>
            value ?? throw new PSArgumentNullException(parameter, $"-{parameter} was not given a value.");
    }
}
