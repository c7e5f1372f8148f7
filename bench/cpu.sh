#!/usr/bin/env bash
# bench/cpu.sh: CPU time per request of our server and of nginx serving the
# same bytes, with wrk on a core of its own.
#
# bench/load.sh compares requests a second with wrk, our server and nginx
# all sharing the machine's cores; on a 2-core VM that drifts 10-15% from run
# to run, because how the cores are shared decides as much as the servers
# do. This measures what each server spends on a request instead: both are
# pinned to the first cores and wrk (one thread) to the last, and the user
# and system time of the server's process (/proc/<pid>/stat, all threads)
# before and after each run is divided by the requests wrk counted. Rounds
# alternate the two servers; the table shows medians, and the ratio
# nginx/ours of CPU time a request (1.0 or more: ours spends no more).
#
# Run (with the release server up, e.g. `make run`, and warm: after its log
# says "brotli bodies ready"):
#   bench/cpu.sh
#   BENCH_PAGES="/" BENCH_CONNS="64" BENCH_ROUNDS=1 bench/cpu.sh
#
# Env: BENCH_URL       our server           (default http://127.0.0.1:3000)
#      BENCH_PAGES     pages, space-separated (default "/ /guide/what-is-back-end")
#      BENCH_CONNS     connection counts    (default "64 256")
#      BENCH_DURATION  seconds per wrk run  (default 5)
#      BENCH_ROUNDS    rounds per cell      (default 3, odd)
#      BENCH_NGINX_LOG=1  nginx writes its access log, as ours writes its
#                         request log (see bench/same-bytes-nginx.sh)
# Our server's CPU affinity is set back to what it was when this ends.
# Needs Linux, 2 or more cores, and taskset, ss, wrk, nginx, curl, awk.
# Exit: 0 measured, 2 setup problem.
set -euo pipefail

BASE=${BENCH_URL:-http://127.0.0.1:3000}
BASE=${BASE%/}
read -r -a PAGES <<<"${BENCH_PAGES:-/ /guide/what-is-back-end}"
read -r -a CONNS <<<"${BENCH_CONNS:-64 256}"
DURATION=${BENCH_DURATION:-5}
ROUNDS=${BENCH_ROUNDS:-3}

die() { echo "cpu.sh: $*" >&2; exit 2; }

for tool in curl wrk nginx awk taskset ss; do
  command -v "$tool" >/dev/null || die "'$tool' is not installed"
done
[[ $DURATION =~ ^[0-9]+$ && $DURATION -gt 0 ]] || die "BENCH_DURATION must be a whole number of seconds"
[[ $ROUNDS =~ ^[0-9]+$ && $((ROUNDS % 2)) == 1 ]] || die "BENCH_ROUNDS must be an odd whole number"
CORES=$(nproc)
[[ $CORES -ge 2 ]] || die "needs 2 or more cores (wrk gets one of its own)"
SERVER_CORES=0-$((CORES - 2))
CLIENT_CORE=$((CORES - 1))

# Our server: the process listening on BASE's port.
port=${BASE##*:}
port=${port%%/*}
[[ $port =~ ^[0-9]+$ ]] || die "BENCH_URL needs an explicit port (got $BASE)"
OURS=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[[ -n $OURS ]] || die "no process of ours listens on port $port (start it with 'make run'; as root, or as its user)"
ORIGINAL_AFFINITY=$(taskset -cp "$OURS" | awk '{ print $NF }')

TMP=$(mktemp -d /tmp/bench-cpu.XXXXXX)
# shellcheck source=bench/same-bytes-nginx.sh
source "$(dirname "$0")/same-bytes-nginx.sh"
cleanup() {
  taskset -a -cp "$ORIGINAL_AFFINITY" "$OURS" >/dev/null 2>&1 || true
  stop_same_bytes_nginx
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_same_bytes_nginx "$TMP" "${PAGES[@]}"
taskset -a -cp "$SERVER_CORES" "$OURS" >/dev/null || die "cannot pin our server (pid $OURS)"
for pid in $(pgrep -P "$NGINX_PID") "$NGINX_PID"; do
  taskset -a -cp "$SERVER_CORES" "$pid" >/dev/null || die "cannot pin nginx (pid $pid)"
done
TICK=$(getconf CLK_TCK)

ticks() { # pids... -> user and system ticks, summed (each process: all its threads)
  local pid
  for pid in "$@"; do cat "/proc/$pid/stat"; done |
    sed 's/^.*) //' | awk '{ u += $12; s += $13 } END { print u, s }'
}

# Runs in a subshell (read < <(...)): a failure prints nothing, and the
# caller stops on the empty result.
measure() { # url conns pids... -> "user_us system_us req_per_s" per request
  local url=$1 conns=$2 u0 s0 u1 s1 requests
  shift 2
  read -r u0 s0 < <(ticks "$@")
  requests=$(taskset -c "$CLIENT_CORE" wrk -t1 -c"$conns" -d"${DURATION}s" "$url" |
    awk '/ requests in / { print $1 }')
  read -r u1 s1 < <(ticks "$@")
  [[ ${requests:-0} -gt 0 ]] || die "wrk counted no requests at $url"
  awk -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v r="$requests" -v t="$TICK" -v d="$DURATION" \
    'BEGIN { printf "%.2f %.2f %.0f\n", u * 1e6 / t / r, s * 1e6 / t / r, r / d }'
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[(NR + 1) / 2] }'; }

NGINX_PIDS=$(pgrep -P "$NGINX_PID" | tr '\n' ' ')
echo "cpu: ours (pid $OURS) and nginx on cores $SERVER_CORES, wrk -t1 on core $CLIENT_CORE," \
  "${DURATION}s per run, $ROUNDS rounds per cell" >&2
rows=()
for page in "${PAGES[@]}"; do
  for c in "${CONNS[@]}"; do
    ou=() os=() nu=() ns=()
    for round in $(seq "$ROUNDS"); do
      a= x=
      if ((round % 2)); then
        read -r a b r1 < <(measure "$BASE$page" "$c" "$OURS") || true
        # shellcheck disable=SC2086
        read -r x y r2 < <(measure "$NGINX$page" "$c" $NGINX_PIDS) || true
      else
        # shellcheck disable=SC2086
        read -r x y r2 < <(measure "$NGINX$page" "$c" $NGINX_PIDS) || true
        read -r a b r1 < <(measure "$BASE$page" "$c" "$OURS") || true
      fi
      [[ -n ${a:-} && -n ${x:-} ]] || die "a wrk run on $page at $c connections failed (see above)"
      ou+=("$a") os+=("$b") nu+=("$x") ns+=("$y")
      echo "  $page, $c connections, round $round: ours $a + $b µs ($r1 req/s)," \
        "nginx $x + $y µs ($r2 req/s)" >&2
    done
    rows+=("$page $c $(median "${ou[@]}") $(median "${os[@]}") $(median "${nu[@]}") $(median "${ns[@]}")")
  done
done

printf '\n(CPU time a request, user + system, medians of %s rounds)\n%-26s %5s %16s %16s %s\n' \
  "$ROUNDS" page conns 'ours µs' 'nginx µs' 'nginx/ours'
for row in "${rows[@]}"; do
  read -r page c ou os nu ns <<<"$row"
  awk -v p="$page" -v c="$c" -v ou="$ou" -v os="$os" -v nu="$nu" -v ns="$ns" 'BEGIN {
    printf "%-26s %5s %7.2f + %6.2f %7.2f + %6.2f %10.2f\n", p, c, ou, os, nu, ns, (nu + ns) / (ou + os) }'
done
