-- wrk script: every request signs in one of USERS accounts (bench1@example.com ...), all with the
-- password PASSWORD, through POST /api/auth/login (Argon2id verification, a new session row).
local users = tonumber(os.getenv("USERS") or "1000")
local password = assert(os.getenv("PASSWORD"), "PASSWORD is not set")
math.randomseed(os.time())
local headers = { ["Content-Type"] = "application/json" }

request = function()
    local body = string.format('{"email":"bench%d@example.com","password":"%s"}',
        math.random(users), password)
    return wrk.format("POST", "/api/auth/login", headers, body)
end

-- summary.errors.status counts answers with status >= 400 (a 503 from a full hash queue too).
done = function(summary, latency, requests)
    io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d timeouts=%d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status,
        summary.errors.timeout))
end
