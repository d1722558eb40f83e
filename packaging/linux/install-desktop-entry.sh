#!/bin/sh
# Add Facilitator to this user's application menu (no administrator rights needed).
# Run it from the unpacked folder: ./install-desktop-entry.sh   Undo with: ./install-desktop-entry.sh --remove
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
sizes="16 24 32 48 64 128 256 512"

if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/facilitator.desktop" "$data/metainfo/org.facilitator.Facilitator.metainfo.xml"
  for s in $sizes; do rm -f "$data/icons/hicolor/${s}x${s}/apps/facilitator.png"; done
  echo "Removed the menu entry. The clinic's data folder was left as it was."
  exit 0
fi

mkdir -p "$data/applications" "$data/metainfo"
# The menu entry starts this very copy of the app, wherever the folder was unpacked.
sed -e "s|^Exec=.*|Exec=\"$here/facilitator\"|" -e "s|^TryExec=.*|TryExec=$here/facilitator|" \
  "$here/share/applications/facilitator.desktop" > "$data/applications/facilitator.desktop"
cp "$here/share/metainfo/org.facilitator.Facilitator.metainfo.xml" "$data/metainfo/"
for s in $sizes; do
  mkdir -p "$data/icons/hicolor/${s}x${s}/apps"
  cp "$here/share/icons/hicolor/${s}x${s}/apps/facilitator.png" "$data/icons/hicolor/${s}x${s}/apps/"
done
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
echo "Facilitator is in the application menu (it starts $here/facilitator)."
