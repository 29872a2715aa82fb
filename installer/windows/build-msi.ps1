# Builds the Madoguchi MSI on a Windows build machine.
#
# Needs: JDK 17 (full, with jlink and jpackage) on PATH or in JAVA_HOME, Maven 3.8+, WiX Toolset 3.11+
# (candle.exe and light.exe on PATH; jpackage 17 supports WiX 3 only).
# Run from the repository root:   powershell -ExecutionPolicy Bypass -File installer\windows\build-msi.ps1
# Output: installer\target\jpackage\dist\madoguchi-0.1.0.msi
$ErrorActionPreference = 'Stop'
$root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $root

foreach ($tool in 'candle.exe', 'light.exe') {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) { throw "$tool not found: install WiX Toolset 3.11+ and add its bin folder to PATH" }
}
$java = if ($env:JAVA_HOME) { Join-Path $env:JAVA_HOME 'bin' } else { Split-Path (Get-Command java).Source }

# 1. Every module and the jpackage input (all runtime jars, JavaFX's Windows jars included).
mvn -B -q -DskipTests package
if ($LASTEXITCODE -ne 0) { throw 'maven build failed' }
mvn -B -q -DskipTests -pl installer dependency:copy-dependencies "-DoutputDirectory=target/jpackage/input" -DincludeScope=runtime
if ($LASTEXITCODE -ne 0) { throw 'copying the runtime jars failed' }
Copy-Item common\src\main\resources\jp\madoguchi\common\madoguchi-defaults.properties installer\target\jpackage\input\madoguchi.properties.example

# 2. The runtime: the same module list as Linux (jp.madoguchi.app.selfcheck.RuntimeModules.REQUIRED).
$modules = (Select-String -Path app\src\main\java\jp\madoguchi\app\selfcheck\RuntimeModules.java -Pattern '"(java|jdk)\.[a-z.]+"' -AllMatches).Matches |
    ForEach-Object { $_.Value.Trim('"') }
$runtime = 'installer\target\jpackage\runtime'
if (Test-Path $runtime) { Remove-Item -Recurse -Force $runtime }
& "$java\jlink.exe" --add-modules ($modules -join ',') --strip-debug --no-header-files --no-man-pages --compress=2 --output $runtime
if ($LASTEXITCODE -ne 0) { throw 'jlink failed' }

# 3. The MSI: per-machine (Program Files), Start-menu entry, upgrade code fixed for in-place upgrades.
& "$java\jpackage.exe" --type msi --name Madoguchi --app-version 0.1.0 --vendor Madoguchi `
    --description 'My Number Card counter workstation' `
    --input installer\target\jpackage\input --main-jar app-0.1.0-SNAPSHOT.jar --main-class jp.madoguchi.app.cli.Main `
    --runtime-image $runtime --java-options '-Dfile.encoding=UTF-8' `
    --icon installer\windows\madoguchi.ico `
    --add-launcher madoguchi-admin=installer\windows\admin-launcher.properties `
    --win-menu --win-menu-group Madoguchi --win-shortcut --win-dir-chooser `
    --win-upgrade-uuid 6f1d3c2e-4b7a-4f0e-9a51-2d8c5e7b9a10 `
    --dest installer\target\jpackage\dist
if ($LASTEXITCODE -ne 0) { throw 'jpackage failed' }
Write-Host 'built installer\target\jpackage\dist (copy install-madoguchi.cmd next to the MSI for silent deployment)'
