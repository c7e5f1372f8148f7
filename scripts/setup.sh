# Installs what is missing to build and test backend-guide. Sourced by
# scripts/run.sh and scripts/test.sh (not run on its own): the functions
# export the environment the build needs into the calling shell.
#
# Each tool is checked first and installed only when missing or at the wrong
# version. The ordinary route is tried first (rustup, Playwright's own
# browser); when it fails, the fallback described in docs/toolchain.md is used
# (Debian's rustc-web with build-std, Debian's Chromium).

CARGO_LEPTOS_VERSION=0.3.11
BINARYEN_VERSION=132.0.0
TOOLS_DIR="${BACKEND_GUIDE_TOOLS:-$HOME/.cache/backend-guide}"
# Arguments for `cargo leptos build`: `--split` puts the lazy islands (the
# quiz, the bookmarks list) in their own WASM files, fetched when their page
# is opened; the Rust fallback adds its own.
LEPTOS_BUILD_ARGS=(--split)

# Each step says when it starts, in minutes and seconds since the command
# began ($SECONDS), so a log shows the time every step took.
step() { printf '\n\033[1m==> [%d:%02d] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
info() { printf '    %s\n' "$*"; }
fail() {
    printf '\n\033[31msetup failed:\033[0m %s\n' "$*" >&2
    exit 1
}

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        fail "need root to run: $* (install it by hand, or run as root / with sudo)"
    fi
}

APT_UPDATED=""
apt_install() {
    command -v apt-get >/dev/null 2>&1 ||
        fail "apt-get not found: install these Debian/Ubuntu packages by hand: $*"
    if [ -z "$APT_UPDATED" ]; then
        info "apt-get update"
        as_root apt-get -o DPkg::Lock::Timeout=300 update -qq || fail "apt-get update failed (is a Debian mirror reachable?)"
        APT_UPDATED=1
    fi
    info "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" >/dev/null ||
        fail "apt-get install $* failed"
}

# The Rust fallback: Debian's rustc-web (1.96) compiles std for wasm32 from
# source, so neither rustup nor a prebuilt wasm32 std is needed.
use_debian_rust() {
    if ! /usr/bin/rustc --version 2>/dev/null | grep -q '^rustc 1\.9[6-9]\|^rustc 1\.[1-9][0-9][0-9]' ||
        [ ! -d /usr/lib/rustlib/src ] || ! command -v wasm-ld >/dev/null 2>&1; then
        apt_install rustc-web cargo-web rust-web-src lld
    fi
    export PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
    # Debian's wasm-ld (LLVM 14) links the client, but its relocations stop
    # `--split` ("Invalid data segment index in symbol"); the rust-lld that
    # comes with any rustup toolchain links it in a form the splitter reads.
    local lld
    lld=$(ls "${RUSTUP_HOME:-$HOME/.rustup}"/toolchains/*/lib/rustlib/*/bin/rust-lld 2>/dev/null | tail -n 1)
    if [ -n "$lld" ]; then
        export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$lld"
        info "linking the client with $lld"
    else
        export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld
        local kept=() arg
        for arg in "${LEPTOS_BUILD_ARGS[@]}"; do [ "$arg" = --split ] || kept+=("$arg"); done
        LEPTOS_BUILD_ARGS=("${kept[@]}")
        info "no rust-lld found: linking with wasm-ld, without --split (lazy code is not split off)"
    fi
    RUST_ROUTE=debian
    info "using Debian's $(/usr/bin/rustc --version) with build-std for wasm32"
}

# The client is built for size the way Leptos's guide to WASM size and the
# min-sized-rust notes advise: std rebuilt with the client's profile, panics
# that stop the WASM at once instead of formatting a message (a panic in the
# client is a bug either way), and no Debug formatting or panic locations
# (the client never shows `{:?}` to readers). Together about 13 KB brotli off
# every first visit (docs/client-size.md). It needs the std sources
# (rust-src) and unstable flags, which a stable toolchain accepts with
# RUSTC_BOOTSTRAP=1; the flags apply to the wasm32 target only, not to the
# server. BACKEND_GUIDE_SMALL_STD=0 turns it off.
WASM_SIZE_FLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none"
use_small_std() {
    local small="${BACKEND_GUIDE_SMALL_STD:-1}"
    if [ "$RUST_ROUTE" = rustup ]; then
        [ "$small" = 1 ] || return 0
        if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
            info "adding rust-src with rustup (the client rebuilds std for size)"
            if ! rustup component add rust-src; then
                info "rust-src is not available: building the client with the prebuilt std (larger download)"
                return 0
            fi
        fi
    fi
    # Debian's route always rebuilds std (it has no prebuilt wasm32 std).
    export RUSTC_BOOTSTRAP=1
    # optimize_for_size: std's smaller sort and formatting code (0.5 KB
    # less brotli on every page).
    LEPTOS_BUILD_ARGS+=(--lib-cargo-args=-Zbuild-std=std,panic_abort
        --lib-cargo-args=-Zbuild-std-features=optimize_for_size)
    if [ "$small" = 1 ]; then
        export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$WASM_SIZE_FLAGS"
        info "the client's std is rebuilt for size (build-std, panics abort at once)"
    fi
}

