#!/usr/bin/env python3
"""Scale-out test: three REAL shop-server instances behind nginx, one store.

    scaleout.py --server BUILD/server/shop-server --sandbox BUILD/server/sandbox/shop-sandbox
                [--only NAME,...] [--keep]

Needs SHOP_TEST_DATABASE_URL (scripts/with-test-services) and, for the shared rate limits,
SHOP_TEST_REDIS_URL (the same script starts Redis once the redis branch is in). Starts, on
loopback: one shop-sandbox (mail and Stripe), a fresh database (migrate, seed-demo), three
`shop-server serve` on it sharing the signing key and the Redis prefix, trusting 127.0.0.1 as
their proxy, and nginx with the configuration generated from packaging/nginx/shop.conf
(make-test-config). Then it checks, each check independent and reported by name:

  proxy          nginx answers /health/ready, spreads requests over all three instances, and the
                 servers see the client address nginx forwards (X-Forwarded-For is trusted)
  jobs_once      N customers registered and N orders placed through nginx: exactly one welcome
                 and one confirmation email per customer in the sandbox inbox, every mail job done
                 after one attempt; the orders' expiry jobs made due: every order cancelled once
                 (one history entry), the stock back exactly once, every expiry job done once
  login_limit    the per-account failed-login limit (auth/login_failures_per_account, 5) trips
                 after 5 failures spread over the three instances, and then every instance
                 refuses the right password with 429
  price          a price changed through instance 1 is read by each instance directly (not only
                 through nginx) within a second
  signout        a customer signed out through one instance is refused (401) by all three (the
                 revocation reaches the others through PostgreSQL's shop_sessions NOTIFY)
  media          an image uploaded through one instance is served, byte for byte, by all three
  failover       (last) instance 3 killed: every request through nginx still answered (passive
                 health, retry of idempotent requests); all killed: nginx's problem+json 503

Any failing check fails the test (exit 1); nothing is skipped. A check that needs a piece the build
does not have yet (Redis not configured, no image upload route) fails and says so.
"""
import argparse
import base64
import http.client
import json
import os
import pathlib
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import uuid

ROOT = pathlib.Path(__file__).resolve().parents[2]
ADMIN = ("admin@shop.example", "demo-staff-passphrase")
PASSWORD = "a long enough scale-out passphrase"
INSTANCES = 3


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def cookies(self):
        return [v.split(";", 1)[0] for k, v in self.headers if k.lower() == "set-cookie"]

    def __repr__(self):
        return f"{self.status} {self.body[:300]!r}"


