-- wrk script of bench/claims.sh: each request claims a new cluster (POST /v1/clusters) under a name never used before,
-- configured through the environment:
--   BENCH_TOKEN        the tenant administrator's management token (Authorization: Bearer)
--   BENCH_RUN          a label unique to this wrk run (lower-case letters and digits), part of every name and key
--   BENCH_IDEMPOTENT   1: every request carries its own Idempotency-Key (so none is a replay)
--   BENCH_DELAY_MS     pause of each connection before each request; > 0 paces the load
-- Every answer must be 202: the last line counts the others (and shows the first), and claims.sh fails the run on any.

local token = os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN is not set")
local run = os.getenv("BENCH_RUN") or error("BENCH_RUN is not set")
local idempotent = os.getenv("BENCH_IDEMPOTENT") == "1"
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")

local threads = {}
local next_thread = 1

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  not_accepted = 0
  first_refusal = ""
end

-- The smallest claim Orion accepts, so the region's capacity (sized by the fixture) holds every claim of the run.
local body_format = '{"name":"%s","engine":"qdrant","nodes":1,"cpu":"250m","memory":"512Mi","disk":"1Gi",'
  .. '"provider":"minikube","region":"local"}'

function request()
  sent = sent + 1
  -- At most 63 characters, a DNS label as Orion requires.
  local name = string.format("c%s-%d-%d", run, thread_id, sent)
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }
  if idempotent then
    headers["Idempotency-Key"] = "k-" .. name
  end
  return wrk.format("POST", "/v1/clusters", headers, string.format(body_format, name))
end

function response(status, headers, body)
  if status ~= 202 then
    not_accepted = not_accepted + 1
    if first_refusal == "" then
      first_refusal = status .. " " .. string.sub(body or "", 1, 300):gsub("%s+", " ")
    end
  end
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, requests)
  local refused, first = 0, ""
  for _, thread in ipairs(threads) do
    refused = refused + thread:get("not_accepted")
    if first == "" then
      first = thread:get("first_refusal")
    end
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d not_202=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.requests,
    refused,
    errors))
  if first ~= "" then
    io.write("FIRST_REFUSAL " .. first .. "\n")
  end
end
