-- wrk script for bench/scaleout-bench: each request a random path of the file named by PATHS
-- (the catalog mix: list pages, product details, searches, filtered lists), like
-- bench/wrk/paths.lua, reporting p95 as well (the seed's 500 ms promise is a p95) and the
-- answers by status class.
local paths = {}
local file = assert(io.open(os.getenv("PATHS"), "r"))
for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
end
file:close()

local threads = {}
function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    math.randomseed(os.time() + math.floor(os.clock() * 1e6))
    status4, status5 = 0, 0
end

request = function()
    return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
    if status >= 500 then status5 = status5 + 1
    elseif status >= 400 then status4 = status4 + 1 end
end

done = function(summary, latency, requests)
    local s4, s5 = 0, 0
    for _, thread in ipairs(threads) do
        s4 = s4 + thread:get("status4")
        s5 = s5 + thread:get("status5")
    end
    io.write(string.format(
        "RESULT rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f errors=%d status4xx=%d status5xx=%d timeouts=%d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
            + summary.errors.timeout,
        s4, s5, summary.errors.timeout))
end
