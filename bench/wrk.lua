-- One wrk script for every run of bench/run.sh, configured through the environment:
--   BENCH_HOST      Host header (GateKeeper routes by it; empty for nginx and the upstream)
--   BENCH_API_KEY   api-key header (empty: none sent)
--   BENCH_DELAY_MS  pause of each connection before each request; > 0 paces the load (see run.sh)
-- and printing one machine-readable line at the end, which run.sh parses.

local host = os.getenv("BENCH_HOST") or ""
local api_key = os.getenv("BENCH_API_KEY") or ""
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")

if host ~= "" then
  wrk.headers["Host"] = host
end
if api_key ~= "" then
  wrk.headers["api-key"] = api_key
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.requests,
    summary.errors.status,
    errors))
end
