#!/usr/bin/env bash
# bench/observatory.sh: the deployment recipe, tested. Puts deploy/nginx.conf
# on loopback in front of our server with a throwaway self-signed
# certificate for "localhost" (ports 80 and 443, so run as root), scans it
# with Mozilla's HTTP Observatory scanner (npm @mdn/mdn-http-observatory)
# and prints the grade, the score and every test that did not pass.
#
# Run with the release server up (`make run`, default 127.0.0.1:3000):
#   bench/observatory.sh            # exit 0 for A+ with every test passed
#   BENCH_EXPORT=target/export bench/observatory.sh
#                                   # the static export instead: nginx serves
#                                   # it with deploy/nginx-static.conf plus TLS
# Env: BENCH_APP  our server's address (default 127.0.0.1:3000)
#      BENCH_EXPORT  an export folder (`make export`): scan it, no server of ours
# Needs: nginx, openssl, node; the scanner is installed into
# ~/.cache/backend-guide/observatory with
# --ignore-scripts (its install step downloads lists from the internet; the
# HSTS preload list it would fetch is replaced by an empty one).
set -euo pipefail
cd "$(dirname "$0")"
APP="${BENCH_APP:-127.0.0.1:3000}"
OBSERVATORY_VERSION=1.4.8

die() { echo "observatory: $*" >&2; exit 2; }
for tool in nginx openssl node curl; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install nginx openssl nodejs curl)"
done
[[ $(id -u) == 0 ]] || die "run as root: nginx must listen on ports 80 and 443 of 127.0.0.1"
EXPORT="${BENCH_EXPORT:-}"
if [[ -n $EXPORT ]]; then
  [[ -f $EXPORT/.nginx/headers.conf ]] || die "$EXPORT is not an export (run: make export)"
  EXPORT=$(cd "$EXPORT" && pwd)
  READY=/
else
  curl -fsS "http://$APP/healthz" >/dev/null || die "our server does not answer at $APP (start it: make run)"
  READY=/healthz
fi

# Installed outside the checkout, like the other tools.
PREFIX="${BACKEND_GUIDE_TOOLS:-$HOME/.cache/backend-guide}/observatory"
SCANNER="$PREFIX/node_modules/@mdn/mdn-http-observatory"
if [[ ! -f $SCANNER/package.json ]] ||
  ! grep -q "\"version\": \"$OBSERVATORY_VERSION\"" "$SCANNER/package.json"; then
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" --ignore-scripts --silent --no-audit --no-fund \
    "@mdn/mdn-http-observatory@$OBSERVATORY_VERSION" >/dev/null
fi
[[ -f $SCANNER/conf/hsts-preload.json ]] || echo '{}' >"$SCANNER/conf/hsts-preload.json"

TMP=$(mktemp -d)
NGINX_PID=""
cleanup() {
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

# A certificate for localhost, trusted by the scanner alone.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost" \
  -keyout "$TMP/key.pem" -out "$TMP/cert.pem" 2>/dev/null

if [[ -z $EXPORT ]]; then
# deploy/nginx.conf as it is, but for localhost, this certificate and our server.
sed -e "s|guide.example.org|localhost|g" \
  -e "s|/etc/letsencrypt/live/localhost/fullchain.pem|$TMP/cert.pem|" \
  -e "s|/etc/letsencrypt/live/localhost/privkey.pem|$TMP/key.pem|" \
  -e "s|server 127.0.0.1:3000;|server $APP;|" \
  -e "s|listen \[::\]:.*||" \
  -e "s|listen 80;|listen 127.0.0.1:80;|" \
  -e "s|listen 443 ssl http2;|listen 127.0.0.1:443 ssl http2;|" \
  ../deploy/nginx.conf >"$TMP/site.conf"
else
# deploy/nginx-static.conf for the export, with the TLS lines of deploy/nginx.conf
# and its plain-HTTP redirect in front.
chmod -R a+rX "$EXPORT"
{
  echo "server { listen 127.0.0.1:80; server_name localhost; return 301 https://\$host\$request_uri; }"
  sed -e "s|guide.example.org|localhost|g" \
    -e "s|/srv/backend-guide/site|$EXPORT|g" \
    -e "/listen \[::\]:80;/d" \
    -e "s|listen 80;|listen 127.0.0.1:443 ssl http2; ssl_certificate $TMP/cert.pem; ssl_certificate_key $TMP/key.pem; ssl_protocols TLSv1.2 TLSv1.3;|" \
    ../deploy/nginx-static.conf
} >"$TMP/site.conf"
fi
LOAD_BROTLI=
[[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]] &&
  LOAD_BROTLI="load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;"
[[ -n $LOAD_BROTLI ]] || sed -i '/brotli_static/d' "$TMP/site.conf"
cat >"$TMP/nginx.conf" <<CONF
$LOAD_BROTLI
daemon off;
worker_processes 1;
pid $TMP/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $TMP/body;
  proxy_temp_path $TMP/proxy;
  fastcgi_temp_path $TMP/fastcgi;
  uwsgi_temp_path $TMP/uwsgi;
  scgi_temp_path $TMP/scgi;
  include $TMP/site.conf;
}
CONF
nginx -t -e "$TMP/error.log" -p "$TMP" -c "$TMP/nginx.conf" 2>/dev/null ||
  die "deploy/nginx.conf does not pass nginx -t: $(nginx -t -e /dev/stderr -p "$TMP" -c "$TMP/nginx.conf" 2>&1 | tail -3)"
nginx -e "$TMP/error.log" -p "$TMP" -c "$TMP/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 50); do
  curl -fsS --cacert "$TMP/cert.pem" "https://localhost$READY" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS --cacert "$TMP/cert.pem" "https://localhost$READY" >/dev/null ||
  die "nginx did not start or does not reach our server: $(cat "$TMP/error.log")"
curl -sS --http2 --cacert "$TMP/cert.pem" -o /dev/null -w '%{http_version}' https://localhost/ |
  grep -q '^2' || die "nginx does not answer with HTTP/2"

# The scanner, trusting our certificate (its wrapper would replace the CA list).
NODE_EXTRA_CA_CERTS="$TMP/cert.pem" node "$SCANNER/src/scan.js" localhost >"$TMP/scan.json" ||
  die "the scan failed: $(cat "$TMP/scan.json")"
node - "$TMP/scan.json" <<'JS'
const fs = require('node:fs');
const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
if (report.error) { console.error(`scan error: ${report.error}`); process.exit(2); }
const { grade, score, testsPassed, testsQuantity } = report.scan;
console.log(`HTTP Observatory: grade ${grade}, score ${score}, ${testsPassed}/${testsQuantity} tests passed`);
for (const [name, t] of Object.entries(report.tests)) {
  const mark = t.pass ? 'pass' : 'FAIL';
  console.log(`  ${mark}  ${name.padEnd(32)} ${String(t.scoreModifier).padStart(4)}  ${t.result}`);
}
process.exit(grade === 'A+' && testsPassed === testsQuantity ? 0 : 1);
JS
