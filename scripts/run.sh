#!/usr/bin/env bash
# Sets up what is missing, builds in release mode and serves the site.
# The address comes from Leptos.toml (127.0.0.1:3000); override it with
# LEPTOS_SITE_ADDR=0.0.0.0:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

build_release
step "serving at http://${LEPTOS_SITE_ADDR:-127.0.0.1:3000} (Ctrl-C stops)"
exec "$CARGO_TARGET_DIR/release/backend-guide"
