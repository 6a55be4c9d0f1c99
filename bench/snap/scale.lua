-- Cycles pre-signed unique balance inquiries (bench/snap/sign-requests.py) across wrk threads, each thread taking
-- every n-th line so no X-EXTERNAL-ID is sent twice; counts answers that are not 200.
-- wrk -s scale.lua URL -- REQUESTS_FILE TOKEN THREADS
local threads = {}
local next_id = 0

function setup(thread)
    thread:set("thread_id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

function init(args)
    local file, token, count = args[1], args[2], tonumber(args[3])
    requests = {}
    local line_number = 0
    for line in io.lines(file) do
        if line_number % count == thread_id then
            local external_id, signature, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
            requests[#requests + 1] = wrk.format("POST", "/v1.0/balance-inquiry", {
                ["Content-Type"] = "application/json",
                ["X-TIMESTAMP"] = os.getenv("BENCH_TIMESTAMP"),
                ["X-SIGNATURE"] = signature,
                ["X-PARTNER-ID"] = "snapsim-demo",
                ["X-EXTERNAL-ID"] = external_id,
                ["CHANNEL-ID"] = "95221",
                ["Authorization"] = "Bearer " .. token,
            }, body)
        end
        line_number = line_number + 1
    end
    position = 0
    failures = 0
    wrapped = 0
end

function request()
    position = position + 1
    if position > #requests then
        position = 1
        wrapped = wrapped + 1
    end
    return requests[position]
end

function response(status, headers, body)
    if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
    local failed, wraps = 0, 0
    for _, thread in ipairs(threads) do
        failed = failed + thread:get("failures")
        wraps = wraps + thread:get("wrapped")
    end
    io.write(string.format("RESULT %.0f %.2f %.2f %d %d %d\n", summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, failed, wraps))
end
