-- 0013: the dashboard's top products of the last 30 days as a short index read (docs/events.md,
-- "Top products"), instead of summing one row per product and day (0012's
-- dashboard_product_daily: 61,000 rows for 30 days at a million orders, 300 ms).
--
-- dashboard_top_products holds, per product, the units and revenue of every sale whose UTC
-- creation day is on or after dashboard_top_window.window_start (the window's first day), merged
-- to one row per product and indexed on the ranking, so the top ten are the first rows of an
-- index. The order triggers of 0012 add every change as signed rows to
-- dashboard_top_products_pending (exactly the changes they add to dashboard_product_daily, for
-- the days inside the window), so writers never wait for each other on a product's row; the
-- events module's merge (shop_dashboard_merge, every 10 s) folds them into dashboard_top_products.
-- A reader adds the pending rows to the merged ones (see shop_dashboard_top_products).
--
-- Invariant: merged + pending = the sum of dashboard_product_daily over day >= window_start.
-- shop_dashboard_roll(today) moves the window's start to today - 29 by adding the days that left
-- the window as negative pending rows (a housekeeping task of the job workers runs it every poll
-- interval; it does nothing while the window is current). A trigger reads window_start under a
-- shared advisory lock and the roll takes it exclusively: a trigger's rows for a day are counted
-- in the window exactly when the roll that removes that day sees them.
--
-- Between midnight UTC and the roll (seconds: the poll interval), window_start is a day behind
-- the reader's window: the reader then sums dashboard_product_daily as before (exact, slower).

CREATE TABLE dashboard_top_window (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    window_start date NOT NULL
);

CREATE TABLE dashboard_top_products (
    product_id uuid PRIMARY KEY,
    units      bigint NOT NULL,
    revenue    bigint NOT NULL
);
-- The ranking: the top N are the first N entries (an index-only scan).
CREATE INDEX idx_dashboard_top_products_rank
    ON dashboard_top_products (units DESC, revenue DESC, product_id);

CREATE TABLE dashboard_top_products_pending (
    product_id uuid NOT NULL,
    units      bigint NOT NULL,
    revenue    bigint NOT NULL
);

-- The lock between the triggers (shared) and the roll (exclusive). 29561 is the events' id lock.
CREATE FUNCTION shop_dashboard_window_start(exclusive boolean) RETURNS date
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF exclusive THEN
        PERFORM pg_advisory_xact_lock(29562, 0);
    ELSE
        PERFORM pg_advisory_xact_lock_shared(29562, 0);
    END IF;
    -- A new statement, so a new snapshot: it sees the roll that held the lock before us.
    RETURN (SELECT window_start FROM dashboard_top_window);
END;
$$;

-- 0012's trigger function with the pending rows of the window added.
CREATE OR REPLACE FUNCTION shop_dashboard_orders_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- Every row of the statement, +1 as it is now and -1 as it was (no temporary table: an
    -- order's transaction must not pay for catalog writes).
    a_id     uuid[];
    a_status text[];
    a_total  bigint[];
    a_day    date[];
    a_side   integer[];
    -- Orders that became a sale or stopped being one.
    s_id     uuid[];
    s_day    date[];
    s_side   bigint[];
    window_first date;
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

    SELECT array_agg(s.id), array_agg(s.day), array_agg(s.side) INTO s_id, s_day, s_side
    FROM (SELECT d.id, min(d.day) AS day, sum(d.side) AS side
          FROM unnest(a_id, a_status, a_total, a_day, a_side) AS d (id, status, total, day, side)
          WHERE shop_is_sale(d.status) GROUP BY d.id HAVING sum(d.side) <> 0) AS s;
    IF s_id IS NULL THEN
        RETURN NULL; -- no sale changed (an order placed, a pending order cancelled)
    END IF;

    -- Their items, by product and day.
    INSERT INTO dashboard_product_daily (day, product_id, units, revenue)
    SELECT s.day, i.product_id, sum(s.side * i.quantity), sum(s.side * i.quantity * i.price)
    FROM unnest(s_id, s_day, s_side) AS s (id, day, side)
    JOIN order_items i ON i.order_id = s.id
    GROUP BY s.day, i.product_id;

    -- And those of the days in the window, by product (0013).
    window_first := shop_dashboard_window_start(false);
    INSERT INTO dashboard_top_products_pending (product_id, units, revenue)
    SELECT i.product_id, sum(s.side * i.quantity), sum(s.side * i.quantity * i.price)
    FROM unnest(s_id, s_day, s_side) AS s (id, day, side)
    JOIN order_items i ON i.order_id = s.id
    WHERE s.day >= window_first
    GROUP BY i.product_id;
    RETURN NULL;
END;
$$;

-- Moves the window's start to today - 29: the days that left it go into the pending rows,
-- negated. Returns how many pending rows it added (0: the window was current; it never moves
-- back, e.g. for a server whose clock is behind).
CREATE FUNCTION shop_dashboard_roll(today date) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    wanted date := today - 29;
    was    date;
    added  bigint;
BEGIN
    IF (SELECT window_start FROM dashboard_top_window) >= wanted THEN
        RETURN 0; -- the common case: no lock taken
    END IF;
    was := shop_dashboard_window_start(true);
    IF was >= wanted THEN
        RETURN 0; -- another instance rolled meanwhile
    END IF;
    INSERT INTO dashboard_top_products_pending (product_id, units, revenue)
    SELECT product_id, -sum(units), -sum(revenue) FROM dashboard_product_daily
    WHERE day >= was AND day < wanted
    GROUP BY product_id HAVING sum(units) <> 0 OR sum(revenue) <> 0;
    GET DIAGNOSTICS added = ROW_COUNT;
    UPDATE dashboard_top_window SET window_start = wanted;
    RETURN added;
END;
$$;

-- The top `n` products of the window: the merged rows plus the pending ones. A product with
-- pending rows gets its exact sum; the others keep their merged figures, and the best n of them
-- are among the first n + (products with pending rows) entries of the ranking index.
CREATE FUNCTION shop_dashboard_top_products(n integer)
RETURNS TABLE (product_id uuid, units bigint, revenue bigint)
LANGUAGE sql STABLE AS $$
    WITH pending AS (
        SELECT p.product_id, sum(p.units)::bigint AS units, sum(p.revenue)::bigint AS revenue
        FROM dashboard_top_products_pending p GROUP BY p.product_id),
    ranked AS (
        SELECT m.product_id, m.units, m.revenue FROM dashboard_top_products m
        ORDER BY m.units DESC, m.revenue DESC, m.product_id
        LIMIT n + (SELECT count(*) FROM pending))
    -- The merged row of each candidate once (UNION: the same row from both sides), plus the
    -- pending sums. The merged rows of pending products by their key, one at a time (OFFSET 0
    -- keeps the subquery a per-row index lookup instead of a hash join over the whole table).
    SELECT x.product_id, sum(x.units)::bigint, sum(x.revenue)::bigint
    FROM ((SELECT r.product_id, r.units, r.revenue FROM ranked r
           UNION
           SELECT m.product_id, m.units, m.revenue FROM pending
           CROSS JOIN LATERAL (SELECT m.product_id, m.units, m.revenue
                               FROM dashboard_top_products m
                               WHERE m.product_id = pending.product_id OFFSET 0) AS m)
          UNION ALL
          SELECT pending.product_id, pending.units, pending.revenue FROM pending) AS x
    GROUP BY x.product_id
    HAVING sum(x.units) > 0
    ORDER BY 2 DESC, 3 DESC, 1
    LIMIT n
$$;

-- 0012's merge, and the pending rows folded into the merged ones (in product order: two merges
-- from two instances lock the same rows in the same order). Products merged to zero are removed.
CREATE OR REPLACE FUNCTION shop_dashboard_merge() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    zeros uuid[];
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

    WITH gone AS (DELETE FROM dashboard_top_products_pending RETURNING product_id, units, revenue),
    merged AS (
        INSERT INTO dashboard_top_products AS m (product_id, units, revenue)
        SELECT product_id, sum(units), sum(revenue) FROM gone GROUP BY product_id
        HAVING sum(units) <> 0 OR sum(revenue) <> 0
        ORDER BY product_id
        ON CONFLICT (product_id) DO UPDATE
        SET units = m.units + excluded.units, revenue = m.revenue + excluded.revenue
        RETURNING m.product_id, m.units, m.revenue)
    SELECT array_agg(merged.product_id) INTO zeros FROM merged
    WHERE merged.units = 0 AND merged.revenue = 0;
    IF zeros IS NOT NULL THEN
        DELETE FROM dashboard_top_products WHERE product_id = ANY (zeros) AND units = 0
                                             AND revenue = 0;
    END IF;
END;
$$;

-- 0012's rebuild, and the window recomputed from dashboard_product_daily (today - 29 onwards).
CREATE OR REPLACE FUNCTION shop_dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
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
    PERFORM shop_dashboard_rebuild_window();
END;
$$;

CREATE FUNCTION shop_dashboard_rebuild_window() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    window_first date := (now() AT TIME ZONE 'UTC')::date - 29;
BEGIN
    PERFORM shop_dashboard_window_start(true);
    DELETE FROM dashboard_top_products_pending;
    DELETE FROM dashboard_top_products;
    INSERT INTO dashboard_top_products (product_id, units, revenue)
    SELECT product_id, sum(units), sum(revenue) FROM dashboard_product_daily
    WHERE day >= window_first GROUP BY product_id HAVING sum(units) <> 0 OR sum(revenue) <> 0;
    UPDATE dashboard_top_window SET window_start = window_first;
END;
$$;

-- The orders committed before this migration are in dashboard_product_daily; none can commit
-- while it runs (the old trigger would not write the window).
LOCK TABLE orders IN SHARE MODE;
INSERT INTO dashboard_top_window (window_start) VALUES ((now() AT TIME ZONE 'UTC')::date - 29);
SELECT shop_dashboard_rebuild_window();
