# Sourced by start.sh, test.sh and .ci/run: puts Node 22 on PATH and installs what the project needs.
# The project needs Node >= 22 (WXT, vitest, better-sqlite3); where the machine's node is older,
# Node 22 comes from the npm registry's `node` package into .tools/ (no other download).
halo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

halo_ensure_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -ge 22 ]; then return 0; fi
  local dir="$halo_root/.tools/node22"
  if [ ! -x "$dir/node_modules/.bin/node" ]; then
    echo "halo: Node $(node -v 2>/dev/null || echo none) is too old; installing Node 22 from the npm registry into .tools/node22"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" node@22 >/dev/null
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
  echo "halo: using Node $(node -v)"
}

halo_ensure_chromium() {
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ -x "$CHROMIUM_PATH" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "halo: installing Chromium (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "halo: Chromium not found at $CHROMIUM_PATH; install it (apt-get install chromium) or set CHROMIUM_PATH" >&2
    return 1
  fi
}

# A font with Japanese glyphs: the languages e2e (issue 17) checks that every paragraph is drawn by
# a font covering its script. The page's stack names Noto Sans CJK, which a bare Debian lacks
# (DejaVu covers Arabic and Hebrew). Where fontconfig is absent (macOS), the system fonts cover it.
halo_ensure_fonts() {
  if ! command -v fc-list >/dev/null || [ -n "$(fc-list :lang=ja family 2>/dev/null)" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "halo: installing Noto CJK fonts (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
  else
    echo "halo: no font with Japanese glyphs; install one (apt-get install fonts-noto-cjk)" >&2
    return 1
  fi
}

# Postgres for the server tests (issue 14): the suite runs on both stores, and the tests start a
# throwaway cluster with initdb/pg_ctl from Debian's packages (no service is left running).
halo_ensure_postgres() {
  if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "halo: installing Postgres (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # The package starts a cluster of its own; the tests never use it.
    if command -v pg_ctlcluster >/dev/null; then
      for conf in /etc/postgresql/*/main; do
        [ -d "$conf" ] && pg_ctlcluster "$(basename "$(dirname "$conf")")" main stop 2>/dev/null || true
      done
    fi
  else
    echo "halo: Postgres not found (/usr/lib/postgresql/*/bin/initdb); install it (apt-get install postgresql)" >&2
    return 1
  fi
}

halo_ensure_firefox() {
  export FIREFOX_PATH="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
  if [ -x "$FIREFOX_PATH" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "halo: installing Firefox ESR (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
  else
    echo "halo: Firefox ESR not found at $FIREFOX_PATH; install it (apt-get install firefox-esr) or set FIREFOX_PATH" >&2
    return 1
  fi
}

# Installs node_modules when missing or older than the lock file (a fresh clone, a pull).
halo_ensure_deps() {
  cd "$halo_root" || return 1
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "halo: installing dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
