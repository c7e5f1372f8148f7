#!/usr/bin/env bash
# Checks scripts/tool-cache/wasm-opt against a stand-in wasm-opt that counts
# its runs: a second identical call is answered from the cache with the same
# bytes, a changed input or option runs it again, other calls pass through.
set -euo pipefail
wrapper_dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/real"
# The stand-in "optimises" by appending its options to the input.
cat >"$work/real/wasm-opt" <<'STANDIN'
#!/usr/bin/env bash
echo run >>"$(dirname "$0")/runs"
if [ "$1" = --version ]; then echo "wasm-opt version 0 (stand-in)"; exit 0; fi
n=$#; input=${@: -3:1}; output=${@: -1}
{ cat "$input"; echo "${@:1:n-3}"; } >"$output.new" && mv "$output.new" "$output"
STANDIN
chmod +x "$work/real/wasm-opt"
export PATH="$wrapper_dir:$work/real:$PATH" BACKEND_GUIDE_TOOLS="$work/tools"
runs() { wc -l <"$work/real/runs" 2>/dev/null || echo 0; }
fail() { echo "tool-cache test FAILED: $*" >&2; exit 1; }

printf 'module' >"$work/a.wasm"
cp "$work/a.wasm" "$work/b.wasm"
wasm-opt -Oz --enable-bulk-memory "$work/a.wasm" -o "$work/a.wasm"
[ "$(runs)" -eq 1 ] || fail "the first call did not run wasm-opt"
first=$(cat "$work/a.wasm")
[ "$first" = 'module-Oz --enable-bulk-memory' ] || fail "unexpected output: $first"

# The same bytes and options, in place as cargo-leptos calls it: from the cache.
wasm-opt -Oz --enable-bulk-memory "$work/b.wasm" -o "$work/b.wasm"
[ "$(runs)" -eq 1 ] || fail "an identical call ran wasm-opt again"
[ "$(cat "$work/b.wasm")" = "$first" ] || fail "the cached output differs from the run's"

# Another option, or other bytes: run again.
printf 'module' >"$work/c.wasm"
wasm-opt -O2 "$work/c.wasm" -o "$work/c.out"
[ "$(runs)" -eq 2 ] || fail "a different option was answered from the cache"
printf 'other' >"$work/d.wasm"
wasm-opt -Oz --enable-bulk-memory "$work/d.wasm" -o "$work/d.out"
[ "$(runs)" -eq 3 ] || fail "a different input was answered from the cache"

# Other calls go straight through, and WASM_OPT_CACHE=off bypasses the cache.
wasm-opt --version | grep -q stand-in || fail "--version did not reach the real wasm-opt"
[ "$(runs)" -eq 4 ] || fail "--version was not passed through"
WASM_OPT_CACHE=off wasm-opt -Oz --enable-bulk-memory "$work/b.wasm" -o "$work/e.wasm"
[ "$(runs)" -eq 5 ] || fail "WASM_OPT_CACHE=off still used the cache"
echo "tool-cache: wasm-opt cache hits, misses and pass-through behave"