ensure_rust() {
    step "Rust with the wasm32-unknown-unknown target"
    ensure_rust_route
    use_small_std
}

ensure_rust_route() {
    if [ "${BACKEND_GUIDE_RUST:-}" = debian ]; then
        info "BACKEND_GUIDE_RUST=debian: skipping rustup"
        use_debian_rust
        return
    fi
    if command -v rustup >/dev/null 2>&1 && command -v cargo >/dev/null 2>&1; then
        if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
            RUST_ROUTE=rustup
            info "found $(rustc --version) with wasm32 (rustup)"
            return
        fi
        info "adding the target with rustup"
        if rustup target add wasm32-unknown-unknown; then
            RUST_ROUTE=rustup
            return
        fi
        info "rustup could not add wasm32-unknown-unknown: falling back to Debian's rustc-web"
    else
        info "rustup or cargo not found: falling back to Debian's rustc-web"
    fi
    use_debian_rust
}

# The profile our build tools are compiled with. They are build tools, and
# compiling them took most of a fresh machine's setup: no LTO and 16 codegen
# units instead of their own fat-LTO, single-unit profile, and opt-level
# TOOL_OPT_LEVEL (1 unless the tool's install sets it). cargo-leptos is
# built at opt-level 0: in 4 min 34 s instead of 12 min 53 s at 1, and a
# build with it takes as long and writes files of the same sizes, because
# its heavy steps run other programs (wasm-bindgen, wasm-opt); only its
# WASM splitting is slower, 0.4 s instead of 0.1 s. The wasm-bindgen CLI
# does its work itself, so it keeps opt-level 1 (docs/toolchain.md).
TOOL_PROFILE=(CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16)

# cargo install, first with the toolchain in use, then with Debian's newer
# cargo (cargo-leptos --locked needs rustc 1.96; rustup's stable may be older).
cargo_install() {
    # Each tool builds in a folder of its own, so that two installs never
    # wait on each other's lock nor on the project's build; it is kept after
    # a failure (a retry reuses it) and removed after a success.
    local CARGO_TARGET_DIR="$TOOLS_DIR/tool-builds/$1"
    export CARGO_TARGET_DIR
    if env "${TOOL_PROFILE[@]}" CARGO_PROFILE_RELEASE_OPT_LEVEL="${TOOL_OPT_LEVEL:-1}" cargo install "$@" ||
        { [ "$RUST_ROUTE" != debian ] && retry_with_debian_cargo "$@"; }; then
        rm -rf "$CARGO_TARGET_DIR"
        return 0
    fi
    return 1
}

retry_with_debian_cargo() {
    info "cargo install $1 failed with $(cargo --version); retrying with Debian's cargo"
    (
        use_debian_rust >/dev/null
        env "${TOOL_PROFILE[@]}" CARGO_PROFILE_RELEASE_OPT_LEVEL="${TOOL_OPT_LEVEL:-1}" /usr/bin/cargo install "$@"
    )
}

# Setup steps that can overlap: each runs in the background with its output
# in a log file, and `join_background` waits for all of them, then prints
# each log in the order they were started (and stops at a failed one).
# Used while the long tool compiles run, for what mostly waits on the network
# (npm packages, the project's crates) or compiles alongside.
BACKGROUND=()
in_background() {
    local name=$1 log
    shift
    mkdir -p "$TOOLS_DIR/logs"
    log="$TOOLS_DIR/logs/$name.log"
    ("$@") >"$log" 2>&1 &
    BACKGROUND+=("$!|$name|$log")
}
join_background() {
    local entry pid name log failed=""
    for entry in "${BACKGROUND[@]}"; do
        IFS='|' read -r pid name log <<<"$entry"
        wait "$pid" || failed="${failed:-$name}"
        cat "$log"
    done
    BACKGROUND=()
    [ -z "$failed" ] || fail "$failed failed (its output is above)"
}

ensure_cargo_leptos() {
    step "cargo-leptos $CARGO_LEPTOS_VERSION"
    if cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION\$"; then
        info "found $(cargo leptos --version)"
        return
    fi
    # no_downloads: cargo-leptos never fetches tools at build time; this
    # script provides wasm-bindgen and wasm-opt (reproducible, works offline).
    info "installing (about 5 minutes on 2 cores; kept in ~/.cargo/bin afterwards)"
    TOOL_OPT_LEVEL=0 cargo_install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads ||
        fail "could not install cargo-leptos; try: cargo install cargo-leptos --locked --features no_downloads"
}

