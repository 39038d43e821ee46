; The Windows installer of JunDesk (NSIS 3, Unicode): installs the frozen program
; (dist\JunDesk from packaging/windows/jundesk.spec) for every user of the PC in
; Program Files\JunDesk, with a Start-menu entry and an uninstaller in "Apps".
;
; Upgrades: installing a newer version over an older one first removes the older program
; files (its own uninstaller, silently, in place) and installs the new ones. The desk's data
; (database, settings, the town's own rule files) lives in each user's
; %LOCALAPPDATA%\jundesk\jundesk, which neither the installer nor the uninstaller touches,
; so it survives upgrades and even an uninstall.
;
;   makensis /DVERSION=0.1.0 /DDIST=..\..\dist\JunDesk /DOUTFILE=JunDesk-0.1.0-setup.exe jundesk.nsi

Unicode true
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef DIST
  !define DIST "..\..\dist\JunDesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "JunDesk-${VERSION}-setup.exe"
!endif

!define APP "JunDesk"
!define PUBLISHER "The JunDesk authors"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define APP_KEY "Software\${APP}"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
InstallDirRegKey HKLM "${APP_KEY}" "InstallDir"
RequestExecutionLevel admin
ManifestDPIAware true
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=1033 "LegalCopyright" "GPL-3.0-or-later"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"

!include "MUI2.nsh"
!include "x64.nsh"
!include "LogicLib.nsh"

!define MUI_ABORTWARNING
!define MUI_ICON "${NSISDIR}\Contrib\Graphics\Icons\modern-install.ico"
!define MUI_UNICON "${NSISDIR}\Contrib\Graphics\Icons\modern-uninstall.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\JunDesk.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${DIST}\_internal\LICENSE"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Spanish"
!insertmacro MUI_LANGUAGE "English"

LangString KeptData ${LANG_ENGLISH} "Each user's JunDesk data (database, settings, the town's rule files) is kept in their %LOCALAPPDATA%\jundesk folder."
LangString KeptData ${LANG_SPANISH} "Los datos de JunDesk de cada usuario (base de datos, ajustes, reglas del ayuntamiento) se conservan en su carpeta %LOCALAPPDATA%\jundesk."
LangString Needs64 ${LANG_ENGLISH} "JunDesk needs a 64-bit Windows."
LangString Needs64 ${LANG_SPANISH} "JunDesk necesita un Windows de 64 bits."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(Needs64)"
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

; An older JunDesk here: run its uninstaller in place (silently, keeping the folder), so no
; stale library of the old version is left beside the new ones. User data is not touched.
Function RemovePrevious
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 == ""
    Return
  ${EndIf}
  ${If} ${FileExists} "$0\uninstall.exe"
    DetailPrint "Removing the previous version from $0"
    ExecWait '"$0\uninstall.exe" /S _?=$0' $1
    Delete "$0\uninstall.exe"
  ${EndIf}
FunctionEnd

Section "JunDesk" SecMain
  SectionIn RO
  Call RemovePrevious
  SetOutPath "$INSTDIR"
  File /r "${DIST}\*.*"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\JunDesk.exe" "" "$INSTDIR\JunDesk.exe" 0

  WriteRegStr HKLM "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${APP_KEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\JunDesk.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  DetailPrint "$(KeptData)"
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP}.lnk"
  ; Only what the installer put here: the program, never the users' data.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\JunDesk.exe"
  Delete "$INSTDIR\jundesk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "${APP_KEY}"
  DetailPrint "$(KeptData)"
SectionEnd
