"""Driver of bench/event-latency: stdin = the admin's user id, then the customers' ids."""
import base64, hashlib, hmac, http.client, json, socket, statistics, sys, threading, time, uuid

secret, port_a, port_b, pause_ms, load_start = sys.argv[1:6]
key = base64.b64decode(secret)
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=")


def token(user, role):
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "bench"}, separators=(",", ":")).encode())
    now = int(time.time())
    claims = {"iss": "shop", "aud": "shop-api", "sub": user, "sid": str(uuid.uuid4()), "typ": "access",
              "jti": str(uuid.uuid4()), "iat": now, "nbf": now, "exp": now + 7200, "role": role}
    signing = header + b"." + b64(json.dumps(claims, separators=(",", ":")).encode())
    return (signing + b"." + b64(hmac.new(key, signing, hashlib.sha256).digest())).decode()


ids = [line.strip() for line in sys.stdin if line.strip()]
admin = token(ids[0], "admin")
customers = [token(i, "user") for i in ids[1:]]

arrivals = {}  # (type, order_id) -> monotonic time
event_ids = []
cond = threading.Condition()


def reader():
    s = socket.create_connection(("127.0.0.1", int(port_b)))
    s.sendall(("GET /api/admin/events HTTP/1.1\r\nHost: b\r\nAccept: text/event-stream\r\n"
               "Authorization: Bearer %s\r\n\r\n" % admin).encode())
    buf = b""
    head = True
    while True:
        chunk = s.recv(65536)
        if not chunk:
            return
        now = time.monotonic()
        buf += chunk
        if head:
            if b"\r\n\r\n" not in buf:
                continue
            status, buf = buf.split(b"\r\n\r\n", 1)
            assert b" 200 " in status.split(b"\r\n")[0], status
            head = False
        while b"\n\n" in buf:
            block, buf = buf.split(b"\n\n", 1)
            fields = dict(line.split(b": ", 1) for line in block.split(b"\n") if b": " in line and not line.startswith(b":"))
            if b"data" not in fields or b"id" not in fields:
                continue
            data = json.loads(fields[b"data"])
            with cond:
                event_ids.append(int(fields[b"id"]))
                arrivals[(fields[b"event"].decode(), data.get("order_id"))] = now
                cond.notify_all()


threading.Thread(target=reader, daemon=True).start()
time.sleep(1.0)


def call(method, path, tok, body=None):
    c = http.client.HTTPConnection("127.0.0.1", int(port_a), timeout=60)
    headers = {"Authorization": "Bearer " + tok}
    if body is not None:
        headers["Content-Type"] = "application/json"
        headers["Idempotency-Key"] = str(uuid.uuid4())
    c.request(method, path, json.dumps(body) if body is not None else None, headers)
    r = c.getresponse()
    payload = r.read()
    answered = time.monotonic()
    c.close()
    return r.status, payload, answered


def wait_for(kind, order_id, timeout=10.0):
    deadline = time.monotonic() + timeout
    with cond:
        while (kind, order_id) not in arrivals and time.monotonic() < deadline:
            cond.wait(deadline - time.monotonic())
        return arrivals.get((kind, order_id))


address = {"shipping_address": {"recipient_name": "Ada", "line1": "1 Way", "city": "New York",
                                "postal_code": "10001", "region": "NY", "country": "US"}}
latency = {"placed": [], "cancelled": []}
lost = 0
for tok in customers:
    status, payload, answered = call("POST", "/api/orders", tok, address)
    if status != 201:
        print("order refused: %d %s" % (status, payload[:200]), file=sys.stderr)
        continue
    order_id = json.loads(payload)["id"]
    arrived = wait_for("order.placed", order_id)
    if arrived is None:
        lost += 1
    else:
        latency["placed"].append(max(0.0, arrived - answered) * 1000)
    status, payload, answered = call("PUT", "/api/admin/orders/%s/status" % order_id, admin, {"status": "cancelled"})
    if status != 200:
        print("status refused: %d %s" % (status, payload[:200]), file=sys.stderr)
        continue
    arrived = wait_for("order.cancelled", order_id)
    if arrived is None:
        lost += 1
    else:
        latency["cancelled"].append(max(0.0, arrived - answered) * 1000)
    time.sleep(int(pause_ms) / 1000)

time.sleep(1.0)
with cond:
    disorder = sum(1 for a, b in zip(event_ids, event_ids[1:]) if b <= a)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


print("# Live feed latency, commit to an SSE client of another instance (%s)" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
print()
print("%d customers, one after another, %s ms apart; the stream on B, writes through A." % (len(customers), pause_ms))
print("Load average at the start: %s; at the end: %s." % (load_start, " ".join(open("/proc/loadavg").read().split()[:3])))
print()
print("| event | how it is announced | n | p50 ms | p99 ms | max ms |")
print("|---|---|---|---|---|---|")
how = {"placed": "deferred NOTIFY (0007): A's post-commit `NOTIFY shop_jobs`",
       "cancelled": "the event trigger's `NOTIFY shop_admin_events` at commit"}
for kind in ("placed", "cancelled"):
    v = latency[kind]
    if v:
        print("| order.%s | %s | %d | %.1f | %.1f | %.1f |" % (kind, how[kind], len(v), statistics.median(v), pct(v, 99), max(v)))
print()
print("Events lost: %d; received out of id order: %d; events received in all: %d." % (lost, disorder, len(event_ids)))
