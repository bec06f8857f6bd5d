#!/usr/bin/env bash
# `npm test`: every check CI makes, in order: typecheck, lint, unit and server tests, build, e2e
# in Chromium, then e2e in Firefox.
set -euo pipefail
source "$(dirname "$0")/env.sh"
halo_ensure_node
halo_ensure_deps
halo_ensure_chromium
halo_ensure_fonts
halo_ensure_firefox
halo_ensure_postgres
cd "$halo_root"

step() { printf '\n== %s\n' "$1"; }
step "typecheck"; npx tsc --noEmit
step "lint"; npm run -s lint
step "unit + server tests"; npx vitest run
step "build (firefox-mv3)"; npx wxt build -b firefox --mv3
# Two user builds: reproducible, no test hooks or source maps, web-ext lint 0 errors and only the
# warnings store/review-notes.md explains (issue 18).
step "store packages"; npx tsx scripts/check-packages.ts
# HALO_E2E=1: the menu and shortcut handlers are reachable from tests/e2e (never in a user build).
step "build (chrome-mv3, with the e2e hooks)"; HALO_E2E=1 npx wxt build
# The two browsers' suites run side by side: each spends most of its time waiting on pages and
# timers, one worker each, so together they fit in CI's 15 minutes. Firefox's report follows
# Chromium's, whole; the run fails if either fails.
# The user build from the web-ext lint step above, in real Firefox ESR over WebDriver BiDi (issue 15).
firefox_log="$(mktemp)"
npx playwright test -c playwright.firefox.config.ts --retries=1 >"$firefox_log" 2>&1 &
firefox_pid=$!
step "e2e (Playwright, built extension, Chromium)"
chromium_status=0
# One retry: 53 tests in real browsers on a loaded two-core machine time out now and then (a popup
# that opens late, a worker that answers late). A retried test is reported as "flaky" with its
# first failure in full, so it is seen and fixed; a test that fails twice fails the run.
npx playwright test --retries=1 || chromium_status=$?
firefox_status=0
wait "$firefox_pid" || firefox_status=$?
step "e2e (Firefox ESR, built add-on; ran beside Chromium's)"
cat "$firefox_log"
rm -f "$firefox_log"
if [ "$chromium_status" -ne 0 ] || [ "$firefox_status" -ne 0 ]; then
  echo "e2e failed: Chromium exit $chromium_status, Firefox exit $firefox_status" >&2
  exit 1
fi
