using System.Collections;
using System.Management.Automation;
using BkSops.Model;
using BkSops.Serialization;

namespace BkSops.Commands.Input
{
    /// <summary>
    /// Takes what Import-BkSopsPipeline takes for New-BkSopsTask -Pipeline, but refuses objects that are not trees
    /// (a CSV row or a project object), so that the pipeline binds those by property name instead.
    /// </summary>
    public sealed class TaskTreeTransformationAttribute : ArgumentTransformationAttribute
    {
        private static readonly string[] TreeKeys = { "start_event", "end_event", "activities", "flows", "gateways", "pipeline_tree" };

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject pso && !(pso.BaseObject is PSCustomObject) ? pso.BaseObject : inputData;
            // A row piped in whole (Name, Pipeline, ...): its Pipeline is the tree; the other columns bind by name.
            object? carried = Carried(value);
            if (carried != null) return Transform(engineIntrinsics, carried);
            if (!(value is PipelineTree) && !(value is string) && !LooksLikeTree(value))
                throw new ArgumentTransformationMetadataException(
                    "The value is not a pipeline tree: it has none of start_event, end_event, activities, flows, gateways or pipeline_tree.");
            try
            {
                return TreeInput.From(inputData, engineIntrinsics.SessionState.Path, InputFileLimit.MaxBytes(engineIntrinsics.SessionState));
            }
            catch (PipelineInputException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
            catch (System.ArgumentException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }

        private static readonly string[] TreeProperties = { "Pipeline", "PipelineTree", "Tree" };

        private static object? Carried(object value)
        {
            if (LooksLikeTree(value)) return null;
            foreach (var name in TreeProperties)
            {
                if (value is IDictionary dict && dict.Contains(name)) return dict[name];
                if (value is PSObject pso && pso.Properties[name] != null) return pso.Properties[name].Value;
            }
            return null;
        }

        private static bool LooksLikeTree(object value)
        {
            if (value is IDictionary dict)
            {
                foreach (var key in TreeKeys) if (dict.Contains(key)) return true;
                return false;
            }
            if (value is PSObject pso)
            {
                foreach (var key in TreeKeys) if (pso.Properties[key] != null) return true;
                return false;
            }
            return false;
        }
    }
}
