-- 0008: payments with Stripe (server/payments). One payment (PaymentIntent) per order, its
-- refunds, and the Stripe events already processed (exactly once: the event id is the key).
-- Money is BIGINT minor units next to an ISO 4217 code, as everywhere.

-- The seed's payments row becomes the order's PaymentIntent as the server last knew it.
-- The client secret is not stored: it is retrieved from Stripe when the storefront asks again.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
UPDATE payments SET status = 'requires_payment_method' WHERE status = 'pending';
ALTER TABLE payments
    ALTER COLUMN status SET DEFAULT 'requires_payment_method',
    ADD CONSTRAINT payments_status_check CHECK (status IN (
        'requires_payment_method', 'requires_confirmation', 'requires_action', 'processing',
        'requires_capture', 'succeeded', 'canceled', 'failed')),
    -- What Stripe says was captured (amount_received) of `amount`.
    ADD COLUMN amount_received bigint NOT NULL DEFAULT 0 CHECK (amount_received >= 0),
    -- The last declined attempt (Stripe's last_payment_error), for the customer and staff.
    ADD COLUMN last_error text CHECK (length(last_error) <= 1000),
    ADD COLUMN last_error_code text CHECK (length(last_error_code) <= 100),
    ADD COLUMN latest_charge text,
    ADD CONSTRAINT payments_received_le_amount CHECK (amount_received <= amount);
CREATE INDEX idx_payments_open ON payments (updated_at)
    WHERE status IN ('processing', 'requires_action', 'requires_confirmation');

-- A refund of (part of) an order's payment. It is recorded as pending before Stripe is called
-- (its id is the Idempotency-Key: refund:<id>), so a retry never refunds twice and the sum of
-- pending and succeeded refunds, checked under the payment row's lock, never exceeds what was
-- received.
CREATE TABLE refunds (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    payment_id       uuid NOT NULL REFERENCES payments (id) ON DELETE RESTRICT,
    order_id         uuid NOT NULL REFERENCES orders (id) ON DELETE RESTRICT,
    stripe_refund_id text UNIQUE,
    amount           bigint NOT NULL CHECK (amount > 0),
    currency         char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status           text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'succeeded', 'failed')),
    reason           text CHECK (reason IN ('requested_by_customer', 'duplicate', 'fraudulent')),
    note             text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    created_by       text NOT NULL CHECK (created_by IN ('customer', 'staff', 'system')),
    created_by_user  uuid REFERENCES users (id) ON DELETE SET NULL,
    -- For refunds a process starts (cancel:<order id>, late-payment:<order id>): one per key.
    origin_key       text UNIQUE,
    failure          text CHECK (length(failure) <= 1000),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_refunds_payment ON refunds (payment_id, created_at);
CREATE INDEX idx_refunds_order ON refunds (order_id, created_at);
CREATE TRIGGER refunds_updated_at BEFORE UPDATE ON refunds
    FOR EACH ROW EXECUTE FUNCTION shop_set_updated_at();

-- Every Stripe event the webhook accepted, inserted in the same transaction as its effect: a
-- second delivery of the same id conflicts (or waits for the first and then conflicts) and
-- changes nothing.
CREATE TABLE stripe_events (
    id                text PRIMARY KEY CHECK (id ~ '^evt_[A-Za-z0-9_]{1,250}$'),
    type              text NOT NULL CHECK (length(type) <= 100),
    payment_intent_id text,
    outcome           text NOT NULL
        CHECK (outcome IN ('applied', 'ignored', 'unknown_intent')),
    stripe_created    timestamptz,
    received_at       timestamptz NOT NULL DEFAULT now(),
    processed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_stripe_events_intent ON stripe_events (payment_intent_id);
