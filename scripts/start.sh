#!/usr/bin/env bash
# `npm start`: installs if needed, builds the extension, starts the Halo server on its embedded
# SQLite database, and opens Chromium with the extension loaded where a display exists.
set -euo pipefail
source "$(dirname "$0")/env.sh"
halo_ensure_node
halo_ensure_deps
cd "$halo_root"

npx wxt build
export HOST="${HOST:-127.0.0.1}" PORT="${PORT:-8787}"
npx tsx server/main.ts &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT INT TERM

ext="$halo_root/.output/chrome-mv3"
browser="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -n "$browser" ]; then
  profile="$halo_root/data/chromium-profile"
  mkdir -p "$profile"
  "$browser" --user-data-dir="$profile" --no-first-run --disable-extensions-except="$ext" --load-extension="$ext" \
    "http://$HOST:$PORT/" >/dev/null 2>&1 &
  echo "halo: Chromium started with the extension loaded."
else
  cat <<MSG

Halo server: http://$HOST:$PORT
No display (or no Chromium) here, so no browser was started. To use the extension:
  1. open chrome://extensions (or edge://extensions) and turn on Developer mode;
  2. "Load unpacked" and choose $ext
MSG
fi
wait "$server"
