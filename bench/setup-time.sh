#!/usr/bin/env bash
# bench/setup-time.sh: how long a new contributor waits for `make run`.
#
# Clones this repository into a temporary folder and runs `make run` there
# as on a fresh machine: an empty cargo home (no installed tools, no crates
# in the registry cache), an empty BACKEND_GUIDE_TOOLS (no build cache, no
# wasm-opt) and an empty npm cache. Only rustup's toolchains (RUSTUP_HOME)
# and Debian packages already on the machine are kept. Stops when the site
# answers /healthz and prints the time of every step.
#
# Run: bench/setup-time.sh [commit]     (default: HEAD)
# Takes 15-30 minutes on 2 cores and downloads about 1 GB.
# Env: SETUP_TIME_KEEP=1 keeps the folder (it holds the new tools and caches).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=${1:-HEAD}
work=$(mktemp -d /tmp/setup-time.XXXXXX)
server=""
# make, the script and the server it execs share a process group: stop all.
stop() { [[ -z $server ]] || kill -- "-$server" 2>/dev/null || true; }
if [[ ${SETUP_TIME_KEEP:-} == 1 ]]; then trap stop EXIT; else trap 'stop; rm -rf "$work"' EXIT; fi

git clone -q "$repo" "$work/checkout"
git -C "$work/checkout" checkout -q "$commit"

# rustup's proxies only: cargo-leptos, wasm-bindgen and the rest must be
# installed again, into the new cargo home.
mkdir -p "$work/bin"
for tool in cargo rustc rustdoc rustup; do
    ln -s "$(command -v "$tool")" "$work/bin/$tool"
done
export CARGO_HOME="$work/cargo" BACKEND_GUIDE_TOOLS="$work/tools" npm_config_cache="$work/npm-cache"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$work/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
unset CARGO_TARGET_DIR PW_CHROMIUM_PATH
port=${SETUP_TIME_PORT:-3300}

start=$(date +%s)
(cd "$work/checkout" && LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn exec setsid make run) >"$work/run.log" 2>&1 &
server=$!
until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    if ! kill -0 "$server" 2>/dev/null; then
        tail -n 40 "$work/run.log"
        echo "setup-time.sh: make run stopped before serving" >&2
        exit 1
    fi
    sleep 2
done
end=$(date +%s)
# The steps, with the time each began (printed by scripts/setup.sh).
grep -a '==>' "$work/run.log" | sed 's/\x1b\[[0-9;]*m//g'
printf '\nfrom clone to serving: %d min %02d s (commit %s; log: %s)\n' \
    $(((end - start) / 60)) $(((end - start) % 60)) "$(git -C "$work/checkout" rev-parse --short HEAD)" \
    "$([[ ${SETUP_TIME_KEEP:-} == 1 ]] && echo "$work/run.log" || echo "removed")"
