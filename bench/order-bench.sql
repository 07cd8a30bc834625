-- pgbench's order transaction for bench/order-bench: the statements POST /api/orders runs for a
-- two-line order (lock the products in id order, number and tax, the one CTE that takes the
-- stock and inserts the order, its items and history, the two jobs, the Idempotency-Key's claim
-- and answer), without HTTP, JSON and the cart. Like the server, the claim commits without
-- waiting for the WAL flush and the jobs' NOTIFY is deferred (the server's coalesced NOTIFY, at
-- most 20 a second, is left out). Each transaction is a random customer's, as over HTTP (one
-- customer for all would make every order's foreign-key check share one users row lock, a
-- MultiXact per order, and measure that instead). Variables: nprod (rows of bench_products),
-- nusers (rows of bench_users).
\set p1 random(1, :nprod)
\set p2 random(1, :nprod)
\set key random(1, 2000000000)
\set u random(1, :nusers)
SELECT id AS uid FROM bench_users WHERE n = :u \gset
WITH async AS (SELECT set_config('synchronous_commit', 'off', true)) INSERT INTO idempotency_keys (user_id, key, request_digest) SELECT :uid::uuid, 'pgbench-' || :key || '-' || :client_id, '\x00' FROM async ON CONFLICT DO NOTHING;
BEGIN;
SELECT id FROM products WHERE id IN (SELECT id FROM bench_products WHERE n IN (:p1, :p2)) ORDER BY id FOR UPDATE;
SELECT nextval('order_number_seq'), now(), coalesce((SELECT rate_ppm FROM tax_rates WHERE country = 'US' AND region IN ('', 'NY') ORDER BY region DESC LIMIT 1), 0);
WITH wanted AS (SELECT id, 1 AS quantity FROM bench_products WHERE n IN (:p1, :p2)), taken AS (UPDATE products p SET stock_quantity = p.stock_quantity - w.quantity FROM wanted w WHERE p.id = w.id AND p.is_active AND p.stock_quantity >= w.quantity RETURNING p.id, p.name, p.sku, p.price, w.quantity), o AS (INSERT INTO orders (user_id, order_number, status, subtotal, tax, shipping_cost, total, currency, shipping_address, tax_rate_ppm, item_count, expires_at) VALUES (:uid::uuid, 'PB-' || nextval('order_number_seq'), 'pending', 1000, 89, 499, 1588, 'USD', '{}', 88750, 2, now() + interval '30 minutes') RETURNING id), items AS (INSERT INTO order_items (order_id, product_id, product_name, sku, quantity, price) SELECT o.id, t.id, t.name, t.sku, t.quantity, t.price FROM o, taken t), history AS (INSERT INTO order_status_history (order_id, to_status, actor, actor_id, reason) SELECT o.id, 'pending', 'customer', :uid::uuid, 'placed' FROM o) SELECT o.id FROM o;
SELECT set_config('shop.jobs_wake', 'deferred', true);
INSERT INTO jobs (kind, payload) VALUES ('noop', '{"email":"order_confirmation"}');
INSERT INTO jobs (kind, payload, run_at, unique_key) VALUES ('noop', '{}', now() + interval '30 minutes', 'pgbench-expire-' || nextval('order_number_seq'));
UPDATE idempotency_keys SET state = 'done', response_status = 201, response_body = '\x00', updated_at = now() WHERE user_id = :uid::uuid AND key = 'pgbench-' || :key || '-' || :client_id;
COMMIT;
