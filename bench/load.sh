#!/usr/bin/env bash
# bench/load.sh: throughput of our server compared with nginx serving the same HTML.
#
# Saves the HTML of the pages below exactly as our server sends it (uncompressed),
# starts a throwaway nginx on loopback serving those bytes at the same paths, then
# runs `wrk -t2 -c<N> -d<D>s --latency` against both for each page and each
# connection count, and prints one comparison table followed by the checks.
#
# Each cell is measured in rounds that alternate the two servers (ours first in
# odd rounds, nginx first in even ones), and the table compares the medians of
# req/s and of p99. On a 2-core machine that also runs wrk, one 10 s sample of
# each server, taken one after the other, varied 10-15% from run to run (nginx
# alone: 54k to 67k req/s on the same page); interleaved rounds and medians keep
# that drift from deciding the result. Every round's figures are printed too.
#
# Run (with the release server up, e.g. `make run`):
#   bench/load.sh
#   BENCH_URL=http://127.0.0.1:3200 BENCH_DURATION=3 BENCH_ROUNDS=1 bench/load.sh
#
# Env: BENCH_URL       server to test       (default http://127.0.0.1:3000)
#      BENCH_DURATION  seconds per wrk run  (default 5)
#      BENCH_ROUNDS    rounds per cell      (default 3; odd, so the median is a run)
#      BENCH_STRICT=1  also fail when ours/nginx is below the 1.0 target (issue 16),
#                      or our p99 latency is above nginx's
#      BENCH_NGINX_PORT  port for nginx     (default: first free one from 8089)
#      BENCH_NGINX_LOG=1 nginx writes its access log (its default, one line per
#                      request, to a file) as ours writes its request log;
#                      without it nginx logs nothing, which is what the
#                      1.0 target was set against
#      BENCH_NGINX_URL   an nginx already serving the site, instead of the
#                        throwaway one (e.g. the static export served by
#                        bench/serve-export.sh): compares our server with it
# Exit: 0 ok, 1 errors seen (or below target with BENCH_STRICT=1), 2 setup problem.
# wrk sends no Accept-Encoding, so both servers answer uncompressed.
set -euo pipefail

