# The module ships only what runs (issue #14, item 5): every assembly in it is the root module or is referenced by
# an assembly of the module. The C# compiler records a reference only when code uses the assembly, so a package
# reference nothing uses any more (as Newtonsoft.Json was before the client used it) fails here until it is removed.

BeforeAll {
    $script:ModuleFolder = Split-Path $env:BKSOPS_TEST_MODULE

    function Get-AssemblyReference([string] $Path) {
        # Metadata only: the assembly is not loaded into this process.
        $stream = [IO.File]::OpenRead($Path)
        try {
            $md = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([Reflection.PortableExecutable.PEReader]::new($stream))
            foreach ($h in $md.AssemblyReferences) { $md.GetString($md.GetAssemblyReference($h).Name) }
        }
        finally { $stream.Dispose() }
    }
}

Describe 'The staged module' {
    It 'ships no assembly that none of its assemblies uses' {
        $shipped = @(Get-ChildItem $ModuleFolder -Recurse -Filter *.dll)
        $shipped.Count | Should -BeGreaterThan 1
        $used = @($shipped | ForEach-Object { Get-AssemblyReference $_.FullName }) + 'BkSops'  # BkSops.dll: the root module
        $unused = @($shipped | Where-Object { $used -notcontains $_.BaseName } | ForEach-Object { $_.FullName.Substring($ModuleFolder.Length + 1) })
        $unused | Should -BeNullOrEmpty -Because 'a dll nothing references is dead weight in every install'
    }

    It 'ships Newtonsoft.Json because BkSops.Core uses it (the client reads the API''s answers with it)' {
        Get-AssemblyReference (Join-Path $ModuleFolder 'BkSops.Core.dll') | Should -Contain 'Newtonsoft.Json'
        Join-Path $ModuleFolder 'Newtonsoft.Json.dll' | Should -Exist
    }
}
