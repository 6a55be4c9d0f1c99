-- Like cycle.lua, and prints, when done, how many lines the busiest thread used: series.sh gives every step its
-- own slice of pre-signed requests and checks that no step wrapped around its slice (a reused request).
local counter = 1
local threads = {}

function setup(thread)
    thread:set("id", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    requests = {}
    bad = 0
    local file = args[1] .. "-" .. id .. ".txt"
    for line in io.lines(file) do
        local method, path, headers, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
        local h = {}
        for pair in headers:gmatch("[^|]+") do
            local k, v = pair:match("^([^:]+): (.*)$")
            h[k] = v
        end
        table.insert(requests, wrk.format(method, path, h, body))
    end
    expect = args[2] or "200"
    index = 0
    used = 0
end

function request()
    index = index + 1
    used = used + 1
    if index > #requests then index = 1 end
    return requests[index]
end

function response(status, headers, body)
    local ok = status == 200 and body:find('"responseCode":"200', 1, true) ~= nil
    if expect ~= "200" then ok = status == tonumber(expect) end
    if not ok then bad = bad + 1 end
end

function done(summary, latency, requests)
    local total, most = 0, 0
    for _, thread in ipairs(threads) do
        total = total + thread:get("bad")
        most = math.max(most, thread:get("used"))
    end
    io.write("unexpected answers: " .. total .. "\n")
    io.write("lines used: " .. most .. "\n")
end
