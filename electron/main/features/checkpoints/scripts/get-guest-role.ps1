<#
  The guest's role as its integration services report it (KVP GuestIntrinsicExchangeItems):
  ProductType 1 workstation, 2 domain controller, 3 server. Null when the guest reports nothing
  (VM off, integration services disabled, not Windows). The VM's state goes with it.
#>
param(
    [Parameter(Mandatory = $true)][string]$VMId
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$inv = [System.Globalization.CultureInfo]::InvariantCulture
$vm = Get-VM -Id ([guid]$VMId)
# The state tells main whether an empty report means "not a DC" (running) or "cannot tell" (off, saved).
$result = [ordered]@{ vmName = [string]$vm.Name; vmState = [string]$vm.State; productType = $null; osName = $null; fqdn = $null }

# $vm.Id is a [guid]: the filter text can hold nothing but a GUID. A host that cannot give guest data
# (no CIM access) is reported, not fatal: the user can still set the role by hand.
$kvp = @()
try {
    $kvp = @(Get-CimInstance -Namespace 'root\virtualization\v2' -ClassName 'Msvm_KvpExchangeComponent' -Filter ("SystemName='{0}'" -f $vm.Id.ToString()))
}
catch { Write-Warning ('Guest KVP data unavailable: ' + $_.Exception.Message) }
if ($kvp.Count -gt 0) {
    foreach ($item in @($kvp[0].GuestIntrinsicExchangeItems)) {
        if (-not $item) { continue }
        $doc = New-Object System.Xml.XmlDocument
        $doc.LoadXml([string]$item)
        $nameNode = $doc.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Name']/VALUE")
        $dataNode = $doc.SelectSingleNode("/INSTANCE/PROPERTY[@NAME='Data']/VALUE")
        if ($null -eq $nameNode -or $null -eq $dataNode) { continue }
        switch ($nameNode.InnerText) {
            'ProductType' { $n = 0; if ([int]::TryParse($dataNode.InnerText, [System.Globalization.NumberStyles]::Integer, $inv, [ref]$n)) { $result.productType = $n } }
            'OSName' { $result.osName = $dataNode.InnerText }
            'FullyQualifiedDomainName' { $result.fqdn = $dataNode.InnerText }
        }
    }
}
$result | ConvertTo-Json -Depth 3 -Compress
