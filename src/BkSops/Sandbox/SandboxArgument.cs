using System.Management.Automation;

namespace BkSops.Commands.Sandbox
{
    /// <summary>Lets a -Sandbox parameter take the object Start-BkSopsSandbox returned, also when it arrives wrapped.</summary>
    public sealed class SandboxTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject pso ? pso.BaseObject : inputData;
            if (value is SandboxInfo) return value;
            if (value == null) return inputData; // null stays null: the parameter's own checks answer it
            if (value is object[] array)
            {
                var list = new SandboxInfo[array.Length];
                for (int i = 0; i < array.Length; i++)
                    list[i] = (array[i] is PSObject p ? p.BaseObject : array[i]) as SandboxInfo
                              ?? throw new ArgumentTransformationMetadataException($"Item {i} is not a sandbox: pass the object Start-BkSopsSandbox returned.");
                return list;
            }
            throw new ArgumentTransformationMetadataException($"'{value}' is not a sandbox: pass the object Start-BkSopsSandbox returned.");
        }
    }
}
