-- 0007: orders commit without NOTIFY.
--
-- PostgreSQL commits the transactions that sent a NOTIFY one at a time: PreCommit_Notify takes a
-- database-wide lock and holds it through the commit's WAL flush, so such commits are never
-- grouped. With a NOTIFY in every order (the products trigger for the stock, the jobs trigger for
-- the confirmation email) orders could not go faster than one WAL flush each (about 240/s on the
-- benchmark machine, docs/performance.md). Two changes keep NOTIFY out of the order transaction:
--
-- * products: an UPDATE notifies the catalog only when something a catalog answer depends on
--   changed: any column but stock_quantity, updated_at and the derived search_vector, or the stock
--   crossing zero (in stock <-> sold out). The stock count inside a cached answer may lag by the
--   cache's lifetime (the seed's 5 and 10 minutes); "sold out" and the in-stock filter never do,
--   and the cart and checkout always read the table. INSERT, DELETE and TRUNCATE notify as before.
-- * jobs: a transaction that set shop.jobs_wake = 'deferred' (Jobs::deferWake) sends no NOTIFY;
--   the server that committed it wakes the workers itself (Jobs::wakeAfterCommit: its own at
--   once, the other instances' with one NOTIFY per 50 ms at most, sent outside the transaction
--   without waiting for the flush).

-- Old and new rows are compared by grouping, not by a join: PL/pgSQL caches a generic plan after
-- a few small statements (orders change one to three rows), and a cached nested-loop join over
-- two transition tables made a 30,000-row stock update take minutes. A row whose catalog-visible
-- part and in-stock state are the same before and after forms a group that sums to zero.
CREATE FUNCTION shop_notify_catalog_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1
        FROM (SELECT id, stock_quantity > 0 AS in_stock,
                     to_jsonb(n) - 'stock_quantity' - 'updated_at' - 'search_vector' AS shown,
                     1 AS side
              FROM new_rows n
              UNION ALL
              SELECT id, stock_quantity > 0,
                     to_jsonb(o) - 'stock_quantity' - 'updated_at' - 'search_vector', -1
              FROM old_rows o) AS r
        GROUP BY id, in_stock, shown
        HAVING sum(side) <> 0)
    THEN
        PERFORM pg_notify('shop_catalog_changed', TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END;
$$;

-- A trigger with transition tables handles one event only: UPDATE gets its own.
DROP TRIGGER products_changed ON products;
CREATE TRIGGER products_changed AFTER INSERT OR DELETE OR TRUNCATE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION shop_notify_catalog_changed();
CREATE TRIGGER products_changed_update AFTER UPDATE ON products
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_notify_catalog_rows_changed();

CREATE OR REPLACE FUNCTION shop_jobs_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Unset (NULL) or reset ('') after an earlier transaction of the session: notify.
    IF current_setting('shop.jobs_wake', true) IS DISTINCT FROM 'deferred' THEN
        PERFORM pg_notify('shop_jobs', '');
    END IF;
    RETURN NULL;
END;
$$;

-- An order's stock UPDATE must be a HOT update (heap-only: no index touched, the GIN search index
-- above all), which PostgreSQL 15 allows only while no index covers a changed column (predicates
-- included) and the page has room. 0006's idx_products_low_stock covered stock_quantity and made
-- every order rewrite all nine indexes of products. The staff's low-stock list now reads a small
-- side table instead: product_stock_watch holds every product with at most 1,000 units (the
-- highest threshold the list accepts), kept by row triggers that fire only when the stock is or
-- was at or below that level. And a tenth of every products page is left free for HOT updates.
DROP INDEX idx_products_low_stock;
CREATE TABLE product_stock_watch (
    product_id     uuid PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    stock_quantity integer NOT NULL CHECK (stock_quantity BETWEEN 0 AND 1000)
);
CREATE INDEX idx_product_stock_watch_level ON product_stock_watch (stock_quantity, product_id);

CREATE FUNCTION shop_product_stock_watch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.stock_quantity <= 1000 THEN
        INSERT INTO product_stock_watch (product_id, stock_quantity)
        VALUES (NEW.id, NEW.stock_quantity)
        ON CONFLICT (product_id) DO UPDATE SET stock_quantity = EXCLUDED.stock_quantity;
    ELSE
        DELETE FROM product_stock_watch WHERE product_id = NEW.id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER products_stock_watch_insert AFTER INSERT ON products
    FOR EACH ROW WHEN (NEW.stock_quantity <= 1000)
    EXECUTE FUNCTION shop_product_stock_watch();
CREATE TRIGGER products_stock_watch_update AFTER UPDATE OF stock_quantity ON products
    FOR EACH ROW WHEN (OLD.stock_quantity IS DISTINCT FROM NEW.stock_quantity
                       AND (OLD.stock_quantity <= 1000 OR NEW.stock_quantity <= 1000))
    EXECUTE FUNCTION shop_product_stock_watch();

LOCK TABLE products IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO product_stock_watch (product_id, stock_quantity)
SELECT id, stock_quantity FROM products WHERE stock_quantity <= 1000;

ALTER TABLE products SET (fillfactor = 90);
