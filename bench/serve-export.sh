#!/usr/bin/env bash
# bench/serve-export.sh DIR PORT: serves an export (`make export`) with nginx
# on 127.0.0.1:PORT, in the foreground, using deploy/nginx-static.conf itself
# with only its root, include path and listen address replaced (and its
# brotli_static line dropped when this nginx lacks the module).
#
# Used by bench/export-test.sh and the Playwright suite (E2E_TARGET=export);
# stop it with SIGTERM or Ctrl-C. Exit 2 when nginx is missing or the
# configuration is refused.
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${1:?usage: bench/serve-export.sh DIR PORT}
PORT=${2:?usage: bench/serve-export.sh DIR PORT}
DIR=$(cd "$DIR" && pwd)
die() { echo "serve-export.sh: $*" >&2; exit 2; }
command -v nginx >/dev/null || die "nginx is not installed"
[[ -f $DIR/.nginx/headers.conf ]] || die "$DIR is not an export (no .nginx/headers.conf)"

TMP=$(mktemp -d /tmp/serve-export.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# nginx workers run as 'nobody' when started by root: let them read the files.
chmod -R a+rX "$DIR"

BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
load_module=
if [[ -f $BROTLI_MODULE ]]; then
  load_module="load_module $BROTLI_MODULE;"
fi

sed -e "s#/srv/backend-guide/site#$DIR#g" \
    -e "s#listen 80;#listen 127.0.0.1:$PORT;#" \
    -e '/listen \[::\]:80;/d' \
    deploy/nginx-static.conf >"$TMP/site.conf"
[[ -n $load_module ]] || sed -i '/brotli_static/d' "$TMP/site.conf"

cat >"$TMP/nginx.conf" <<EOF
$load_module
daemon off;
worker_processes 2;
pid $TMP/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $TMP/body;
  proxy_temp_path $TMP/proxy;
  fastcgi_temp_path $TMP/fastcgi;
  uwsgi_temp_path $TMP/uwsgi;
  scgi_temp_path $TMP/scgi;
  include $TMP/site.conf;
}
EOF
nginx -t -q -e stderr -p "$TMP" -c "$TMP/nginx.conf" || die "nginx refused the configuration"
# Not exec: the EXIT trap removes the temporary folder after nginx stops.
nginx -e stderr -p "$TMP" -c "$TMP/nginx.conf" &
NGINX=$!
trap 'kill -TERM $NGINX 2>/dev/null; wait $NGINX; rm -rf "$TMP"' EXIT
trap 'exit 0' TERM INT
wait $NGINX
