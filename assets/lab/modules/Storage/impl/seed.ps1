# The scenario seeder of the storage domain (storage.json); its work is in core/world/storage-seed.ps1. Registered
# here because core/world files load before the seeder registry (new-lab.ps1 imports the modules that register one).
Set-StrictMode -Version Latest

Register-LabScenarioSeeder -Name 'storage' -Order 10 -Body {
    param($Tx, $Data, $Context)
    foreach ($siteName in @($Data['sites'].Keys)) {
        $spec = $Data['sites'][$siteName]
        $site = Get-LabTxSite $Tx $siteName
        $siteDir = Get-LabSiteDirByName $Tx.Info $siteName
        Add-LabSeedStorage $site $siteName $siteDir $spec $Context.NowMs
        Add-LabSeedShares $site $siteName $siteDir $spec
        Add-LabSeedDedup $site $spec $Context.NowMs
    }
}
