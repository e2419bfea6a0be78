using System.Management.Automation;
using BkSops.Building;
using BkSops.Commands.Formatting;

namespace BkSops.Commands
{
    [Cmdlet(VerbsCommon.New, "BkSopsGateway")]
    [OutputType(typeof(GatewayBlock))]
    public sealed class NewBkSopsGatewayCommand : PSCmdlet
    {
        /// <summary>Parallel (every branch runs), Exclusive (the first branch whose condition holds), or ConditionalParallel (every branch whose condition holds).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public GatewayKind Type { get => typeBox is GatewayKind k ? k : default(GatewayKind); set => typeBox = value; }

        // Boxed: an enum-typed field from another of our assemblies would make Import-Module load it while it reads
        // the cmdlets, before ModuleAssemblyLoader picks the BkSops.Core build (ModuleLoading.Tests.ps1 checks this).
        private object? typeBox;

        /// <summary>The branches: New-BkSopsBranch blocks; any other step or block written here is a branch of its own.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public ScriptBlock? Body { get; set; }

        /// <summary>The gateway's name (optional; the canvas leaves gateways unnamed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        protected override void EndProcessing()
        {
            var gateway = new GatewayBlock(Type) { Name = Name };
            foreach (var item in ScriptBlockItems.Read(this, Body, $"the {Type} gateway" + (Name != null ? $" '{Name}'" : "")))
            {
                if (item is BranchBlock branch) gateway.Branches.Add(branch);
                else
                {
                    var own = new BranchBlock();
                    own.Body.Items.Add(item);
                    gateway.Branches.Add(own);
                }
            }
            this.WriteViewed(gateway);
        }
    }
}