ensure_wasm_bindgen() {
    local want
    want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
    [ -n "$want" ] || fail "no wasm-bindgen version in Cargo.lock (run: cargo generate-lockfile)"
    step "wasm-bindgen CLI $want (must equal the crate in Cargo.lock)"
    if wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
        info "found $(wasm-bindgen --version)"
        return
    fi
    # Its own lock file has pinned a yanked crate before, so --locked may fail.
    cargo_install wasm-bindgen-cli --version "$want" --locked --force ||
        cargo_install wasm-bindgen-cli --version "$want" --force ||
        fail "could not install wasm-bindgen-cli $want; try: cargo install wasm-bindgen-cli --version $want"
}

# Puts the npm copy of wasm-opt on PATH (in the calling shell: the install
# below may run in the background).
wasm_opt_path() {
    export PATH="$PATH:$TOOLS_DIR/binaryen/node_modules/.bin"
}

ensure_wasm_opt() {
    step "wasm-opt (binaryen)"
    wasm_opt_path
    if command -v wasm-opt >/dev/null 2>&1; then
        info "found $(command -v wasm-opt)"
        return
    fi
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    info "npm install binaryen@$BINARYEN_VERSION into $TOOLS_DIR/binaryen"
    mkdir -p "$TOOLS_DIR/binaryen"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR/binaryen" "binaryen@$BINARYEN_VERSION" ||
        fail "could not install wasm-opt; try: npm install -g binaryen, or apt-get install binaryen"
}

setup_build() {
    ensure_rust
    # The linker, and mimalloc's C sources (the server's allocator).
    command -v cc >/dev/null 2>&1 || apt_install gcc libc6-dev
    # One build cache per compiler, so switching routes never rebuilds both.
    if [ "$RUST_ROUTE" = debian ]; then
        export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$TOOLS_DIR/target-debian}"
    else
        export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$TOOLS_DIR/target}"
    fi
    # Cargo decides what to rebuild from the files' checksums, not their
    # times: in a fresh clone (CI) every file is new, and the patched
    # wasm-streams (crates/wasm-streams-lite) would otherwise rebuild every
    # Leptos crate it sits under, for the client, the server and the tests.
    # An unstable cargo option, accepted under RUSTC_BOOTSTRAP=1 (see
    # ensure_rust; ignored without it).
    export CARGO_UNSTABLE_CHECKSUM_FRESHNESS=true
    # cargo-leptos compiles in the foreground. The wasm-bindgen CLI compiles
    # beside it (in its own folder, see cargo_install), and the downloads
    # wait on the network meanwhile: wasm-opt and the lab's packages from
    # npm, the project's crates (cargo fetch).
    wasm_opt_path
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    in_background wasm-bindgen ensure_wasm_bindgen
    in_background wasm-opt ensure_wasm_opt
    in_background lab-packages ensure_lab_packages
    in_background crates fetch_crates
    ensure_cargo_leptos
    join_background
    # In front of the real wasm-opt (found by ensure_wasm_opt above): a copy
    # that answers cargo-leptos's unchanged files from a cache
    # (scripts/tool-cache/wasm-opt says why).
    export PATH="$PWD/scripts/tool-cache:$PATH"
    step "toolchain ready ($RUST_ROUTE route; build cache in $CARGO_TARGET_DIR)"
}

# `npm ci` in folder $1 unless its node_modules is newer than its lock file.
npm_ci_in() {
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
        (cd "$1" && npm ci --no-audit --no-fund) || fail "npm ci in $1/ failed"
    else
        info "$1/node_modules is up to date"
    fi
}

ensure_node_packages() {
    step "Node packages for the end-to-end tests"
    npm_ci_in end2end
}

# Downloads the project's crates (a no-op when they are in cargo's cache).
fetch_crates() {
    step "the project's crates (cargo fetch)"
    cargo fetch --locked || fail "cargo fetch failed"
}

# The SQL lab's JavaScript half (PGlite, CodeMirror, esbuild) and its checkers.
ensure_lab_packages() {
    step "Node packages for the SQL lab (lab/)"
    npm_ci_in lab
}

# What every build does after `cargo leptos build`: the split loader gets a
# name two builds of the same client agree on (W17 in
# docs/framework-workarounds.md), then the lab is bundled.
finish_build() {
    step "naming the split loader by what it loads (scripts/stable-split-name.mjs, W17)"
    node scripts/stable-split-name.mjs "${LEPTOS_SITE_ROOT:-target/site}/pkg" "$CARGO_TARGET_DIR/release/hash.txt" ||
        fail "could not give the split loader its stable name"
    build_lab
    minify_framework_scripts
}

