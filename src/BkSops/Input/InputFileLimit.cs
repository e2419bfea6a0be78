using System;
using System.Management.Automation;
using BkSops.Serialization;

namespace BkSops.Commands.Input
{
    /// <summary>How the cmdlets read tree files: the size limit (<c>$BkSopsMaxInputBytes</c>) and the category of each reading error.</summary>
    internal static class InputFileLimit
    {
        public const string VariableName = "BkSopsMaxInputBytes";

        /// <summary>The largest file read: <c>$BkSopsMaxInputBytes</c> as the caller sees it when set, else 256 MiB.</summary>
        public static long MaxBytes(PSCmdlet cmdlet)
        {
            try
            {
                return MaxBytes(cmdlet.SessionState);
            }
            catch (PipelineInputException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException(e.Message, e),
                    "BkSops.Input." + e.Reason, ErrorCategory.InvalidArgument, cmdlet.SessionState.PSVariable.GetValue(VariableName)));
                return 0;
            }
        }

        /// <summary>The same for code without a cmdlet (an argument transformation); an invalid value throws InvalidMaxInputBytes.</summary>
        public static long MaxBytes(SessionState state)
        {
            object value = state.PSVariable.GetValue(VariableName);
            if (value is PSObject pso) value = pso.BaseObject;
            if (value == null) return InputFile.DefaultMaxBytes;
            try
            {
                long limit = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                if (limit > 0) return limit;
            }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException) { }
            throw new PipelineInputException(PipelineInputReason.InvalidMaxInputBytes, $"${VariableName} must be a positive number of bytes, but it is '{value}'.");
        }

        /// <summary>The error category for a <see cref="PipelineInputException.Reason"/>.</summary>
        public static ErrorCategory Category(PipelineInputReason reason)
        {
            switch (reason)
            {
                case PipelineInputReason.Unreadable: return ErrorCategory.ReadError;
                case PipelineInputReason.FileNotFound: return ErrorCategory.ObjectNotFound;
                case PipelineInputReason.TooLarge: return ErrorCategory.LimitsExceeded;
                case PipelineInputReason.NotAFile:
                case PipelineInputReason.IsDirectory:
                case PipelineInputReason.NotJsonOrFile:
                case PipelineInputReason.InvalidMaxInputBytes:
                    return ErrorCategory.InvalidArgument;
                default: return ErrorCategory.InvalidData;
            }
        }
    }
}
