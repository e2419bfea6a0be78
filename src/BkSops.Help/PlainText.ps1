# Markdown prose as plain text for Get-Help: inline markup removed, words wrapped.

$script:AbsoluteLink = [regex] '\[([^\]]+)\]\((https?://[^)]+)\)'
$script:RelativeLink = [regex] '\[([^\]]+)\]\([^)]*\)'
$script:WhiteSpaceRun = [regex] '\s+'
$script:MamlWrap = [regex] '(.{1,72})(?: |\z)'

function ConvertTo-PlainInline([string] $Text, [switch] $KeepCode) {
    # Links become their text (plus the address when it is absolute), bold markers go; backticks stay only
    # with -KeepCode (MAML keeps them, as Microsoft's own help does; about_*.help.txt drops them).
    $plain = $script:RelativeLink.Replace($script:AbsoluteLink.Replace($Text, '$1 ($2)'), '$1').Replace('**', '')
    if (-not $KeepCode) { $plain = $plain.Replace('`', '') }
    $plain
}

function Format-WrappedText([string] $Text, [string] $Indent, [string] $HangingIndent, [int] $Width = 80) {
    # Word wrap: the first line starts with Indent, the others with HangingIndent; a word longer than a line
    # stays whole.
    $flat = [regex]::Replace($Text.Trim(), '\s+', ' ')
    $room = $Width - [Math]::Max($Indent.Length, $HangingIndent.Length)
    $wrapped = [regex]::Replace($flat, '(.{1,' + $room + '})(?: |\z)', "`$1`n").TrimEnd("`n")
    $Indent + $wrapped.Replace("`n", "`n" + $HangingIndent)
}
