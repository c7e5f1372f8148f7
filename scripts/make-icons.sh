#!/usr/bin/env bash
# Renders the PNG icons in public/icons/ from public/icons/icon.svg with
# headless Chromium. Run by hand after changing the icon; the PNGs are committed.
# The maskable icons fill the square and keep the mark inside the central
# safe circle (80% of the width) that launchers may crop to.
set -euo pipefail
cd "$(dirname "$0")/.."
chromium="${PW_CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The maskable variant: square background, mark scaled to 72% around the centre.
sed -e 's/ rx="96"//' \
    -e 's|<g fill|<g transform="translate(256 256) scale(0.72) translate(-256 -256)" fill|' \
    public/icons/icon.svg > "$work/maskable.svg"

render() { # source.svg output.png size
  printf '<html><body style="margin:0"><img src="file://%s" width="%s" height="%s"></body></html>' \
    "$1" "$3" "$3" > "$work/page.html"
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --default-background-color=00000000 --window-size="$3,$3" \
    --screenshot="$2" "file://$work/page.html" 2>/dev/null
}

icon="$PWD/public/icons/icon.svg"
render "$icon" public/icons/icon-512.png 512
render "$icon" public/icons/icon-192.png 192
render "$icon" public/icons/apple-touch-icon.png 180
render "$work/maskable.svg" public/icons/maskable-512.png 512
render "$work/maskable.svg" public/icons/maskable-192.png 192
echo "icons written to public/icons/"
