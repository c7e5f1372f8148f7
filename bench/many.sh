#!/usr/bin/env bash
# bench/many.sh: many busy connections at once, and the slowest request.
#
# Runs `wrk -t2 -c4000` against a guide page (every connection asking again
# as soon as it has its answer) and checks the goal of issues 16 and 29: no
# request slower than 250 ms, and no socket error. Prints the slowest
# request, p99 and throughput. nginx is not part of this check: it is about
# our server's worst case under a crowd, not a ratio.
#
# Run with the release server up (`make run`), on an otherwise idle machine:
#   bench/many.sh
# Env: BENCH_URL       server to test       (default http://127.0.0.1:3000)
#      BENCH_DURATION  seconds of load      (default 10)
#      BENCH_CONNS     connections          (default 4000)
#      BENCH_PAGE      path to request      (default /guide/what-is-back-end)
# Exit: 0 within the goal, 1 a request over 250 ms or a socket error,
#       2 setup problem.
set -euo pipefail

BASE=${BENCH_URL:-http://127.0.0.1:3000}
BASE=${BASE%/}
DURATION=${BENCH_DURATION:-10}
CONNS=${BENCH_CONNS:-4000}
PAGE=${BENCH_PAGE:-/guide/what-is-back-end}
GOAL_MS=250

die() { echo "many.sh: $*" >&2; exit 2; }
for tool in curl wrk awk; do
  command -v "$tool" >/dev/null || die "'$tool' is not installed"
done
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE$PAGE" || true)
[[ $code == 200 ]] || die "$BASE$PAGE answered $code (start the server with 'make run')"
# wrk holds one descriptor per connection.
ulimit -n $((CONNS + 1000)) 2>/dev/null ||
  die "cannot open $CONNS connections: raise the open files limit (ulimit -Hn) above $((CONNS + 1000))"

# The shared hook: RESULT <req/s> <p99 ms> <errors> <slowest ms>.
REPORT=$(cd "$(dirname "$0")" && pwd)/wrk-report.lua

echo "many: wrk -t2 -c$CONNS -d${DURATION}s on $BASE$PAGE"
out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --timeout 5s -s "$REPORT" "$BASE$PAGE" 2>&1) ||
  die "wrk failed: $out"
read -r rate p99 errors slowest < <(awk '/^RESULT/ { print $2, $3, $4, $5 }' <<<"$out")
[[ -n ${slowest:-} ]] || die "no result from wrk: $out"
printf '%.0f req/s, p99 %.1f ms, slowest %.1f ms, %d socket errors or failed requests\n' \
  "$rate" "$p99" "$slowest" "$errors"
if awk -v s="$slowest" -v g="$GOAL_MS" 'BEGIN { exit !(s <= g) }' && [[ $errors == 0 ]]; then
  echo "ok: no request over $GOAL_MS ms, no errors"
else
  echo "OVER GOAL: slowest $slowest ms (goal: at most $GOAL_MS ms), $errors errors"
  exit 1
fi
