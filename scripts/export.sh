#!/usr/bin/env bash
# Sets up what is missing, builds in release mode and writes the whole site
# as static files into EXPORT_DIR (default target/export), ready for any
# static host or CDN. See docs/deploying.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

build_release
dir="${EXPORT_DIR:-target/export}"
step "exporting the site to $dir"
RUST_LOG="${RUST_LOG:-info}" "$CARGO_TARGET_DIR/release/backend-guide" export "$dir" ||
  fail "the export failed (see the message above)"
step "done: serve $dir with deploy/nginx-static.conf, or upload it with its _headers and _redirects"
