-- 0016: the 10-second merge of the product-day rows looks only at the keys written since.
--
-- 0012's merge found the days holding repeated (day, product) keys by grouping the whole
-- dashboard_product_daily table: 1.5 million rows at a million orders, 181 ms with nothing to
-- merge and about a second after 10 s of busy trading, every 10 s (bench/dashboard-bench). Rows
-- the order triggers write now carry merged = false (the column's default) and are found through
-- a partial index of those rows alone; the merge sums the rows of just their keys (the covering
-- (day, product_id) index finds them) and writes each key back as one row with merged = true.
-- Rows of transactions still running are not visible to it and stay unmerged for the next merge.
-- Rows written by shop_dashboard_rebuild() carry merged = false too: the first merge after a
-- rebuild visits each key once.

ALTER TABLE dashboard_product_daily ADD COLUMN merged boolean NOT NULL DEFAULT true;
-- What is there now: repeated keys summed once, the old way (the rows keep merged = true).
WITH gone AS (
    DELETE FROM dashboard_product_daily
    WHERE day IN (SELECT day FROM dashboard_product_daily GROUP BY day
                  HAVING count(*) > count(DISTINCT product_id))
    RETURNING day, product_id, units, revenue)
INSERT INTO dashboard_product_daily (day, product_id, units, revenue)
SELECT day, product_id, sum(units), sum(revenue) FROM gone GROUP BY day, product_id
HAVING sum(units) <> 0 OR sum(revenue) <> 0;
ALTER TABLE dashboard_product_daily ALTER COLUMN merged SET DEFAULT false;
CREATE INDEX idx_dashboard_product_daily_unmerged ON dashboard_product_daily (day, product_id)
    WHERE NOT merged;

CREATE FUNCTION shop_dashboard_merge_product_days() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH fresh AS (SELECT DISTINCT day, product_id FROM dashboard_product_daily WHERE NOT merged),
    gone AS (
        DELETE FROM dashboard_product_daily d USING fresh
        WHERE d.day = fresh.day AND d.product_id = fresh.product_id
        RETURNING d.day, d.product_id, d.units, d.revenue)
    INSERT INTO dashboard_product_daily (day, product_id, units, revenue, merged)
    SELECT day, product_id, sum(units), sum(revenue), true FROM gone GROUP BY day, product_id
    HAVING sum(units) <> 0 OR sum(revenue) <> 0;
END;
$$;

-- 0013's merge with the product-day part above.
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
    PERFORM shop_dashboard_merge_product_days();

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
