#!/usr/bin/env bash
# `npm run fuzz`: the property-based tests of issue 16 (renderer, converter, API), each property for
# HALO_FUZZ_SECONDS (default 120) with a fresh seed, printed at the start and with any failure.
# Replay a failure with the HALO_FUZZ_SEED and HALO_FUZZ_PATH it prints; add the case to
# tests/fixtures/fuzz/regressions.ts. HALO_FUZZ_NO_SHRINK=1 skips shrinking a huge case.
set -euo pipefail
source "$(dirname "$0")/env.sh"
halo_ensure_node
cd "$halo_root"
export HALO_FUZZ_SECONDS="${HALO_FUZZ_SECONDS:-120}"
npx vitest run tests/unit/halo/render.fuzz.test.ts tests/unit/capture/markdown/dom-to-markdown.fuzz.test.ts \
  tests/server/api.fuzz.test.ts "$@"
