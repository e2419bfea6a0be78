using System.Collections;
using System.Management.Automation;
using BkSops.Json;
using BkSops.Model;
using BkSops.Serialization;

namespace BkSops.Commands.Input
{
    /// <summary>Turns anything a cmdlet accepts as a tree (tree object, JSON text, ConvertFrom-Json object, hashtable) into a <see cref="PipelineTree"/>.</summary>
    internal static class TreeInput
    {
        public static PipelineTree From(object input, string source = null)
        {
            object value = input is PSObject pso && !(pso.BaseObject is PSCustomObject) ? pso.BaseObject : input;
            switch (value)
            {
                case PipelineTree tree: return tree;
                case string json: return PipelineReader.Parse(json, source ?? "JSON text");
                case null:
                    throw new PipelineInputException("NullInput", "The input is null; expected a pipeline tree, its JSON text, or an object from ConvertFrom-Json.");
                default:
                    if (value is IEnumerable && !(value is IDictionary) && !(value is PSObject))
                        throw new PipelineInputException("NotAnObject",
                            "The input is a list; expected one pipeline tree. Pipe the items one by one (they are unrolled by the pipeline), or pass a single object.");
                    return PipelineReader.FromNode(ObjectToJson.Convert(value), source ?? Describe(value));
            }
        }

        private static string Describe(object value) =>
            value is IDictionary ? "hashtable" : value is PSObject ? "object" : value.GetType().Name;
    }

    /// <summary>Lets a parameter typed <see cref="PipelineTree"/> take JSON text, hashtables and ConvertFrom-Json objects.</summary>
    public sealed class PipelineTreeTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            try
            {
                return TreeInput.From(inputData);
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
    }
}