def request(port, method, path, body=None, headers=None, token=None, timeout=60):
    """One HTTP/1.1 request to 127.0.0.1:port. body: dict (JSON) or bytes."""
    headers = dict(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    if token:
        headers["Authorization"] = "Bearer " + token
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        return Response(answer.status, answer.getheaders(), answer.read())
    finally:
        connection.close()


def wait_until(predicate, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            return value
        time.sleep(interval)


class Cluster:
    """The processes of the test and their clean-up."""

    def __init__(self, args):
        self.args = args
        self.work = pathlib.Path(tempfile.mkdtemp(prefix="shop-scaleout."))
        os.chmod(self.work, 0o755)
        self.processes = []  # (name, Popen, log path)
        self.maintenance_url = os.environ.get("SHOP_TEST_DATABASE_URL", "")
        self.redis_url = os.environ.get("SHOP_TEST_REDIS_URL", "")
        self.database = "scaleout_" + secrets.token_hex(6)
        self.database_url = ""
        self.ports = []
        self.nginx_port = 0
        self.sandbox_url = ""
        self.env = {}

    # -- database -------------------------------------------------------------------------
    def psql(self, sql, url=None):
        result = subprocess.run(["psql", url or self.database_url, "-v", "ON_ERROR_STOP=1", "-qtAX",
                                 "-c", sql], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise CheckFailed(f"psql failed: {sql}\n{result.stderr}")
        return result.stdout.strip()

    def database_url_for(self, name):
        # postgresql:///postgres?host=...: urlunsplit would drop the empty authority's slashes.
        base, question, query = self.maintenance_url.partition("?")
        return base.rsplit("/", 1)[0] + "/" + name + question + query

    # -- processes ------------------------------------------------------------------------
    def spawn(self, name, argv, env=None):
        log = self.work / f"{name}.log"
        handle = open(log, "wb")
        process = subprocess.Popen(argv, stdout=handle, stderr=subprocess.STDOUT,
                                   env=env, cwd=self.work, start_new_session=True)
        self.processes.append((name, process, log))
        return process, log

    def run(self, argv, env):
        result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            raise CheckFailed(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")

    def start(self):
        if not self.maintenance_url:
            raise CheckFailed("SHOP_TEST_DATABASE_URL is not set: run through scripts/with-test-services")
        nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
        if not nginx:
            raise CheckFailed("nginx is not installed (scripts/install-deps installs it)")
        self.nginx = nginx

        # shop-sandbox: port 0, it prints where it listens.
        _, log = self.spawn("sandbox", [self.args.sandbox, "--address", "127.0.0.1", "--port", "0",
                                        "--sendgrid-key", "SG.sandbox-test-key"])
        match = wait_until(lambda: re.search(rb"listening on (http://[^ \n]+)", log.read_bytes()), 30)
        expect(match, f"shop-sandbox did not start:\n{log.read_text(errors='replace')}")
        self.sandbox_url = match.group(1).decode().rstrip("/")
        self.sandbox_port = urllib.parse.urlsplit(self.sandbox_url).port

        self.psql(f"CREATE DATABASE {self.database}", self.maintenance_url)
        self.database_url = self.database_url_for(self.database)
        key = base64.b64encode(secrets.token_bytes(32)).decode()
        env = dict(os.environ)
        env.update({
            "SHOP_DATABASE_URL": self.database_url,
            "SHOP_HTTP_ADDRESS": "127.0.0.1",
            # One signing key for all instances: a token from one is valid on the others.
            "SHOP_AUTH_SIGNING_KEYS": f"scaleout:{key}",
            # nginx on loopback is the proxy: its X-Forwarded-For is believed.
            "SHOP_RATELIMIT_TRUSTED_PROXIES": "127.0.0.1,::1",
            # Everything comes from 127.0.0.1: the per-address limits out of the way, the
            # per-account login limit (5, the default) is what login_limit checks.
            "SHOP_RATELIMIT_CATALOG_PER_MIN": "100000",
            "SHOP_RATELIMIT_AUTH_PER_15MIN": "100000",
            "SHOP_RATELIMIT_ANON_WRITE_PER_15MIN": "100000",
            "SHOP_AUTH_LOGIN_FAILURES_PER_IP": "100000",
            "SHOP_MAIL_SENDGRID_BASE_URL": self.sandbox_url,
            "SHOP_MAIL_SENDGRID_API_KEY": "SG.sandbox-test-key",
            "SHOP_JOBS_POLL_MS": "200",
            "SHOP_PAYMENTS_STRIPE_API_URL": self.sandbox_url,
            "SHOP_PAYMENTS_STRIPE_JS_URL": self.sandbox_url + "/stripe-js/v3",
            "SHOP_PAYMENTS_STRIPE_SECRET_KEY": "sk_test_sandbox",
            "SHOP_PAYMENTS_STRIPE_PUBLISHABLE_KEY": "pk_test_sandbox",
            "SHOP_PAYMENTS_STRIPE_WEBHOOK_SECRETS": "whsec_sandbox",
        })
        if self.redis_url:
            # One Redis, one key prefix shared by the three instances (and no other test).
            env["SHOP_REDIS_URL"] = self.redis_url
            env["SHOP_REDIS_PREFIX"] = f"{self.database}:"
        self.env = env
        self.run([self.args.server, "migrate"], env)
        self.run([self.args.server, "seed-demo"], env)

        for i in range(INSTANCES):
            port = free_port()
            self.ports.append(port)
            instance_env = dict(env, SHOP_HTTP_PORT=str(port))
            self.spawn(f"server{i + 1}", [self.args.server, "serve"], instance_env)
        for i, port in enumerate(self.ports):
            ready = wait_until(lambda: self.ready(port), 60, 0.2)
            expect(ready, f"instance {i + 1} (port {port}) not ready:\n{self.log(f'server{i + 1}')}")

        self.nginx_port = free_port()
        prefix = self.work / "nginx"
        generator = ROOT / "packaging" / "nginx" / "make-test-config"
        subprocess.run([sys.executable, str(generator), "--prefix", str(prefix), "--listen",
                        str(self.nginx_port), "--no-edge-limit", "--access-log"]
                       + sum((["--upstream", f"127.0.0.1:{p}"] for p in self.ports), []),
                       check=True, capture_output=True)
        self.nginx_prefix = prefix
        self.spawn("nginx", [nginx, "-p", str(prefix), "-e", str(prefix / "error.log"),
                             "-c", str(prefix / "nginx.conf")])
        ready = wait_until(lambda: self.ready(self.nginx_port), 30, 0.2)
        expect(ready, f"nginx not ready:\n{self.log('nginx')}\n"
                      f"{(prefix / 'error.log').read_text(errors='replace') if (prefix / 'error.log').exists() else ''}")

    def ready(self, port):
        try:
            return request(port, "GET", "/health/ready", timeout=5).status == 200
        except OSError:
            return False

    def log(self, name):
        for n, _, path in self.processes:
            if n == name and path.exists():
                return path.read_text(errors="replace")[-4000:]
        return ""

    def stop(self):
        for name, process, _ in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
        for name, process, _ in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if self.database_url:
            try:
                self.psql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)", self.maintenance_url)
            except CheckFailed as error:
                print(error, file=sys.stderr)
        if not self.args.keep:
            shutil.rmtree(self.work, ignore_errors=True)
        else:
            print(f"kept: {self.work}")

    # -- API helpers ----------------------------------------------------------------------
    def sign_in(self, email, password, port=None):
        answer = request(port or self.nginx_port, "POST", "/api/auth/login",
                         {"email": email, "password": password})
        expect(answer.status == 200, f"sign-in {email}: {answer}")
        return answer.json()["access_token"], answer.cookies()

    def register(self, prefix, port=None):
        email = f"{prefix}-{secrets.token_hex(5)}@example.com"
        answer = request(port or self.nginx_port, "POST", "/api/auth/register",
                         {"email": email, "password": PASSWORD, "first_name": "Scale",
                          "last_name": prefix})
        expect(answer.status == 201, f"register {email}: {answer}")
        return email, answer.json()["access_token"]

    def inbox(self):
        answer = request(self.sandbox_port, "GET", "/api/messages")
        expect(answer.status == 200, f"sandbox inbox: {answer}")
        return answer.json()["messages"]

    def products_in_stock(self, count, min_stock=20):
        answer = request(self.nginx_port, "GET", "/api/products?limit=100&sort=price_asc&in_stock=true")
        expect(answer.status == 200, f"product list: {answer}")
        page = answer.json()
        items = page.get("products") or page.get("items") or []
        found = [p for p in items if p.get("stock_quantity", 0) >= min_stock]
        expect(len(found) >= count, f"only {len(found)} products with stock >= {min_stock}")
        return found[:count]


# -- checks -------------------------------------------------------------------------------
def check_proxy(c):
    answer = request(c.nginx_port, "GET", "/health/ready")
    expect(answer.status == 200, f"/health/ready through nginx: {answer}")
    for _ in range(30):
        answer = request(c.nginx_port, "GET", "/api/categories")
        expect(answer.status == 200, f"GET /api/categories through nginx: {answer}")
    # Which instance answered each request: the test variant's access log has $upstream_addr.
    log = (c.nginx_prefix / "access.log").read_text()
    used = {int(m) for m in re.findall(r"upstream=127\.0\.0\.1:(\d+)", log)}
    expect(used == set(c.ports), f"nginx sent requests to {sorted(used)}, instances are {c.ports}")
    # Bodies are limited per route, by nginx and by the servers alike (1 MiB, more only for the
    # uploads): 2 MiB on another route is 413 problem+json from nginx and from an instance.
    for port, where in ((c.nginx_port, "through nginx"), (c.ports[0], "at instance 1")):
        answer = request(port, "POST", "/api/auth/login", b"x" * (2 * 1024 * 1024),
                         headers={"Content-Type": "application/json"})
        expect(answer.status == 413, f"2 MiB body {where}: {answer}")
        expect((answer.header("content-type") or "").startswith("application/problem+json"),
               f"2 MiB body {where}: {answer.headers}")


def check_jobs_once(c):
    n = 6
    products = c.products_in_stock(n)
    stock_before = {p["id"]: int(c.psql(f"SELECT stock_quantity FROM products WHERE id = '{p['id']}'"))
                    for p in products}
    customers = []
    for i in range(n):
        email, token = c.register(f"jobs{i}")
        customers.append((email, token))
    orders = []
    for i, (email, token) in enumerate(customers):
        product = products[i]
        answer = request(c.nginx_port, "POST", "/api/cart/items",
                         {"product_id": product["id"], "quantity": 2}, token=token)
        expect(answer.status in (200, 201), f"add to cart: {answer}")
        answer = request(c.nginx_port, "POST", "/api/orders",
                         {"shipping_address": {"recipient_name": "Scale Out", "line1": "1 Loop Road",
                                               "city": "New York", "postal_code": "10001",
                                               "region": "NY", "country": "US"}},
                         headers={"Idempotency-Key": str(uuid.uuid4())}, token=token)
        expect(answer.status == 201, f"place order: {answer}")
        order = answer.json().get("order", answer.json())
        orders.append((email, order["id"], order["order_number"], product["id"]))

    emails = {e for e, _ in customers}

    def mail_counts():
        counts = {}
        for m in c.inbox():
            for to in m.get("to", []):
                address = to if isinstance(to, str) else to.get("email", "")
                if address in emails:
                    counts.setdefault(address, []).append(m)
        return counts

    def all_arrived():
        counts = mail_counts()
        return all(len(counts.get(e, [])) >= 2 for e in emails)

    expect(wait_until(all_arrived, 90, 0.5), f"emails missing after 90 s: {mail_counts()}")
    # Duplicates would come within the poll interval (200 ms) of each instance: wait a little more.
    time.sleep(3)
    counts = mail_counts()
    for email, _, number, _ in orders:
        messages = counts.get(email, [])
        confirmations = [m for m in messages if number in (m.get("subject", "") + m.get("text", ""))]
        expect(len(confirmations) == 1,
               f"{email}: {len(confirmations)} confirmation emails for {number} (want 1): "
               f"{[m.get('subject') for m in messages]}")
        expect(len(messages) == 2, f"{email}: {len(messages)} emails (want welcome + confirmation): "
                                   f"{[m.get('subject') for m in messages]}")
    pending = c.psql("SELECT count(*) FROM jobs WHERE kind = 'mail' AND (state <> 'done' OR attempts <> 1)")
    expect(pending == "0", f"{pending} mail jobs not done after exactly one attempt")

    # Expiry: make the orders' expiry due now; the three instances' workers race for them.
    ids = ",".join(f"'{o[1]}'" for o in orders)
    c.psql(f"UPDATE orders SET expires_at = now() - interval '1 second' WHERE id IN ({ids})")
    c.psql(f"UPDATE jobs SET run_at = now() WHERE kind = 'order.expire' AND state = 'queued'")
    c.psql("NOTIFY jobs")  # harmless if the channel has another name: the workers poll (200 ms)

    def all_cancelled():
        return c.psql(f"SELECT count(*) FROM orders WHERE id IN ({ids}) AND status = 'cancelled'") == str(n)

    expect(wait_until(all_cancelled, 60, 0.5), "orders not cancelled by their expiry jobs within 60 s: "
           + c.psql(f"SELECT string_agg(status, ',') FROM orders WHERE id IN ({ids})"))
    time.sleep(2)
    for email, order_id, number, product_id in orders:
        entries = c.psql(f"SELECT count(*) FROM order_status_history WHERE order_id = '{order_id}' "
                         f"AND to_status = 'cancelled'")
        expect(entries == "1", f"order {number}: {entries} cancellations in its history (want 1)")
        jobs = c.psql(f"SELECT count(*) || ':' || coalesce(sum(attempts), 0) || ':' || "
                      f"coalesce(string_agg(state, ','), '') FROM jobs WHERE kind = 'order.expire' "
                      f"AND unique_key = 'order-expire:{order_id}'")
        expect(jobs == "1:1:done", f"order {number}: expiry jobs count:attempts:states = {jobs} (want 1:1:done)")
        stock = int(c.psql(f"SELECT stock_quantity FROM products WHERE id = '{product_id}'"))
        expect(stock == stock_before[product_id],
               f"order {number}: stock {stock}, was {stock_before[product_id]} before the order (returned once)")


def check_login_limit(c):
    email, _ = c.register("limit")
    limit = 5
    # Five failures, spread over the three instances directly: 1, 2, 3, 1, 2.
    for attempt in range(limit):
        port = c.ports[attempt % INSTANCES]
        answer = request(port, "POST", "/api/auth/login", {"email": email, "password": "wrong " + PASSWORD})
        expect(answer.status == 401, f"failure {attempt + 1} on instance {attempt % INSTANCES + 1}: {answer}")
    # The limit holds on every instance and through nginx, even for the right password.
    for i, port in enumerate(c.ports + [c.nginx_port]):
        answer = request(port, "POST", "/api/auth/login", {"email": email, "password": PASSWORD})
        where = f"instance {i + 1}" if i < INSTANCES else "nginx"
        expect(answer.status == 429,
               f"after {limit} failures spread over {INSTANCES} instances, {where} answered "
               f"{answer.status} (want 429){' (Redis not configured: SHOP_TEST_REDIS_URL unset)' if not c.redis_url else ''}")
        expect(answer.header("Retry-After"), f"{where}: 429 without Retry-After")


def check_price(c):
    token, _ = c.sign_in(*ADMIN)
    product = c.products_in_stock(1)[0]
    pid = product["id"]
    # Every instance has the product in its cache first.
    for port in c.ports:
        expect(request(port, "GET", f"/api/products/{pid}").status == 200, "GET product")
    current = request(c.ports[0], "GET", f"/api/admin/products/{pid}", token=token)
    expect(current.status == 200, f"GET admin product: {current}")
    body = current.json()
    body = body.get("product", body)
    write = {k: body[k] for k in ("sku", "name", "price", "currency", "description", "brand",
                                  "category_id", "image_url", "is_active", "stock_quantity")
             if k in body and body[k] is not None}
    new_price = int(body["price"]) + 1234
    write["price"] = new_price
    answer = request(c.ports[0], "PUT", f"/api/products/{pid}", write, token=token,
                     headers={"If-Match": current.header("ETag")})
    expect(answer.status == 200, f"PUT product: {answer}")
    changed = time.monotonic()
    delays = {}
    pending = set(range(INSTANCES))
    while pending and time.monotonic() - changed < 10:
        for i in sorted(pending):
            got = request(c.ports[i], "GET", f"/api/products/{pid}").json()
            got = got.get("product", got)
            if int(got["price"]) == new_price:
                delays[i + 1] = round((time.monotonic() - changed) * 1000)
                pending.discard(i)
        time.sleep(0.02)
    expect(not pending, f"instances {[i + 1 for i in pending]} still show the old price after 10 s")
    slow = {i: ms for i, ms in delays.items() if ms > 1000}
    expect(not slow, f"new price visible only after more than a second: {delays} ms")
    print(f"    price visible after (ms, per instance): {delays}")


def check_signout(c):
    email, _ = c.register("signout")
    token, cookies = c.sign_in(email, PASSWORD, port=c.ports[0])
    for i, port in enumerate(c.ports):
        answer = request(port, "GET", "/api/users/me", token=token)
        expect(answer.status == 200, f"instance {i + 1} before sign-out: {answer}")
    cookie = "; ".join(cookies)
    answer = request(c.ports[1], "POST", "/api/auth/logout", token=token,
                     headers={"Cookie": cookie, "X-Requested-With": "XMLHttpRequest"})
    expect(answer.status == 204, f"sign-out through instance 2: {answer}")
    for i, port in enumerate(c.ports + [c.nginx_port]):
        answer = request(port, "GET", "/api/users/me", token=token)
        where = f"instance {i + 1}" if i < INSTANCES else "nginx"
        expect(answer.status == 401,
               f"{where} accepted the signed-out access token: {answer.status}")
        refresh = request(port, "POST", "/api/auth/refresh",
                          headers={"Cookie": cookie, "X-Requested-With": "XMLHttpRequest"})
        expect(refresh.status == 401, f"{where} refreshed a signed-out session: {refresh}")


def png(width, height, seed):
    """A small valid PNG (RGB, no compression tricks)."""
    import struct
    import zlib
    rows = b"".join(b"\x00" + bytes((x * 7 + y * 3 + seed) % 256 for x in range(width * 3))
                    for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def check_media(c):
    token, _ = c.sign_in(*ADMIN)
    pid = c.products_in_stock(1)[0]["id"]
    image = png(64, 48, secrets.randbelow(256))
    answer = request(c.ports[0], "POST", f"/api/admin/products/{pid}/images", image, token=token,
                     headers={"Content-Type": "image/png"})
    expect(answer.status == 201,
           f"upload through instance 1: {answer} (the image upload route comes with the media branch)")
    uploaded = answer.json()["image"]
    for key in ("url", "thumbnail_url"):
        url = uploaded[key]
        for i, port in enumerate(c.ports + [c.nginx_port]):
            where = f"instance {i + 1}" if i < INSTANCES else "nginx"
            got = request(port, "GET", url)
            expect(got.status == 200, f"{where} GET {url}: {got.status}")
            if key == "url":
                expect(got.body == image, f"{where} GET {url}: other bytes")
            expect(got.header("ETag"), f"{where} GET {url}: no ETag")
            expect(got.header("Cache-Control"), f"{where} GET {url}: no Cache-Control")


def check_failover(c):
    # Last: instance 3 goes away (SIGKILL, no goodbye). nginx's passive health check and
    # proxy_next_upstream keep every request answered by the other two.
    name, process, _ = [p for p in c.processes if p[0] == f"server{INSTANCES}"][0]
    process.kill()
    process.wait(timeout=10)
    for i in range(30):
        answer = request(c.nginx_port, "GET", f"/api/products?limit=5&page={i % 5 + 1}")
        expect(answer.status == 200, f"request {i + 1} after instance {INSTANCES} died: {answer}")
    # And with none left, nginx's own problem+json 503 with Retry-After.
    for name, process, _ in c.processes:
        if name.startswith("server"):
            process.kill()
            process.wait(timeout=10)
    answer = request(c.nginx_port, "GET", "/api/categories")
    expect(answer.status == 503 and answer.header("Retry-After")
           and answer.header("Content-Type") == "application/problem+json",
           f"no instance left: {answer} {answer.headers}")


CHECKS = [("proxy", check_proxy), ("jobs_once", check_jobs_once), ("login_limit", check_login_limit),
          ("price", check_price), ("signout", check_signout), ("media", check_media),
          ("failover", check_failover)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--only", default="", help="comma-separated check names")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs)")
    args = parser.parse_args()
    # The processes run in the work directory: binaries by absolute path.
    args.server = os.path.abspath(args.server)
    args.sandbox = os.path.abspath(args.sandbox)
    only = set(filter(None, args.only.split(",")))
    cluster = Cluster(args)
    failures = []
    try:
        started = time.monotonic()
        cluster.start()
        print(f"started sandbox, {INSTANCES} instances {cluster.ports}, nginx {cluster.nginx_port} "
              f"in {time.monotonic() - started:.1f} s; Redis: {cluster.redis_url or 'not configured'}")
        for name, check in CHECKS:
            if only and name not in only:
                continue
            began = time.monotonic()
            try:
                check(cluster)
                print(f"PASS {name} ({time.monotonic() - began:.1f} s)")
            except CheckFailed as error:
                failures.append(name)
                print(f"FAIL {name}: {error}")
            except Exception:  # a bug in the test or an unexpected answer: still a failure
                failures.append(name)
                print(f"FAIL {name}:\n{traceback.format_exc()}")
    except (CheckFailed, OSError, subprocess.SubprocessError) as error:
        failures.append("start")
        print(f"FAIL start: {error}")
    finally:
        if failures:
            for name, _, _ in cluster.processes:
                print(f"--- {name} log (tail) ---\n{cluster.log(name)[-2000:]}")
        cluster.stop()
    print("FAILED: " + ", ".join(failures) if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
