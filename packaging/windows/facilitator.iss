; Inno Setup 6 script: the Windows installer of Facilitator.
; Build the bundle first (python packaging\build.py), then: iscc packaging\windows\facilitator.iss
; (build.py runs iscc itself when it is on PATH and passes AppVersion and DistDir.)
;
; THE CLINIC'S DATA IS NEVER REMOVED BY THE UNINSTALLER.
; The encrypted database, its key slots, backups, settings and logs live in the user's data folder
; (%LOCALAPPDATA%\Facilitator, or the folder chosen with --data-dir / FACILITATOR_DATA_DIR), which
; this installer neither creates nor lists. Uninstall deletes only {app} (the program files) and the
; Start-menu and desktop shortcuts. There is deliberately no [UninstallDelete] entry and no
; [Code] section touching the data folder: clinical records must outlive a reinstall or an upgrade.
; To remove the data as well, a clinic deletes that folder by hand after exporting what it must keep.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\dist"
#endif

[Setup]
; The AppId identifies the product across upgrades: never change it.
AppId={{6C1F4D2A-8B7E-4E55-9A4B-3F2D6E1C7A90}
AppName=Facilitator
AppVersion={#AppVersion}
AppVerName=Facilitator {#AppVersion}
AppPublisher=Facilitator
DefaultDirName={autopf}\Facilitator
DefaultGroupName=Facilitator
DisableProgramGroupPage=yes
; Per-user install by default (no administrator needed on a clinic laptop); admins may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#DistDir}
OutputBaseFilename=facilitator-{#AppVersion}-windows-setup
SetupIconFile=..\icons\facilitator.ico
UninstallDisplayIcon={app}\Facilitator.exe
UninstallDisplayName=Facilitator {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An upgrade replaces the program files while the app is closed; the data folder is untouched.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: Facilitator.exe (the app), facilitator-cli.exe (the command line), _internal\.
Source: "{#DistDir}\facilitator\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Facilitator"; Filename: "{app}\Facilitator.exe"; WorkingDir: "{app}"
Name: "{group}\Uninstall Facilitator"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Facilitator"; Filename: "{app}\Facilitator.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\Facilitator.exe"; Description: "{cm:LaunchProgram,Facilitator}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section: see the note at the top. Only files this installer copied are removed.
