-- wrk script: each request picks a random path from the file named by the PATHS environment
-- variable (one path per line), so a run exercises many distinct URLs, not one cached answer.
local paths = {}
local file = assert(io.open(os.getenv("PATHS"), "r"))
for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
end
file:close()
math.randomseed(os.time())

request = function()
    return wrk.format("GET", paths[math.random(#paths)])
end

-- summary.errors.status counts answers with status >= 400.
done = function(summary, latency, requests)
    io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d timeouts=%d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status,
        summary.errors.timeout))
end
