using System;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using BkSops.Model;
using BkSops.Validation;
using Xunit;
using Xunit.Sdk;

namespace BkSops.Core.Tests.Properties
{
    /// <summary>
    /// Runs the validator the way the property tests need: on a thread with a 1 MB stack (the Windows default, so
    /// recursion that grows with the tree shows up here too), under a time bound, and checks that its answer is
    /// consistent with itself.
    /// </summary>
    internal static class ValidationHarness
    {
        public const int StackSize = 1024 * 1024;
        public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(30);

        /// <summary>Validates <paramref name="tree"/>; fails the test if the validator throws or does not answer within <paramref name="bound"/>.</summary>
        public static ValidationResult Validate(PipelineTree tree, ValidationOptions options = null, TimeSpan? bound = null, string context = null)
        {
            ValidationResult result = null;
            ExceptionDispatchInfo error = null;
            var thread = new Thread(() =>
            {
                try { result = new PipelineValidator().Validate(tree, options); }
                catch (Exception e) { error = ExceptionDispatchInfo.Capture(e); }
            }, StackSize)
            { IsBackground = true, Name = "validator under test" };
            var limit = bound ?? DefaultBound;
            thread.Start();
            if (!thread.Join(limit))
                throw new XunitException($"The validator did not answer within {limit.TotalSeconds:0} s{For(context)}.");
            if (error != null)
                throw new XunitException($"The validator threw {error.SourceException.GetType().Name}{For(context)}: {error.SourceException}");
            Assert.NotNull(result);
            return result;
        }

        /// <summary>IsValid agrees with the diagnostics; every Error names its rule and says what is wrong; the first Error carries the server's answer.</summary>
        public static void AssertConsistent(ValidationResult result, string context = null)
        {
            Assert.NotNull(result.Diagnostics);
            Assert.DoesNotContain(null, result.Diagnostics);
            var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            if (result.IsValid != (errors.Count == 0))
                throw new XunitException($"IsValid is {result.IsValid} but there are {errors.Count} Error diagnostics{For(context)}.");
            foreach (var e in errors)
            {
                if (string.IsNullOrWhiteSpace(e.RuleName)) throw new XunitException($"An Error has no RuleName{For(context)}: {e}");
                if (string.IsNullOrWhiteSpace(e.Message)) throw new XunitException($"Error {e.RuleName} has no Message{For(context)}.");
            }
            if (errors.Count > 0)
            {
                Assert.Same(errors[0], result.ServerVerdict);
                if (errors[0].ServerStatus == null)
                    throw new XunitException($"The first Error ({errors[0].RuleName}) has no ServerStatus{For(context)}: {errors[0].Message}");
            }
            // Errors come first (PipelineValidator sorts them before warnings and information).
            int firstNonError = result.Diagnostics.ToList().FindIndex(d => d.Severity != Severity.Error);
            if (firstNonError >= 0)
                Assert.True(result.Diagnostics.Skip(firstNonError).All(d => d.Severity != Severity.Error), "Errors are not sorted first" + For(context));
        }

        /// <summary>A readable list of the Errors, for failure messages.</summary>
        public static string Errors(ValidationResult result) =>
            string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == Severity.Error)
                .Select(d => $"  {d.RuleName} at {d.Path}: {d.Message} | server: {d.ServerMessage}"));

        private static string For(string context) => context == null ? "" : " for " + context;
    }
}
