-- 0012: the staff's live feed and dashboard (server/events, docs/events.md).
--
-- admin_events: what happened, written by triggers in the transaction that made the change (an
-- order placed, paid, cancelled or moved on; a product's stock falling to the low-stock
-- threshold; a catalog change), so an event exists exactly when its change committed. Ids come
-- from one sequence: a client resumes with Last-Event-ID on any instance. Every event row takes a
-- transaction-scoped advisory lock on its id (shop_admin_event_lock) so that a reader that sees
-- id 7 but not id 6 can tell whether 6 is still being written (its lock is held) or will never
-- come (rolled back): events are handed out in id order without waiting on a timer.
--
-- Rows older than the retention are pruned by the events module (shop_admin_events_prune);
-- admin_events_state.pruned_through says up to which id, so that a resume from an older id gets
-- a reset instead of a silent gap.
--
-- A statement that writes events NOTIFYs shop_admin_events with the highest id, unless the
-- transaction deferred its notifications (shop.jobs_wake = 'deferred', 0007: order placement,
-- whose commits must not queue behind the notify lock); the server that committed such an order
-- sends NOTIFY shop_jobs after the commit (Jobs::wakeAfterCommit), which the events module hears
-- as well. `SET shop.admin_events = 'off'` (bulk loads, benchmarks) writes no events.
--
-- The dashboard reads summary tables kept by statement triggers on orders (like product_counts in
-- 0002): paid-or-later sales per UTC day, orders per status, and units and revenue per product
-- and day. Each writing statement adds its change as signed rows; readers sum the rows of a key,
-- and the events module merges them from time to time (shop_dashboard_merge), so writers never
-- wait for each other on a summary row.

