# bench/same-bytes-nginx.sh: sourced by bench/load.sh and bench/cpu.sh.
#
# start_same_bytes_nginx DIR PAGE...
#   Saves each PAGE exactly as our server at $BASE sends it (uncompressed;
#   "/" becomes index.html, nginx's index) under DIR/www, and starts a
#   throwaway nginx on a free loopback port serving those bytes at the same
#   paths. Sets NGINX (its base URL) and NGINX_PID (its master process).
#   Env: BENCH_NGINX_PORT (default: the first free port from 8089),
#        BENCH_NGINX_LOG=1 (nginx writes its access log, as by default),
#        BENCH_NGINX_WORKERS (default "auto": one per core).
# check_same_bytes PAGE...
#   Checks that the nginx at $NGINX serves each PAGE with our byte count.
# stop_same_bytes_nginx
#   Stops it (safe to call when none was started).
# The caller defines die() and BASE.

NGINX_PID=
NGINX_DIR=

start_same_bytes_nginx() {
  local dir=$1 page file code port p
  shift
  mkdir -p "$dir/www"
  for page in "$@"; do
    file="$dir/www$page"
    [[ $page == */ ]] && file+=index.html
    mkdir -p "$(dirname "$file")"
    code=$(curl -s -o "$file" -w '%{http_code}' -H 'Accept-Encoding: identity' "$BASE$page")
    [[ $code == 200 ]] || die "GET $BASE$page answered $code, expected 200"
  done
  # nginx workers run as 'nobody' when started by root: let them read the files.
  chmod -R a+rX "$dir"

  port=${BENCH_NGINX_PORT:-}
  if [[ -z $port ]]; then
    for p in $(seq 8089 8189); do
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
    done
    [[ -n $port ]] || die "no free port between 8089 and 8189 for nginx"
  fi

  cat >"$dir/nginx.conf" <<EOF
daemon off;
worker_processes ${BENCH_NGINX_WORKERS:-auto};
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 4096; }
http {
  $( [[ ${BENCH_NGINX_LOG:-} == 1 ]] && echo "access_log $dir/access.log;" || echo "access_log off;" )
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types {}
  default_type text/html;
  charset utf-8;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server {
    listen 127.0.0.1:$port;
    root $dir/www;
    index index.html;
  }
}
EOF
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" &
  NGINX_PID=$!
  NGINX_DIR=$dir
  NGINX=http://127.0.0.1:$port
  for _ in $(seq 50); do
    curl -s -o /dev/null --max-time 1 "$NGINX/" && break
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx did not start: $(cat "$dir/error.log")"
    sleep 0.1
  done
  check_same_bytes "$@"
}

# check_same_bytes PAGE...: nginx at $NGINX serves each PAGE with as many
# bytes as our server (a note when not; fatal when nginx serves nothing).
check_same_bytes() {
  local page ours theirs
  for page in "$@"; do
    # A refused connection counts as nothing served (the check below says
    # so), rather than stopping the caller's `set -o pipefail` silently.
    ours=$({ curl -s -H 'Accept-Encoding: identity' "$BASE$page" || true; } | wc -c)
    theirs=$({ curl -s "$NGINX$page" || true; } | wc -c)
    [[ $theirs -gt 0 ]] ||
      die "nginx at $NGINX does not serve $page${NGINX_DIR:+: $(cat "$NGINX_DIR/error.log" 2>/dev/null)}"
    [[ $ours == "$theirs" ]] ||
      echo "note: $page is $ours bytes from our server, $theirs from nginx (the page changes between requests?)" >&2
  done
}

stop_same_bytes_nginx() {
  if [[ -n $NGINX_PID ]]; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=
  fi
}
