-- Cycles pre-signed requests (bench/snap/presign.py writes one file per wrk thread, wire.py the same as sent)
-- and counts answers that are not the expected SNAP success (EXPECT: "200" for 2xx with a 2xx responseCode,
-- "401" for rejections).
local counter = 1
local threads = {}

function setup(thread)
    thread:set("id", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

-- The requests of PREFIX-ID.wire (bench/snap/wire.py: each as sent, NUL after each), read at once.
local function loadWire(file)
    local all = file:read("*a")
    file:close()
    local n, from = 0, 1
    while true do
        local stop = all:find("\0", from, true)
        if not stop then break end
        n = n + 1
        requests[n] = all:sub(from, stop - 1)
        from = stop + 1
    end
end

function init(args)
    requests = {}
    bad = 0
    expect = args[2] or "200"
    index = 0
    local wire = io.open(args[1] .. "-" .. id .. ".wire", "rb")
    if wire then return loadWire(wire) end
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
end

function request()
    index = index + 1
    if index > #requests then index = 1 end
    return requests[index]
end

function response(status, headers, body)
    local ok
    if expect == "200" then
        ok = status == 200 and body:find('"responseCode":"200', 1, true) ~= nil
    else
        ok = status == tonumber(expect)
    end
    if not ok then
        bad = bad + 1
        if bad == 1 then io.stderr:write("unexpected answer " .. status .. ": " .. body:sub(1, 300) .. "\n") end
    end
end

function done(summary, latency, requests)
    local total = 0
    for _, thread in ipairs(threads) do total = total + thread:get("bad") end
    io.write("unexpected answers: " .. total .. "\n")
end
