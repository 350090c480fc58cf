-- wrk: POSTs the pre-signed, unique Twilio webhooks of make_requests.py, one file per thread
-- (wrk ... -s twilio.lua URL -- REQUEST_DIR ACCOUNT_SID), and counts answers by status.
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local requests = {}
local position = 0
wrapped = 0
local account = ""
ok, unavailable, other = 0, 0, 0

function init(args)
  local dir = args[1]
  account = args[2]
  for line in io.lines(dir .. "/requests-" .. id .. ".tsv") do
    local sid, wa_id, signature = line:match("^(%S+)\t(%S+)\t(%S+)$")
    requests[#requests + 1] = { sid, wa_id, signature }
  end
end

local body_text = "how+much+did+I+spend+at+Reliance+last+month%3F"

function request()
  position = position + 1
  if position > #requests then
    position = 1
    wrapped = wrapped + 1
  end
  local r = requests[position]
  local body = "MessageSid=" .. r[1] .. "&SmsMessageSid=" .. r[1] .. "&AccountSid=" .. account ..
    "&From=whatsapp%3A%2B" .. r[2] .. "&To=whatsapp%3A%2B14155238886&Body=" .. body_text ..
    "&NumMedia=0&ProfileName=Bench&WaId=" .. r[2]
  return wrk.format("POST", "/whatsapp", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Twilio-Signature"] = r[3],
  }, body)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  elseif status == 503 then
    unavailable = unavailable + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_503, total_other, total_wrapped = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_503 = total_503 + thread:get("unavailable")
    total_other = total_other + thread:get("other")
    total_wrapped = total_wrapped + thread:get("wrapped")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT webhooks_200=%d webhooks_503=%d webhooks_other=%d socket_errors=%d seconds=%.2f " ..
    "ok_per_second=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f reused_requests=%d\n",
    total_ok, total_503, total_other,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    seconds, total_ok / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    total_wrapped))
end