# W6 (src/framework/minify.rs): the server writes out the scripts it would
# minify at start (the hydration script, the split loader), and esbuild,
# installed for the lab, minifies them into the site's minified/ folder,
# which the server reads at start instead of minifying them less well itself.
minify_framework_scripts() {
    step "minifying the framework's scripts (backend-guide scripts, scripts/minify-twins.mjs, W6)"
    local site="${LEPTOS_SITE_ROOT:-target/site}" tmp
    tmp=$(mktemp -d)
    if ! "$CARGO_TARGET_DIR/release/backend-guide" scripts "$tmp/scripts" >"$tmp/log" 2>&1; then
        cat "$tmp/log" >&2
        fail "the server could not write out its scripts for minifying"
    fi
    node scripts/minify-twins.mjs "$tmp/scripts" "$site/minified" ||
        fail "minifying the framework's scripts failed"
    rm -rf "$tmp"
}

# Bundles the lab (engine worker, editor, data) into the site's pkg/lab/,
# with compressed copies beside each file. Runs after cargo-leptos, which
# owns the rest of the site folder.
build_lab() {
    step "building the SQL lab (lab/build.mjs)"
    local out="${LEPTOS_SITE_ROOT:-target/site}/pkg/lab"
    node lab/build.mjs --out "$out" || fail "the SQL lab's build failed"
    node lab/precompress.mjs "$out" || fail "compressing the SQL lab's files failed"
}

ensure_browser() {
    step "Chromium for Playwright"
    if [ -n "${PW_CHROMIUM_PATH:-}" ]; then
        info "using PW_CHROMIUM_PATH=$PW_CHROMIUM_PATH"
        return
    fi
    local bundled
    bundled=$(cd end2end && node -e "console.log(require('@playwright/test').chromium.executablePath())" 2>/dev/null || true)
    if [ -n "$bundled" ] && [ -x "$bundled" ]; then
        info "found Playwright's own Chromium"
        return
    fi
    if [ ! -e "$TOOLS_DIR/playwright-download-failed" ]; then
        info "trying Playwright's own download (npx playwright install chromium)"
        if (cd end2end && timeout 300 npx playwright install chromium); then
            return
        fi
        # Remember, so later runs go straight to the fallback.
        mkdir -p "$TOOLS_DIR" && touch "$TOOLS_DIR/playwright-download-failed"
        info "download failed: falling back to Debian's Chromium"
    fi
    # Debian's headless shell, as Playwright's own download would give: the
    # tests run headless, and the shell (no browser UI) runs the suite in
    # about 4 min 15 s against 5 min 15 s with the full Chromium
    # (docs/toolchain.md). Lighthouse and the icons use the full one.
    if [ ! -x /usr/bin/chromium-headless-shell ]; then
        apt_install chromium-headless-shell
    fi
    export PW_CHROMIUM_PATH=/usr/bin/chromium-headless-shell
    info "using $(/usr/bin/chromium-headless-shell --version 2>/dev/null)"
}

# The W3C Nu HTML checker (npm vnu-jar, in end2end/) runs on Java.
ensure_java() {
    step "Java for the HTML checker (vnu-jar)"
    if command -v java >/dev/null 2>&1; then
        info "found $(java -version 2>&1 | head -n 1)"
        return
    fi
    info "no java on PATH: installing Debian's default-jre-headless"
    apt_install default-jre-headless
    command -v java >/dev/null 2>&1 ||
        fail "Java is missing: the HTML validity test needs it (install a Java 11+ runtime, e.g. apt-get install default-jre-headless)"
}

# nginx serves the static export in bench/export-test.sh. Best effort: a
# machine without it (and without apt-get) still runs every other test, and
# scripts/test.sh says plainly that the export run was skipped.
ensure_nginx() {
    step "nginx for the static export's test run"
    if ! command -v nginx >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
        info "no nginx on PATH: installing Debian's nginx-light and its brotli_static module"
        (apt_install nginx-light libnginx-mod-http-brotli-static) || info "could not install nginx"
        # The package starts a system nginx on port 80; the tests run their own.
        (as_root service nginx stop) >/dev/null 2>&1 || true
    fi
    if command -v nginx >/dev/null 2>&1; then
        info "found $(nginx -v 2>&1)"
    else
        info "nginx is missing: the export's test run will be skipped"
    fi
}

# Sets up the build tools, then builds the release site (scripts/run.sh,
# scripts/export.sh and scripts/test.sh).
build_release() {
    setup_build
    step "building the release site (cargo leptos build --release)"
    cargo leptos build --release "${LEPTOS_BUILD_ARGS[@]}" || fail "the release build failed (see the errors above)"
    finish_build
}

setup_test() {
    ensure_node_packages
    ensure_browser
    ensure_java
    ensure_nginx
}
