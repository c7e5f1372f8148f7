#!/usr/bin/env bash
# Sets up what is missing, then runs every test: Rust unit tests on the host
# and the Playwright suite against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

setup_build
setup_test

step "the build's wasm-opt cache (scripts/tool-cache/test.sh)"
scripts/tool-cache/test.sh || fail "the wasm-opt cache failed its test"
step "the split loader's stable name (scripts/stable-split-name.test.mjs)"
node --test --test-reporter=dot scripts/stable-split-name.test.mjs || fail "the split loader's naming failed its tests"

# The build the tests run differs from `make run`'s in how our own crate is
# compiled, never in what it does (docs/toolchain.md has the timings):
# - no ThinLTO across code units (the setting is part of each crate's build
#   hash, so both builds keep their own compiled dependencies in the build
#   folder, and switching between `make run` and `make test` compiles only
#   our crate);
# - the server's half of our crate at opt-level 0 in 256 code units: it
#   compiles in under a minute instead of about two and a half. Every
#   dependency (Leptos, hyper, brotli, ...) stays optimised; the server
#   starts in 0.3 s instead of 0.25 and answers held pages in the same
#   microseconds. Only bench/, on `make run`'s build, measures speed.
# The client is never touched: it has its own profile (wasm-release) and the
# size budgets check the files readers get.
export CARGO_PROFILE_RELEASE_LTO=off
# Our crate at opt-level 0 in 256 code units, in the profile named.
our_crate_unoptimised() {
    echo "--config=profile.$1.package.backend-guide.opt-level=0"
    echo "--config=profile.$1.package.backend-guide.codegen-units=256"
}
SERVER_ARGS=()
while read -r arg; do SERVER_ARGS+=("--bin-cargo-args=$arg"); done < <(our_crate_unoptimised release)
# The tests' build: the same, in the lib-tests profile (Cargo.toml), whose
# folder cargo locks apart from release's, so it compiles beside the server.
TESTS_UNOPTIMISED=(--profile lib-tests)
while read -r arg; do TESTS_UNOPTIMISED+=("$arg"); done < <(our_crate_unoptimised lib-tests)

# The unit tests are the lib's own test build, a compile of our crate that
# nothing else reuses, unoptimised as above, in the lib-tests profile: its
# dependencies are compiled once into their own folder, and the test build
# no longer holds the release folder's lock that the server's compile
# needs. LEPTOS_OUTPUT_NAME as cargo-leptos sets it: Leptos reads it at
# compile time (option_env!), and another value rebuilds every Leptos
# crate. --lib runs every Rust test we have: none are
# integration, doc or binary tests, and the guard below keeps it so.
# cargo builds the test binary and the tests are then run without cargo:
# `cargo test` would hold the build folder's lock while they run (20-60 s).
rust_tests() {
    echo "--- the content pipeline's tests (crates/guide-content, with its build feature)"
    cargo test --profile lib-tests -p guide-content --features build || return 1
    echo "--- our crate's tests: the test build"
    local tests
    tests=$(LEPTOS_OUTPUT_NAME=backend-guide cargo test --no-default-features --features ssr --lib \
        "${TESTS_UNOPTIMISED[@]}" --no-run --message-format=json-render-diagnostics |
        sed -n 's/.*"executable":"\([^"]*\)".*/\1/p') || return 1
    [ -x "$tests" ] || { echo "cargo named no test binary"; return 1; }
    echo "--- our crate's tests: running $tests"
    # As `cargo test` runs them: from the package's folder, which they read
    # from CARGO_MANIFEST_DIR.
    CARGO_MANIFEST_DIR="$PWD" "$tests"
}
[ ! -d tests ] && ! grep -q '#\[test\]' src/main.rs ||
    fail "tests outside the lib (tests/ or src/main.rs): add them to rust_tests"

# The Rust tests' build, the client and the server use different build
# folders (cargo-leptos builds the client in target/front, the tests have
# the lib-tests profile), so all three compile side by side, each compile
# of our crate mostly on one core. cargo-leptos itself builds the server
# after the client when file names are hashed (`hash-files`), though the
# server's compile needs nothing of the client's (it reads hash.txt when it
# starts: src/framework/hash_file.rs): hence two commands.
# Measured in docs/toolchain.md.
step "Rust tests (cargo test --lib, our crate unoptimised; output below when done), beside the release build"
in_background rust-tests rust_tests
step "release build (cargo leptos build --release): the server (output below when done) beside the client"
in_background server-build cargo leptos build --release --server-only "${LEPTOS_BUILD_ARGS[@]}" "${SERVER_ARGS[@]}"
cargo leptos build --release --frontend-only "${LEPTOS_BUILD_ARGS[@]}" || fail "the client's release build failed"
step "the Rust tests' and the server build's output"
join_background
finish_build

step "Playwright (end2end/)"
export E2E_SERVER_BIN="$CARGO_TARGET_DIR/release/backend-guide"
export E2E_PORT="${E2E_PORT:-3107}"
(cd end2end && npx playwright test "$@") || fail "Playwright tests failed (report: end2end/playwright-report)"

if command -v nginx >/dev/null 2>&1; then
    # Only the tests tagged @served (end2end/tests/fixtures.ts): the export
    # holds the same pages and client code, so what can differ is how they
    # are served. `bench/export-test.sh` alone runs the whole suite.
    step "the static export served by nginx: the tests tagged @served (bench/export-test.sh)"
    E2E_PORT=$((E2E_PORT + 100)) bench/export-test.sh --grep @served "$@" ||
        fail "the static export failed its tests (report: end2end/playwright-report)"
    step "all tests passed, against our server and against the static export"
else
    step "all other tests passed; SKIPPED: the static export's run (nginx is not installed)"
fi
