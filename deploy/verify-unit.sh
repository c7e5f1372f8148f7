#!/usr/bin/env bash
# deploy/verify-unit.sh: checks deploy/backend-guide.service with
# `systemd-analyze verify` (syntax, known options, the binary it starts),
# pointing ExecStart at a built server binary, and prints systemd's own
# exposure score for the hardening options when it can compute it.
#   deploy/verify-unit.sh [path/to/backend-guide]
set -euo pipefail
cd "$(dirname "$0")"
command -v systemd-analyze >/dev/null || { echo "systemd-analyze not available here: skipped" >&2; exit 0; }
BIN="${1:-${CARGO_TARGET_DIR:-$HOME/.cache/backend-guide/target}/release/backend-guide}"
[[ -x $BIN ]] || { echo "no server binary at $BIN (build it: make run, or pass its path)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
sed "s|^ExecStart=.*|ExecStart=$BIN|" backend-guide.service >"$TMP/backend-guide.service"
systemd-analyze verify "$TMP/backend-guide.service"
echo "systemd-analyze verify: ok"
# `security` needs a running systemd as PID 1; in containers it cannot run.
systemd-analyze security --offline=true "$TMP/backend-guide.service" 2>/dev/null | tail -n 1 || true
