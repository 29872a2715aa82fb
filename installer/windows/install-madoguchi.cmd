@echo off
rem Silent, per-machine installation of Madoguchi for deployment tools (SCCM, Intune, GPO startup scripts).
rem Run as administrator, next to madoguchi-0.1.0.msi:
rem
rem   install-madoguchi.cmd CENTRAL_URL OFFICE_TYPE OFFICE_CODE TERMINAL_ID [PROXY host:port or -] [LOG_LEVEL]
rem   install-madoguchi.cmd https://central.example.lg.jp:8443 MUNICIPAL 131016 T01 proxy.example:8080 INFO
rem
rem 1. installs the MSI for all users (ALLUSERS=1) without UI, logging to %TEMP%\madoguchi-install.log;
rem 2. writes the settings into %ProgramData%\Madoguchi\madoguchi.properties through the installed launcher,
rem    which refuses unknown keys and invalid values (exit code 2) instead of writing them;
rem 3. runs the launcher's --self-check and returns its exit code (0 = ready; 3 = see its output).
setlocal
if "%~4"=="" (
  echo usage: %~nx0 CENTRAL_URL OFFICE_TYPE OFFICE_CODE TERMINAL_ID [PROXY^|-] [LOG_LEVEL]
  exit /b 2
)
set PROXY=%~5
if "%PROXY%"=="-" set PROXY=
set LOGLEVEL=%~6
if "%LOGLEVEL%"=="" set LOGLEVEL=INFO

msiexec /i "%~dp0madoguchi-0.1.0.msi" /qn ALLUSERS=1 /l*v "%TEMP%\madoguchi-install.log"
if errorlevel 1 exit /b %errorlevel%

set LAUNCHER=%ProgramFiles%\Madoguchi\madoguchi-admin.exe
"%LAUNCHER%" --write-machine-config --set "central.url=%~1" --set "office.type=%~2" --set "office.code=%~3" ^
  --set "terminal.id=%~4" --set "central.proxy=%PROXY%" --set "log.level=%LOGLEVEL%"
if errorlevel 1 exit /b %errorlevel%

"%LAUNCHER%" --self-check
exit /b %errorlevel%
