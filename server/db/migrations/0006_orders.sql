-- 0006: cart, checkout and orders (server/cart, server/orders).
--
-- Stock is taken when an order is placed (a pending order holds it) with a conditional UPDATE that
-- can never go below zero (products.stock_quantity >= 0 is also a CHECK), and given back exactly
-- once when the order is cancelled (by the customer, by staff, or by the expiry job), under the
-- order row's lock. Prices are copied from products into order_items at that moment.

-- Tax by the shipping address: a rate in parts per million (8.875 % = 88750) per country, and
-- optionally per region (a US state, a Canadian province). The region's rate wins over the
-- country's ('' = the whole country); no row: no tax. The demo store fills in demo values.
CREATE TABLE tax_rates (
    country    char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    region     text NOT NULL DEFAULT '' CHECK (length(region) <= 100 AND region = upper(region)),
    rate_ppm   integer NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (country, region)
);

-- Human-readable order numbers come from this sequence (core/commerce/ordernumber.h formats them).
CREATE SEQUENCE order_number_seq AS bigint START WITH 1000;

ALTER TABLE orders
    -- Where the order goes, as it was when placed: the address book entry may change or go.
    ADD COLUMN shipping_address jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN tax_rate_ppm integer NOT NULL DEFAULT 0 CHECK (tax_rate_ppm BETWEEN 0 AND 1000000),
    ADD COLUMN item_count integer NOT NULL DEFAULT 0 CHECK (item_count >= 0),
    -- An unpaid pending order is cancelled at this time (the order.expire job).
    ADD COLUMN expires_at timestamptz,
    ADD COLUMN carrier text CHECK (length(carrier) <= 100),
    ADD COLUMN tracking_number text CHECK (length(tracking_number) <= 100);
-- The customer's orders, newest first (keyset: created_at, id).
DROP INDEX idx_orders_user;
CREATE INDEX idx_orders_user ON orders (user_id, created_at DESC, id DESC);
-- The admin list: newest first, optionally by status (keyset pagination at a million orders).
DROP INDEX idx_orders_status;
CREATE INDEX idx_orders_created ON orders (created_at DESC, id DESC);
CREATE INDEX idx_orders_status ON orders (status, created_at DESC, id DESC);

-- Every status change of an order: who (actor kind and id), when, from, to and why.
CREATE TABLE order_status_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status text CHECK (from_status IN
        ('pending', 'paid', 'processing', 'shipped', 'delivered', 'cancelled')),
    to_status   text NOT NULL CHECK (to_status IN
        ('pending', 'paid', 'processing', 'shipped', 'delivered', 'cancelled')),
    actor       text NOT NULL CHECK (actor IN ('customer', 'staff', 'system')),
    actor_id    uuid REFERENCES users (id) ON DELETE SET NULL,
    reason      text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_order_history_order ON order_status_history (order_id, id);

-- Idempotency-Key of POST /api/orders, with Stripe's semantics: per user, the request's digest,
-- 'running' while the first request runs (a duplicate then gets 409), then the first answer,
-- which the same key and body replay. Kept at least 24 hours (pruned by the jobs' housekeeping).
CREATE TABLE idempotency_keys (
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_digest  bytea NOT NULL,
    state           text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done')),
    response_status integer,
    response_body   bytea,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idx_idempotency_created ON idempotency_keys (created_at);

-- Low stock for staff: active products at or below a threshold, fewest first.
CREATE INDEX idx_products_low_stock ON products (stock_quantity, id) WHERE is_active;
