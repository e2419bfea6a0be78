# What the compiled cmdlet says about itself: parameter sets, syntax, parameter metadata, pipeline input
# types and output types. This is the "generated" half of every cmdlet page.

$script:CommonParameterNames = @(
    'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction',
    'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer',
    'PipelineVariable', 'UseTransaction'
)
$script:AllSetsName = '(All)'

function Get-HelpTypeName([type] $Type) {
    # Full names as PlatyPS writes them; generics as Name[Arg, Arg] instead of the CLR's backtick form.
    if ($Type.IsArray) { return (Get-HelpTypeName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) {
        $definition = $Type.GetGenericTypeDefinition().FullName
        $definition = $definition.Substring(0, $definition.IndexOf('`'))
        $arguments = @()
        foreach ($argument in $Type.GetGenericArguments()) { $arguments += Get-HelpTypeName $argument }
        return $definition.Replace('+', '.') + '[' + ($arguments -join ', ') + ']'
    }
    $Type.FullName.Replace('+', '.')
}

function Test-CommonParameter([string] $Name) {
    $script:CommonParameterNames -contains $Name
}

function Get-OrderedParameterSetName($Command) {
    # Default set first, then the others as the cmdlet declares them.
    $names = [System.Collections.Generic.List[string]]::new()
    $default = $Command.DefaultParameterSet
    foreach ($set in $Command.ParameterSets) { if ($set.Name -eq $default) { $names.Add($set.Name) } }
    foreach ($set in $Command.ParameterSets) { if ($set.Name -ne $default) { $names.Add($set.Name) } }
    , $names
}

function Format-SyntaxLine([string] $Text, [int] $Width = 100) {
    # Wraps a syntax line before a parameter token, continuation lines start with one space (as PlatyPS does).
    $tokens = [regex]::Split($Text, ' (?=\[|-)')
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ''
    foreach ($token in $tokens) {
        if ($line.Length -eq 0) { $line = $token; continue }
        if ($line.Length + 1 + $token.Length -gt $Width) {
            $lines.Add($line)
            $line = ' ' + $token
        }
        else { $line = $line + ' ' + $token }
    }
    if ($line.Length -gt 0) { $lines.Add($line) }
    $lines -join "`n"
}

function Get-ParameterDefaultValue($Instance, $Parameter) {
    if ($Parameter.SwitchParameter) { return 'False' }
    if ($null -eq $Instance) { return $null }
    $property = $Instance.GetType().GetProperty($Parameter.Name)
    if ($null -eq $property -or -not $property.CanRead) { return $null }
    try { $value = $property.GetValue($Instance, $null) } catch { return $null }
    if ($null -eq $value) { return $null }
    if ($value -is [Array]) {
        if ($value.Length -eq 0) { return $null }
        return ($value -join ', ')
    }
    [string] $value
}

function New-CmdletInstance($Command) {
    $type = $null
    if ($Command.PSObject.Properties['ImplementingType']) { $type = $Command.ImplementingType }
    if ($null -eq $type) { return $null }
    try { return [Activator]::CreateInstance($type) } catch { return $null }
}

function Get-CommandParameterMetadata($Command) {
    $setOrder = Get-OrderedParameterSetName $Command
    $instance = New-CmdletInstance $Command
    $parameters = [System.Collections.Generic.List[object]]::new()
    foreach ($parameter in $Command.Parameters.Values) {
        if (Test-CommonParameter $parameter.Name) { continue }
        $wildcards = $false
        $dontShow = $false
        $accepted = [System.Collections.Generic.List[string]]::new()
        foreach ($attribute in $parameter.Attributes) {
            if ($attribute -is [System.Management.Automation.SupportsWildcardsAttribute]) { $wildcards = $true }
            elseif ($attribute -is [System.Management.Automation.ValidateSetAttribute]) {
                foreach ($v in $attribute.ValidValues) { if (-not $accepted.Contains($v)) { $accepted.Add($v) } }
            }
            elseif ($attribute -is [System.Management.Automation.ParameterAttribute]) {
                if ($attribute.PSObject.Properties['DontShow'] -and $attribute.DontShow) { $dontShow = $true }
            }
        }
        $type = $parameter.ParameterType
        $valueType = $type
        if ($valueType.IsArray) { $valueType = $valueType.GetElementType() }
        if ($null -ne [Nullable]::GetUnderlyingType($valueType)) { $valueType = [Nullable]::GetUnderlyingType($valueType) }
        if ($accepted.Count -eq 0 -and $valueType.IsEnum) { foreach ($v in [Enum]::GetNames($valueType)) { $accepted.Add($v) } }

        $sets = [System.Collections.Generic.List[object]]::new()
        $helpMessage = ''
        $names = [System.Collections.Generic.List[string]]::new()
        if ($parameter.ParameterSets.ContainsKey('__AllParameterSets')) { $names.Add('__AllParameterSets') }
        foreach ($name in $setOrder) { if ($parameter.ParameterSets.ContainsKey($name) -and -not $names.Contains($name)) { $names.Add($name) } }
        foreach ($name in $parameter.ParameterSets.Keys) { if (-not $names.Contains($name)) { $names.Add($name) } }
        foreach ($name in $names) {
            $set = $parameter.ParameterSets[$name]
            $position = 'Named'
            if ($set.Position -ge 0) { $position = [string] $set.Position }
            if ($set.HelpMessage) { $helpMessage = $set.HelpMessage }
            $display = $name
            if ($name -eq '__AllParameterSets') { $display = $script:AllSetsName }
            $sets.Add([pscustomobject]@{
                    Name                            = $display
                    Position                        = $position
                    IsRequired                      = [bool] $set.IsMandatory
                    ValueFromPipeline               = [bool] $set.ValueFromPipeline
                    ValueFromPipelineByPropertyName = [bool] $set.ValueFromPipelineByPropertyName
                    ValueFromRemainingArguments     = [bool] $set.ValueFromRemainingArguments
                })
        }
        $parameters.Add([pscustomobject]@{
                Name              = $parameter.Name
                Type              = Get-HelpTypeName $type
                DefaultValue      = Get-ParameterDefaultValue $instance $parameter
                SupportsWildcards = $wildcards
                Aliases           = @($parameter.Aliases)
                ParameterSets     = $sets
                DontShow          = $dontShow
                AcceptedValues    = @($accepted)
                HelpMessage       = $helpMessage
            })
    }
    $sorted = [System.Collections.Generic.List[object]]::new()
    foreach ($p in ($parameters | Sort-Object -Property Name)) { $sorted.Add($p) }
    , $sorted
}

function Get-CommandSyntaxMetadata($Command) {
    $syntax = [System.Collections.Generic.List[object]]::new()
    $default = $Command.DefaultParameterSet
    foreach ($name in (Get-OrderedParameterSetName $Command)) {
        foreach ($set in $Command.ParameterSets) {
            if ($set.Name -ne $name) { continue }
            $syntax.Add([pscustomobject]@{
                    SetName   = $set.Name
                    IsDefault = ($set.Name -eq $default -or $set.IsDefault) -and $set.Name -ne '__AllParameterSets'
                    Text      = Format-SyntaxLine ($Command.Name + ' ' + $set.ToString())
                })
        }
    }
    , $syntax
}

function Get-CommandPipelineTypeName($Command) {
    $types = [System.Collections.Generic.List[string]]::new()
    foreach ($byValue in $true, $false) {
        foreach ($parameter in $Command.Parameters.Values) {
            if (Test-CommonParameter $parameter.Name) { continue }
            foreach ($set in $parameter.ParameterSets.Values) {
                $bound = $set.ValueFromPipelineByPropertyName
                if ($byValue) { $bound = $set.ValueFromPipeline }
                $name = Get-HelpTypeName $parameter.ParameterType
                if ($bound -and -not $types.Contains($name)) { $types.Add($name) }
            }
        }
    }
    , $types
}

function Get-CommandOutputTypeName($Command) {
    $types = [System.Collections.Generic.List[string]]::new()
    foreach ($output in $Command.OutputType) {
        $name = $output.Name
        if ($null -ne $output.Type) { $name = Get-HelpTypeName $output.Type }
        if (-not $types.Contains($name)) { $types.Add($name) }
    }
    , $types
}

function Get-CommandHelpMetadata($Command) {
    $aliases = [System.Collections.Generic.List[string]]::new()
    if ($null -ne $Command.Module) {
        foreach ($alias in $Command.Module.ExportedAliases.Values) {
            if ($alias.Definition -eq $Command.Name) { $aliases.Add($alias.Name) }
        }
    }
    $helpUri = ''
    if ($Command.PSObject.Properties['HelpUri'] -and $Command.HelpUri) { $helpUri = $Command.HelpUri }
    [pscustomobject]@{
        Name       = $Command.Name
        ModuleName = $Command.ModuleName
        HelpUri    = $helpUri
        Syntax     = Get-CommandSyntaxMetadata $Command
        Parameters = Get-CommandParameterMetadata $Command
        Inputs     = Get-CommandPipelineTypeName $Command
        Outputs    = Get-CommandOutputTypeName $Command
        Aliases    = $aliases
    }
}
