-- 0002: per-category counts of active products, kept exact by statement-level triggers, so that
-- the total of a product list filtered by nothing but category and stock is a sum over at most a
-- few hundred rows instead of a count over up to every product.
--
-- product_counts holds signed counts per category (the nil uuid stands for "no category"):
-- the number of active products and of active products with stock_quantity > 0 in the category
-- itself (not its descendants) is the sum of `active` / `active_in_stock` over the category's
-- rows. A category may have several rows: each writing statement adds its change as a row, and
-- then merges the rows of the categories it touched that no other transaction holds (FOR UPDATE
-- SKIP LOCKED) into one. Writers therefore never wait for each other here and cannot deadlock,
-- and a row is only ever merged by the one transaction that locked it, so the sums stay exact
-- whatever commits or rolls back. The number of rows per category stays at about one plus the
-- number of transactions writing to it at the same time.

CREATE TABLE product_counts (
    category_id     uuid NOT NULL,
    active          bigint NOT NULL,
    active_in_stock bigint NOT NULL
);
CREATE INDEX idx_product_counts_category ON product_counts (category_id);

CREATE FUNCTION shop_product_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- This statement's change per category (the nil uuid: no category).
    d_category uuid[];
    d_active   bigint[];
    d_in_stock bigint[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM product_counts;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(c), array_agg(a), array_agg(s) INTO d_category, d_active, d_in_stock
        FROM (SELECT coalesce(category_id, '00000000-0000-0000-0000-000000000000') AS c,
                     count(*) AS a, count(*) FILTER (WHERE stock_quantity > 0) AS s
              FROM shop_new_rows WHERE is_active GROUP BY 1) AS d;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(c), array_agg(a), array_agg(s) INTO d_category, d_active, d_in_stock
        FROM (SELECT coalesce(category_id, '00000000-0000-0000-0000-000000000000') AS c,
                     -count(*) AS a, -count(*) FILTER (WHERE stock_quantity > 0) AS s
              FROM shop_old_rows WHERE is_active GROUP BY 1) AS d;
    ELSE
        SELECT array_agg(c), array_agg(a), array_agg(s) INTO d_category, d_active, d_in_stock
        FROM (SELECT c, sum(a) AS a, sum(s) AS s
              FROM (SELECT coalesce(category_id, '00000000-0000-0000-0000-000000000000') AS c,
                           1 AS a, (stock_quantity > 0)::int AS s
                    FROM shop_new_rows WHERE is_active
                    UNION ALL
                    SELECT coalesce(category_id, '00000000-0000-0000-0000-000000000000'),
                           -1, -(stock_quantity > 0)::int
                    FROM shop_old_rows WHERE is_active) AS u
              GROUP BY c HAVING sum(a) <> 0 OR sum(s) <> 0) AS d;
    END IF;
    IF d_category IS NULL THEN
        RETURN NULL; -- no active product came, went or crossed zero stock
    END IF;

    IF current_setting('transaction_isolation') = 'read committed' THEN
        -- Add the change and merge the rows nobody else holds, in one statement.
        WITH gone AS (
            DELETE FROM product_counts
            WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM product_counts WHERE category_id = ANY (d_category)
                FOR UPDATE SKIP LOCKED))
            RETURNING category_id, active, active_in_stock)
        INSERT INTO product_counts (category_id, active, active_in_stock)
        SELECT c, sum(a), sum(s)
        FROM (SELECT * FROM gone
              UNION ALL
              SELECT * FROM unnest(d_category, d_active, d_in_stock)) AS m (c, a, s)
        GROUP BY c HAVING sum(a) <> 0 OR sum(s) <> 0;
    ELSE
        -- Under REPEATABLE READ or SERIALIZABLE, locking a row that another transaction
        -- changed since the snapshot is a serialization failure: only add the change; a later
        -- statement in READ COMMITTED merges it.
        INSERT INTO product_counts (category_id, active, active_in_stock)
        SELECT * FROM unnest(d_category, d_active, d_in_stock);
    END IF;
    RETURN NULL;
END;
$$;

-- Nothing may change products while the counts are taken and the triggers created.
LOCK TABLE products IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO product_counts (category_id, active, active_in_stock)
SELECT coalesce(category_id, '00000000-0000-0000-0000-000000000000'), count(*),
       count(*) FILTER (WHERE stock_quantity > 0)
FROM products WHERE is_active GROUP BY 1;

-- A trigger with transition tables handles one event only.
CREATE TRIGGER products_counts_insert AFTER INSERT ON products
    REFERENCING NEW TABLE AS shop_new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_product_counts_changed();
CREATE TRIGGER products_counts_update AFTER UPDATE ON products
    REFERENCING OLD TABLE AS shop_old_rows NEW TABLE AS shop_new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_product_counts_changed();
CREATE TRIGGER products_counts_delete AFTER DELETE ON products
    REFERENCING OLD TABLE AS shop_old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_product_counts_changed();
CREATE TRIGGER products_counts_truncate AFTER TRUNCATE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION shop_product_counts_changed();