CREATE TABLE admin_events (
    id         bigserial PRIMARY KEY,
    type       text NOT NULL CHECK (length(type) BETWEEN 1 AND 64),
    data       jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_admin_events_created ON admin_events (created_at);

CREATE TABLE admin_events_state (
    singleton           boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    -- Written by the events module from orders/low_stock_threshold at start.
    low_stock_threshold integer NOT NULL DEFAULT 5 CHECK (low_stock_threshold BETWEEN 0 AND 1000),
    -- Every event with an id at or below this one may have been pruned.
    pruned_through      bigint NOT NULL DEFAULT 0
);
INSERT INTO admin_events_state DEFAULT VALUES;

CREATE FUNCTION shop_admin_events_enabled() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT current_setting('shop.admin_events', true) IS DISTINCT FROM 'off'
$$;

CREATE FUNCTION shop_admin_event_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(29561, (NEW.id % 2147483647)::integer);
    RETURN NEW;
END;
$$;
CREATE TRIGGER admin_events_lock BEFORE INSERT ON admin_events
    FOR EACH ROW EXECUTE FUNCTION shop_admin_event_lock();

CREATE FUNCTION shop_admin_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('shop.jobs_wake', true) IS DISTINCT FROM 'deferred' THEN
        PERFORM pg_notify('shop_admin_events', (SELECT max(id)::text FROM shop_new_events));
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER admin_events_notify AFTER INSERT ON admin_events
    REFERENCING NEW TABLE AS shop_new_events
    FOR EACH STATEMENT EXECUTE FUNCTION shop_admin_events_notify();

CREATE FUNCTION shop_admin_events_prune(retention interval) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    last_pruned bigint;
    removed     bigint;
BEGIN
    WITH gone AS (DELETE FROM admin_events WHERE created_at < now() - retention RETURNING id)
    SELECT max(id), count(*) INTO last_pruned, removed FROM gone;
    IF last_pruned IS NOT NULL THEN
        UPDATE admin_events_state SET pruned_through = greatest(pruned_through, last_pruned);
    END IF;
    RETURN removed;
END;
$$;

CREATE FUNCTION shop_utc_text(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

CREATE FUNCTION shop_order_event_data(o orders) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'order_id', o.id, 'order_number', o.order_number, 'status', o.status,
        'total', jsonb_build_object('amount', o.total, 'currency', o.currency),
        'customer_email', (SELECT u.email FROM users u WHERE u.id = o.user_id),
        'created_at', shop_utc_text(o.created_at))
$$;

CREATE FUNCTION shop_orders_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kind text;
BEGIN
    IF NOT shop_admin_events_enabled() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO admin_events (type, data) VALUES ('order.placed', shop_order_event_data(NEW));
        RETURN NULL;
    END IF;
    kind := CASE
        WHEN NEW.status = 'paid' THEN 'order.paid'
        WHEN NEW.status = 'cancelled' THEN 'order.cancelled'
        ELSE 'order.status_changed' END;
    INSERT INTO admin_events (type, data)
    VALUES (kind, shop_order_event_data(NEW)
                  || jsonb_build_object('from', OLD.status, 'to', NEW.status));
    RETURN NULL;
END;
$$;
CREATE TRIGGER orders_events_insert AFTER INSERT ON orders
    FOR EACH ROW EXECUTE FUNCTION shop_orders_events();
CREATE TRIGGER orders_events_update AFTER UPDATE OF status ON orders
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION shop_orders_events();

-- stock.low: a product's stock falls to or below the threshold (from above it).
CREATE FUNCTION shop_products_stock_low() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    threshold integer;
BEGIN
    IF NOT shop_admin_events_enabled() THEN
        RETURN NULL;
    END IF;
    SELECT low_stock_threshold INTO threshold FROM admin_events_state;
    IF NEW.stock_quantity <= threshold AND OLD.stock_quantity > threshold THEN
        INSERT INTO admin_events (type, data)
        VALUES ('stock.low', jsonb_build_object(
            'product_id', NEW.id, 'sku', NEW.sku, 'name', NEW.name,
            'stock_quantity', NEW.stock_quantity, 'threshold', threshold));
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER products_stock_low AFTER UPDATE OF stock_quantity ON products
    FOR EACH ROW WHEN (NEW.stock_quantity < OLD.stock_quantity AND NEW.stock_quantity <= 1000)
    EXECUTE FUNCTION shop_products_stock_low();

-- catalog.changed: one event per statement (an import of 10,000 rows is one event, with
-- product_id null). Updates count only when a catalog field changed (products.revision, 0009),
-- never for stock alone. Grouping rather than a join (see 0007).
CREATE FUNCTION shop_products_catalog_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n  bigint;
    id uuid;
BEGIN
    IF NOT shop_admin_events_enabled() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT count(*), min(r.id::text)::uuid INTO n, id FROM shop_new_rows r;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT count(*), min(r.id::text)::uuid INTO n, id FROM shop_old_rows r;
    ELSE
        SELECT count(*), min(c.id::text)::uuid INTO n, id
        FROM (SELECT r.id FROM (SELECT p.id, p.revision FROM shop_new_rows p
                                UNION ALL
                                SELECT p.id, p.revision FROM shop_old_rows p) AS r
              GROUP BY r.id HAVING min(r.revision) <> max(r.revision)) AS c;
    END IF;
    IF n = 0 THEN
        RETURN NULL;
    END IF;
    INSERT INTO admin_events (type, data)
    VALUES ('catalog.changed', jsonb_build_object(
        'product_id', CASE WHEN n = 1 THEN id END, 'category_id', NULL,
        'action', 'product.' || CASE TG_OP WHEN 'INSERT' THEN 'create'
                                           WHEN 'DELETE' THEN 'delete' ELSE 'update' END));
    RETURN NULL;
END;
$$;
CREATE TRIGGER products_catalog_event_insert AFTER INSERT ON products
    REFERENCING NEW TABLE AS shop_new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_products_catalog_event();
CREATE TRIGGER products_catalog_event_update AFTER UPDATE ON products
    REFERENCING OLD TABLE AS shop_old_rows NEW TABLE AS shop_new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_products_catalog_event();
CREATE TRIGGER products_catalog_event_delete AFTER DELETE ON products
    REFERENCING OLD TABLE AS shop_old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_products_catalog_event();

CREATE FUNCTION shop_categories_catalog_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n  bigint;
    id uuid;
BEGIN
    IF NOT shop_admin_events_enabled() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        SELECT count(*), min(r.id::text)::uuid INTO n, id FROM shop_old_rows r;
    ELSE
        SELECT count(*), min(r.id::text)::uuid INTO n, id FROM shop_new_rows r;
    END IF;
    IF n = 0 THEN
        RETURN NULL;
    END IF;
    INSERT INTO admin_events (type, data)
    VALUES ('catalog.changed', jsonb_build_object(
        'product_id', NULL, 'category_id', CASE WHEN n = 1 THEN id END,
        'action', 'category.' || CASE TG_OP WHEN 'INSERT' THEN 'create'
                                            WHEN 'DELETE' THEN 'delete' ELSE 'update' END));
    RETURN NULL;
END;
$$;
CREATE TRIGGER categories_catalog_event_insert AFTER INSERT ON categories
    REFERENCING NEW TABLE AS shop_new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_categories_catalog_event();
CREATE TRIGGER categories_catalog_event_update AFTER UPDATE ON categories
    REFERENCING OLD TABLE AS shop_old_rows NEW TABLE AS shop_new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_categories_catalog_event();
CREATE TRIGGER categories_catalog_event_delete AFTER DELETE ON categories
    REFERENCING OLD TABLE AS shop_old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_categories_catalog_event();

-- Dashboard summaries. An order counts as a sale while its status is paid, processing, shipped
-- or delivered; by its creation day in UTC.
CREATE TABLE dashboard_daily_sales (
    day     date NOT NULL,
    orders  bigint NOT NULL,
    revenue bigint NOT NULL
);
CREATE INDEX idx_dashboard_daily_sales_day ON dashboard_daily_sales (day);

CREATE TABLE dashboard_status_counts (
    status text NOT NULL,
    orders bigint NOT NULL
);
CREATE INDEX idx_dashboard_status_counts_status ON dashboard_status_counts (status);

CREATE TABLE dashboard_product_daily (
    day        date NOT NULL,
    product_id uuid NOT NULL,
    units      bigint NOT NULL,
    revenue    bigint NOT NULL
);
-- Covering: the top products of 30 days are an index-only scan, no heap visit per row.
CREATE INDEX idx_dashboard_product_daily_day ON dashboard_product_daily (day, product_id)
    INCLUDE (units, revenue);

CREATE FUNCTION shop_is_sale(status text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT status IN ('paid', 'processing', 'shipped', 'delivered')
$$;

CREATE FUNCTION shop_dashboard_orders_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- Every row of the statement, +1 as it is now and -1 as it was (no temporary table: an
    -- order's transaction must not pay for catalog writes).
    a_id     uuid[];
    a_status text[];
    a_total  bigint[];
    a_day    date[];
    a_side   integer[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(r.id), array_agg(r.status), array_agg(r.total),
               array_agg((r.created_at AT TIME ZONE 'UTC')::date), array_agg(1)
        INTO a_id, a_status, a_total, a_day, a_side FROM shop_new_rows r;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(r.id), array_agg(r.status), array_agg(r.total),
               array_agg((r.created_at AT TIME ZONE 'UTC')::date), array_agg(-1)
        INTO a_id, a_status, a_total, a_day, a_side FROM shop_old_rows r;
    ELSE
        SELECT array_agg(r.id), array_agg(r.status), array_agg(r.total), array_agg(r.day),
               array_agg(r.side)
        INTO a_id, a_status, a_total, a_day, a_side
        FROM (SELECT n.id, n.status, n.total, (n.created_at AT TIME ZONE 'UTC')::date AS day,
                     1 AS side
              FROM shop_new_rows n
              UNION ALL
              SELECT o.id, o.status, o.total, (o.created_at AT TIME ZONE 'UTC')::date, -1
              FROM shop_old_rows o) AS r;
    END IF;
    IF a_id IS NULL THEN
        RETURN NULL;
    END IF;

    INSERT INTO dashboard_status_counts (status, orders)
    SELECT d.status, sum(d.side)
    FROM unnest(a_id, a_status, a_total, a_day, a_side) AS d (id, status, total, day, side)
    GROUP BY d.status HAVING sum(d.side) <> 0;

    INSERT INTO dashboard_daily_sales (day, orders, revenue)
    SELECT d.day, sum(d.side), sum(d.side * d.total)
    FROM unnest(a_id, a_status, a_total, a_day, a_side) AS d (id, status, total, day, side)
    WHERE shop_is_sale(d.status)
    GROUP BY d.day HAVING sum(d.side) <> 0 OR sum(d.side * d.total) <> 0;

    -- Orders that became a sale or stopped being one: their items, by product and day.
    INSERT INTO dashboard_product_daily (day, product_id, units, revenue)
    SELECT s.day, i.product_id, sum(s.side * i.quantity), sum(s.side * i.quantity * i.price)
    FROM (SELECT d.id, min(d.day) AS day, sum(d.side) AS side
          FROM unnest(a_id, a_status, a_total, a_day, a_side) AS d (id, status, total, day, side)
          WHERE shop_is_sale(d.status) GROUP BY d.id HAVING sum(d.side) <> 0) AS s
    JOIN order_items i ON i.order_id = s.id
    GROUP BY s.day, i.product_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER orders_dashboard_insert AFTER INSERT ON orders
    REFERENCING NEW TABLE AS shop_new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_dashboard_orders_changed();
CREATE TRIGGER orders_dashboard_update AFTER UPDATE ON orders
    REFERENCING OLD TABLE AS shop_old_rows NEW TABLE AS shop_new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_dashboard_orders_changed();
CREATE TRIGGER orders_dashboard_delete AFTER DELETE ON orders
    REFERENCING OLD TABLE AS shop_old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_dashboard_orders_changed();

-- Sums the rows of each key into one (the readers sum anyway). Rows other transactions are still
-- writing are not visible and stay; rows another merge took are skipped.
CREATE FUNCTION shop_dashboard_merge() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH gone AS (DELETE FROM dashboard_status_counts RETURNING status, orders)
    INSERT INTO dashboard_status_counts (status, orders)
    SELECT status, sum(orders) FROM gone GROUP BY status HAVING sum(orders) <> 0;
    WITH gone AS (DELETE FROM dashboard_daily_sales RETURNING day, orders, revenue)
    INSERT INTO dashboard_daily_sales (day, orders, revenue)
    SELECT day, sum(orders), sum(revenue) FROM gone GROUP BY day
    HAVING sum(orders) <> 0 OR sum(revenue) <> 0;
    WITH gone AS (
        DELETE FROM dashboard_product_daily
        WHERE day IN (SELECT day FROM dashboard_product_daily GROUP BY day
                      HAVING count(*) > count(DISTINCT product_id))
        RETURNING day, product_id, units, revenue)
    INSERT INTO dashboard_product_daily (day, product_id, units, revenue)
    SELECT day, product_id, sum(units), sum(revenue) FROM gone GROUP BY day, product_id
    HAVING sum(units) <> 0 OR sum(revenue) <> 0;
END;
$$;

-- Recomputes every summary from the orders (this migration; bulk loads with triggers off).
CREATE FUNCTION shop_dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE orders IN SHARE MODE;
    DELETE FROM dashboard_status_counts;
    DELETE FROM dashboard_daily_sales;
    DELETE FROM dashboard_product_daily;
    INSERT INTO dashboard_status_counts (status, orders)
    SELECT status, count(*) FROM orders GROUP BY status;
    INSERT INTO dashboard_daily_sales (day, orders, revenue)
    SELECT (created_at AT TIME ZONE 'UTC')::date, count(*), sum(total) FROM orders
    WHERE shop_is_sale(status) GROUP BY 1;
    INSERT INTO dashboard_product_daily (day, product_id, units, revenue)
    SELECT (o.created_at AT TIME ZONE 'UTC')::date, i.product_id, sum(i.quantity),
           sum(i.quantity * i.price)
    FROM orders o JOIN order_items i ON i.order_id = o.id
    WHERE shop_is_sale(o.status) GROUP BY 1, 2;
END;
$$;

SELECT shop_dashboard_rebuild();
