#!/usr/bin/env bash
# bench/export-test.sh: the static export, tested as a CDN would serve it.
#
# Exports the release build (`backend-guide export`) into a temporary
# folder, reports its file count and size, then runs the whole Playwright
# suite against nginx serving that folder with deploy/nginx-static.conf
# (bench/serve-export.sh). Tests of our server's own log are skipped there
# and say so; everything else, the HTML checker and the header checks
# included, runs unchanged.
#
# Run after a release build (`make run` or `make test` build it):
#   bench/export-test.sh                  # the whole suite
#   bench/export-test.sh offline.spec.ts  # arguments go to Playwright
# Env: E2E_SERVER_BIN  the server binary (default: the release build)
#      E2E_PORT        nginx's port (default 3207)
#      EXPORT_KEEP=1   keep the export folder afterwards
# Exit: Playwright's status; 2 when nginx is missing or the export fails.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "export-test.sh: $*" >&2; exit 2; }
command -v nginx >/dev/null || die "nginx is not installed (apt-get install nginx-light libnginx-mod-http-brotli-static)"
BIN=${E2E_SERVER_BIN:-${CARGO_TARGET_DIR:-target}/release/backend-guide}
[[ -x $BIN ]] || die "no server binary at $BIN (build it: cargo leptos build --release)"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

TMP=$(mktemp -d /tmp/export-test.XXXXXX)
chmod 755 "$TMP" # nginx workers run as nobody
[[ ${EXPORT_KEEP:-} == 1 ]] || trap 'rm -rf "$TMP"' EXIT
DIR=$TMP/site

start=$(date +%s.%N)
RUST_LOG=${RUST_LOG:-info} "$BIN" export "$DIR" || die "the export failed"
end=$(date +%s.%N)
files=$(find "$DIR" -type f | wc -l)
bytes=$(du -sb "$DIR" | cut -f1)
plain=$(find "$DIR" -type f ! -name '*.br' ! -name '*.gz' -printf '%s\n' | awk '{ s += $1 } END { print s }')
printf 'export: %d files, %.1f MB on disk (%.1f MB without the .br and .gz copies), written in %.1f s\n' \
  "$files" "$(bc -l <<<"$bytes / 1000000")" "$(bc -l <<<"$plain / 1000000")" "$(bc -l <<<"$end - $start")"
[[ ${EXPORT_KEEP:-} == 1 ]] && echo "export kept in $DIR"

export E2E_TARGET=export E2E_EXPORT_DIR="$DIR" E2E_SERVER_BIN="$BIN"
export E2E_PORT="${E2E_PORT:-3207}"
cd end2end
npx playwright test "$@"
