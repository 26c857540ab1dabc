#!/usr/bin/env bash
# Make sure uxaudit can find a Chromium: keep the one it finds; otherwise install Debian's package
# when we are root with apt-get, or else Playwright's own build (where downloads are allowed).
set -euo pipefail
python="${1:-.venv/bin/python}"

# Exit 3 when no browser is found; any other failure (uxaudit not importable) is not taken for a
# missing browser: it stops the set-up with its own error.
finds_chromium() {
  "$python" -c "
import sys
from uxaudit.errors import BrowserNotFoundError
from uxaudit.gather.browser import find_chromium
try:
    find_chromium()
except BrowserNotFoundError:
    sys.exit(3)"
}

status=0
finds_chromium || status=$?
if [ "$status" = 0 ]; then exit 0; fi
if [ "$status" != 3 ]; then
  echo "Could not look for a browser with $python (the error is above): run \`make setup\` again." >&2
  exit 2
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "No Chromium found: installing Debian's chromium package (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v sudo >/dev/null && command -v apt-get >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "No Chromium found: trying Playwright's own build (needs download access)..."
  "$(dirname "$python")/playwright" install chromium || true
fi
if ! finds_chromium; then
  echo "Still no Chromium. Install Chromium or Chrome and set UXAUDIT_CHROMIUM=/path/to/it." >&2
  exit 3
fi