BASE=${BENCH_URL:-http://127.0.0.1:3000}
BASE=${BASE%/}
DURATION=${BENCH_DURATION:-5}
ROUNDS=${BENCH_ROUNDS:-3}
TARGET=1.0
PAGES=(/ /guide/what-is-back-end)
CONNS=(64 256)

die() { echo "load.sh: $*" >&2; exit 2; }

for tool in curl wrk nginx awk; do
  command -v "$tool" >/dev/null || die "'$tool' is not installed"
done
[[ $DURATION =~ ^[0-9]+$ && $DURATION -gt 0 ]] || die "BENCH_DURATION must be a whole number of seconds"
[[ $ROUNDS =~ ^[0-9]+$ && $((ROUNDS % 2)) == 1 ]] || die "BENCH_ROUNDS must be an odd whole number"

code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/" || true)
[[ $code != 000 ]] || die "nothing answers at $BASE (start the server with 'make run' or set BENCH_URL)"

TMP=$(mktemp -d /tmp/bench-load.XXXXXX)
# shellcheck source=bench/same-bytes-nginx.sh
source "$(dirname "$0")/same-bytes-nginx.sh"
cleanup() {
  stop_same_bytes_nginx
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1-2. nginx serving the pages exactly as ours sends them, unless one is given.
if [[ -n ${BENCH_NGINX_URL:-} ]]; then
  NGINX=${BENCH_NGINX_URL%/}
  check_same_bytes "${PAGES[@]}"
else
  start_same_bytes_nginx "$TMP" "${PAGES[@]}"
fi

# 3. wrk runs. The shared Lua hook prints one machine-readable line at the end
#    (bench/wrk-report.lua): RESULT <req/s> <p99 ms> <errors> <slowest ms>
REPORT=$(cd "$(dirname "$0")" && pwd)/wrk-report.lua

run_wrk() { # url conns -> "req/s p99 errors"
  local out
  out=$(wrk -t2 -c"$2" -d"${DURATION}s" --latency -s "$REPORT" "$1" 2>&1) ||
    die "wrk failed against $1: $out"
  awk '/^RESULT / { print $2, $3, $4 }' <<<"$out"
}

median() { # numbers... -> the middle one
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[(NR + 1) / 2] }'
}

echo "load: $BASE vs nginx on $NGINX, wrk -t2, ${DURATION}s per run, $ROUNDS rounds per cell" >&2
rows=()
for page in "${PAGES[@]}"; do
  for c in "${CONNS[@]}"; do
    o_rps=() n_rps=() o_p99=() n_p99=() o_err=0 n_err=0
    for round in $(seq "$ROUNDS"); do
      if ((round % 2)); then
        ours=$(run_wrk "$BASE$page" "$c")
        theirs=$(run_wrk "$NGINX$page" "$c")
      else
        theirs=$(run_wrk "$NGINX$page" "$c")
        ours=$(run_wrk "$BASE$page" "$c")
      fi
      read -r rps p99 err <<<"$ours"
      o_rps+=("$rps") o_p99+=("$p99") o_err=$((o_err + err))
      read -r rps p99 err <<<"$theirs"
      n_rps+=("$rps") n_p99+=("$p99") n_err=$((n_err + err))
      echo "  $page, $c connections, round $round: ours ${o_rps[-1]} req/s p99 ${o_p99[-1]} ms," \
        "nginx ${n_rps[-1]} req/s p99 ${n_p99[-1]} ms" >&2
    done
    rows+=("$page $c $(median "${o_rps[@]}") $(median "${n_rps[@]}") $(median "${o_p99[@]}") $(median "${n_p99[@]}") $o_err $n_err")
  done
done

# 4. Table and checks.
printf '\n(medians of %s rounds)\n%-26s %5s %12s %12s %7s %10s %10s %s\n' "$ROUNDS" \
  page conns 'ours req/s' 'nginx req/s' ratio 'ours p99' 'nginx p99' 'errors ours/nginx'
errors=0 below=0 checks=()
for row in "${rows[@]}"; do
  read -r page c o_rps n_rps o_p99 n_p99 o_err n_err <<<"$row"
  ratio=$(awk -v o="$o_rps" -v n="$n_rps" 'BEGIN { printf "%.2f", (n > 0) ? o / n : 0 }')
  printf '%-26s %5s %12.0f %12.0f %7s %8.2fms %8.2fms %s/%s\n' \
    "$page" "$c" "$o_rps" "$n_rps" "$ratio" "$o_p99" "$n_p99" "$o_err" "$n_err"
  errors=$((errors + o_err + n_err))
  if awk -v r="$ratio" -v t="$TARGET" 'BEGIN { exit !(r < t) }'; then
    below=$((below + 1))
    checks+=("BELOW TARGET: $page at $c connections: ours/nginx = $ratio < $TARGET")
  fi
  if awk -v o="$o_p99" -v n="$n_p99" 'BEGIN { exit !(o > n) }'; then
    below=$((below + 1))
    checks+=("SLOWER TAIL: $page at $c connections: our p99 ${o_p99} ms > nginx's ${n_p99} ms")
  fi
done

echo
echo "checks:"
for line in "${checks[@]}"; do echo "  $line"; done
[[ $below == 0 ]] && echo "  ok: ours/nginx >= $TARGET and our p99 <= nginx's in every cell"
if [[ $errors == 0 ]]; then
  echo "  ok: no errors"
else
  echo "  FAIL: $errors errors (wrk socket errors + non-2xx/3xx responses)"
fi

status=0
[[ $errors == 0 ]] || status=1
[[ $below == 0 || ${BENCH_STRICT:-0} != 1 ]] || status=1
exit "$status"
