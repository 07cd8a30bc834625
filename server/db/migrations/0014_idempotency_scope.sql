-- 0014: Idempotency-Key beyond order placement (server/db/idempotency.h).
--
-- A key is scoped to the user and the route it was sent to: 'orders' for POST /api/orders (every
-- key stored before this migration), 'catalog.stock' for the staff's stock adjustments
-- (POST /api/admin/products/{id}/stock), so that the same key sent to two routes is two keys.
-- The default keeps a server of the previous version (inserting without a scope during a rolling
-- upgrade) writing order keys.
ALTER TABLE idempotency_keys
    ADD COLUMN scope text NOT NULL DEFAULT 'orders' CHECK (length(scope) BETWEEN 1 AND 64);
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (user_id, scope, key);
