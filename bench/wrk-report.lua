-- The wrk hook every bench script shares (load.sh, query-load.sh, many.sh):
-- one machine-readable line at the end of a run,
--   RESULT <req/s> <p99 ms> <errors> <slowest ms>
-- where errors are socket errors plus non-2xx/3xx answers.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.2f %d %.2f\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status,
    latency.max / 1000))
end
