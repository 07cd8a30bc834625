-- wrk script: every request places an order (POST /api/orders) for the next customer of the
-- TOKENS file (one access token per line, each customer with a prepared cart), with a new
-- Idempotency-Key. Thread i of n takes tokens i, i + n, i + 2n, ... so no cart is checked out
-- twice. Answers are counted by status: 201 placed, 409 out of stock, 422 empty cart, 5xx.
local threads = {}
local counter = 0

function setup(thread)
    thread:set("index", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    tokens = {}
    local file = assert(io.open(os.getenv("TOKENS"), "r"))
    for line in file:lines() do
        if #line > 0 then tokens[#tokens + 1] = line end
    end
    file:close()
    step = tonumber(os.getenv("THREADS") or "2")
    nextToken = index + 1
    placed, outOfStock, emptyCart, serverErrors, other, exhausted = 0, 0, 0, 0, 0, 0
    math.randomseed(os.time() + index * 7919)
    body = '{"shipping_address":{"recipient_name":"Bench Customer","line1":"1 Main St",'
        .. '"city":"New York","postal_code":"10001","region":"NY","country":"US"}}'
end

function request()
    local token = tokens[nextToken]
    if token == nil then
        exhausted = exhausted + 1
        token = tokens[1]
    end
    nextToken = nextToken + step
    local key = string.format("%d-%d-%d", index, nextToken, math.random(1, 1e9))
    return wrk.format("POST", "/api/orders", {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = key,
    }, body)
end

function response(status, headers, body)
    if status == 201 then placed = placed + 1
    elseif status == 409 then outOfStock = outOfStock + 1
    elseif status == 422 then emptyCart = emptyCart + 1
    elseif status >= 500 then serverErrors = serverErrors + 1
    else other = other + 1 end
end

function done(summary, latency, requests)
    local p, o, e, s, x, ex = 0, 0, 0, 0, 0, 0
    for _, thread in ipairs(threads) do
        p = p + thread:get("placed")
        o = o + thread:get("outOfStock")
        e = e + thread:get("emptyCart")
        s = s + thread:get("serverErrors")
        x = x + thread:get("other")
        ex = ex + thread:get("exhausted")
    end
    local seconds = summary.duration / 1e6
    io.write(string.format(
        "RESULT orders_per_s=%.1f p50_ms=%.2f p99_ms=%.2f placed=%d out_of_stock=%d empty=%d "
            .. "server_errors=%d other=%d socket_errors=%d exhausted=%d\n",
        p / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, p, o, e, s, x,
        summary.errors.connect + summary.errors.read + summary.errors.write
            + summary.errors.timeout, ex))
end
