using System;
using System.Text;
using BenchmarkDotNet.Loggers;

namespace BkSops.Benchmarks
{
    /// <summary>
    /// Keeps the console readable: passes on errors, the name of each benchmark as it starts, and the time
    /// left; BenchmarkDotNet's full log still goes to the artifacts folder.
    /// </summary>
    public sealed class ProgressLogger : ILogger
    {
        private readonly StringBuilder line = new StringBuilder();
        private bool lineIsError;

        public string Id => nameof(ProgressLogger);
        public int Priority => 0;

        public void Write(LogKind logKind, string text)
        {
            line.Append(text);
            lineIsError |= logKind == LogKind.Error;
        }

        public void WriteLine() => Flush();

        public void WriteLine(LogKind logKind, string text)
        {
            Write(logKind, text);
            Flush();
        }

        public void Flush()
        {
            string text = line.ToString();
            bool error = lineIsError;
            line.Clear();
            lineIsError = false;
            if (error && text.Trim().Length > 0) Console.Error.WriteLine(text);
            else if (text.StartsWith("// Benchmark: ", StringComparison.Ordinal)) Console.WriteLine(text.Substring(3));
            else if (text.StartsWith("// ** Remained ", StringComparison.Ordinal)) Console.WriteLine("   " + text.Substring(6).TrimEnd('*', ' '));
        }
    }
}
