#!/bin/sh
# Put ShopCRM in the desktop's application menu (for this user), pointing at this folder.
# Run it again after moving the folder; `install-menu-entry.sh --remove` takes the entry away.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
entry="$apps/shopcrm.desktop"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$entry"
  echo "removed $entry"
  exit 0
fi
mkdir -p "$apps"
sed "s|@APP_DIR@|$here|g" "$here/shopcrm.desktop.in" > "$entry"
chmod 644 "$entry"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
echo "added $entry"
