; Inno Setup 6 script: ShopCRM-<version>-setup.exe from the PyInstaller folder dist\ShopCRM.
; Built by `python packaging\build.py --installer`, which passes AppVersion, DistDir and IconFile.
; By hand: iscc /DAppVersion=0.1.0 /DDistDir=..\..\dist\ShopCRM /DIconFile=..\..\build\pyinstaller\icons\shopcrm.ico shopcrm.iss
;
; Installs for the current user by default (no administrator needed on the shop's PC), or for all
; users when the owner chooses so.  The shop's data is NOT in the program folder: it lives in
; %LOCALAPPDATA%\ShopCRM and is kept when the program is uninstalled or upgraded.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\ShopCRM"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\pyinstaller\icons\shopcrm.ico"
#endif

[Setup]
; AppId identifies the program for upgrades and uninstall: never change it.
AppId={{6C0B6F53-3E0B-4C2B-9B8E-5D1A0E2F7A41}
AppName=ShopCRM
AppVersion={#AppVersion}
AppVerName=ShopCRM {#AppVersion}
AppPublisher=ShopCRM
DefaultDirName={autopf}\ShopCRM
DefaultGroupName=ShopCRM
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=ShopCRM-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\ShopCRM.exe
UninstallDisplayName=ShopCRM {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
; Code signing (packaging/README.md): build.py passes /Ssigntool="<SHOPCRM_SIGNTOOL>" /DSignTool=signtool.
#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Chinese setup screens when the (unofficial) ChineseSimplified.isl is in Inno Setup's Languages folder.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
#ifdef SignTool
; The two programs are signed while the installer is compiled; the setup and uninstaller too.
Source: "{#DistDir}\ShopCRM.exe"; DestDir: "{app}"; Flags: ignoreversion sign
Source: "{#DistDir}\shopcrm-cli.exe"; DestDir: "{app}"; Flags: ignoreversion sign
Source: "{#DistDir}\*"; Excludes: "\ShopCRM.exe,\shopcrm-cli.exe"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
#else
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
#endif

[InstallDelete]
; An upgrade replaces the program's own files completely (never the shop's data, which is elsewhere).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\ShopCRM"; Filename: "{app}\ShopCRM.exe"
Name: "{autodesktop}\ShopCRM"; Filename: "{app}\ShopCRM.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ShopCRM.exe"; Description: "{cm:LaunchProgram,ShopCRM}"; Flags: nowait postinstall skipifsilent
