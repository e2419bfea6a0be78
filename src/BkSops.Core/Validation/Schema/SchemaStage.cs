using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace BkSops.Validation.Schema
{
    /// <summary>
    /// Spec 2.4: <c>WEB_PIPELINE_SCHEMA</c> checked on the working copy (after names, defaults and the layout step).
    /// The server sorts all errors by <c>str(error)</c> and answers them in one message joined with ","; each error
    /// becomes its own diagnostic here, all carrying that one server message.
    /// </summary>
    public sealed class SchemaStage : IValidationStage
    {
        public void Run(ValidationContext context)
        {
            if (context.HasError) return;
            // Most trees pass: one walk without any bookkeeping tells, and only a failing tree is evaluated in full.
            if (context.Read(TreeReads.SchemaHolds)) return;
            var errors = SchemaEvaluator.Validate(WebPipelineSchema.Root, context.Work.ForReading);
            if (errors.Count == 0) return;
            var sorted = errors.OrderBy(e => e, ServerErrorOrder.Instance).ToList();
            string serverText = ServerText(sorted);
            foreach (var error in sorted)
                context.Report(SchemaRules.Describe(error, context.Work.ForReading).InvalidTree(serverText), error.Instance);
        }

        /// <summary>The text after the server's prefix for these (sorted) errors.</summary>
        public static string ServerText(IReadOnlyList<SchemaError> sorted)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < sorted.Count; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(sorted[i].ServerText);
            }
            return sb.ToString();
        }
    }
}
