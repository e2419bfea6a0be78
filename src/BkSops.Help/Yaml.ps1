# The small YAML subset PlatyPS 1.0 writes in front matter and parameter blocks: `Key: scalar`, `Key: []`,
# `Key: [a, b]`, block lists of scalars (`- a`) and block lists of maps (`- Name: x` then indented `Key: v`).

function ConvertFrom-YamlScalar([string] $Text) {
    $value = $Text.Trim()
    if ($value.Length -ge 2 -and $value.StartsWith("'") -and $value.EndsWith("'")) {
        return $value.Substring(1, $value.Length - 2).Replace("''", "'")
    }
    if ($value.Length -ge 2 -and $value.StartsWith('"') -and $value.EndsWith('"')) {
        return $value.Substring(1, $value.Length - 2).Replace('\"', '"').Replace('\\', '\')
    }
    $value
}

function ConvertTo-YamlScalar($Value) {
    if ($null -eq $Value) { return "''" }
    if ($Value -is [bool]) { if ($Value) { return 'true' } else { return 'false' } }
    $text = [string] $Value
    $plain = $text.Length -gt 0 -and
        $text -match '^[A-Za-z0-9_(./\\$][^#]*$' -and
        $text -notmatch ': |:$|\s$|^\s' -and
        $text -cnotmatch '^(true|false|null|yes|no|on|off|~)$'
    if ($plain) { return $text }
    "'" + $text.Replace("'", "''") + "'"
}

function ConvertFrom-YamlFlowList([string] $Text) {
    $inner = $Text.Trim()
    $inner = $inner.Substring(1, $inner.Length - 2).Trim()
    $list = [System.Collections.Generic.List[object]]::new()
    if ($inner.Length -eq 0) { return , $list }
    foreach ($part in $inner.Split(',')) { $list.Add((ConvertFrom-YamlScalar $part)) }
    , $list
}

function ConvertFrom-HelpYaml([string] $Text) {
    # Values are strings ('true', 'Named', ...); lists are List[object] of strings or ordered maps.
    $result = [ordered]@{}
    $key = $null
    $list = $null
    $item = $null
    foreach ($line in $Text.Split("`n")) {
        if ($line -match '^(?<key>[^\s#-][^:]*):[ \t]*(?<value>.*?)\s*$') {
            $key = $Matches['key'].Trim()
            $value = $Matches['value']
            $item = $null
            $list = $null
            if ($value.Length -eq 0) {
                $list = [System.Collections.Generic.List[object]]::new()
                $result[$key] = $list
            }
            elseif ($value -eq '[]') { $result[$key] = [System.Collections.Generic.List[object]]::new() }
            elseif ($value -eq "''") { $result[$key] = '' }
            elseif ($value.StartsWith('[') -and $value.EndsWith(']')) { $result[$key] = ConvertFrom-YamlFlowList $value }
            elseif ($value.StartsWith("'") -or $value.StartsWith('"')) { $result[$key] = ConvertFrom-YamlScalar $value }
            else { $result[$key] = $value }
            continue
        }
        if ($null -eq $list) { continue }
        if ($line -match '^\s*-\s+(?<key>[^:\s][^:]*):[ \t]*(?<value>.*?)\s*$') {
            $item = [ordered]@{}
            $value = $Matches['value']
            if ($value.StartsWith("'") -or $value.StartsWith('"')) { $value = ConvertFrom-YamlScalar $value }
            $item[$Matches['key'].Trim()] = $value
            $list.Add($item)
        }
        elseif ($line -match '^\s*-\s*(?<value>.*?)\s*$') {
            $item = $null
            $value = $Matches['value']
            if ($value.StartsWith("'") -or $value.StartsWith('"')) { $value = ConvertFrom-YamlScalar $value }
            $list.Add($value)
        }
        elseif ($null -ne $item -and $line -match '^\s+(?<key>[^:\s][^:]*):[ \t]*(?<value>.*?)\s*$') {
            $value = $Matches['value']
            if ($value.StartsWith("'") -or $value.StartsWith('"')) { $value = ConvertFrom-YamlScalar $value }
            $item[$Matches['key'].Trim()] = $value
        }
    }
    $result
}
