-- wrk script for bench/catalog-write-bench: staff updating products while customers browse.
-- Every request is PUT /api/products/{id} (the seed's product update, without If-Match) with a
-- new price for a random product of the file named by PRODUCTS: one product per line, its id, a
-- tab, and its JSON body with the price written as __PRICE__. The access token is TOKEN (an
-- admin's). RATE (updates a second over all connections; 0 or unset: as fast as answered) paces
-- the connections with wrk's delay(). Counts answers: 200 updated, 4xx, 5xx.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    products = {}
    local file = assert(io.open(os.getenv("PRODUCTS"), "r"))
    for line in file:lines() do
        local id, body = line:match("^([^\t]+)\t(.+)$")
        if id then products[#products + 1] = {id = id, body = body} end
    end
    file:close()
    token = os.getenv("TOKEN")
    local rate = tonumber(os.getenv("RATE") or "0")
    -- wrk.connections is per thread here: the pause per connection that makes RATE in total.
    local connections = tonumber(os.getenv("WRITE_CONNECTIONS") or "1")
    pause = (rate > 0) and (1000 * connections / rate) or 0
    math.randomseed(os.time() + math.floor(os.clock() * 1e6))
    updated, status4, status5 = 0, 0, 0
end

function delay()
    return pause
end

function request()
    local p = products[math.random(#products)]
    local body = p.body:gsub("__PRICE__", tostring(math.random(100, 500000)))
    return wrk.format("PUT", "/api/products/" .. p.id, {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
    }, body)
end

function response(status, headers, body)
    if status == 200 then updated = updated + 1
    elseif status >= 500 then status5 = status5 + 1
    else status4 = status4 + 1 end
end

function done(summary, latency, requests)
    local u, s4, s5 = 0, 0, 0
    for _, thread in ipairs(threads) do
        u = u + thread:get("updated")
        s4 = s4 + thread:get("status4")
        s5 = s5 + thread:get("status5")
    end
    io.write(string.format(
        "WRITES updates_per_s=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d status4xx=%d status5xx=%d\n",
        u / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.errors.connect + summary.errors.read + summary.errors.write
            + summary.errors.timeout, s4, s5))
end
