-- 0015: catalog notifications name the products that changed.
--
-- Until now every catalog change sent the table's name, and every instance emptied its whole
-- catalog cache: one product's new price dropped every cached list page, search and detail
-- (bench/catalog-write-bench: one update a second multiplied the catalog's p99 by 6). A change of
-- at most 16 products now sends what the caches need to drop only the answers it can alter
-- (server/catalog/catalogchange.h): a JSON array with, per product, its id, what decides where it
-- appears before and after the change (null where it is not shown: absent or inactive), and
-- whether its name or its searched text changed:
--   [{"id": "<uuid>", "b": {"c": <category_id>, "p": <price>, "s": <in stock>, "r": <brand>},
--     "a": {...}, "n": <name changed>, "t": <name, brand or description changed>}, ...]
-- Larger statements (imports, bulk stock updates), and anything whose payload would not fit
-- NOTIFY's 8,000 bytes, still send the table's name (everything). A change of a product's images
-- sends {"id"} alone (it alters the answers showing the product, not where it appears).
-- Categories, DELETE and TRUNCATE are unchanged. Which updates notify at all is unchanged (0007): any column but
-- stock_quantity, updated_at and search_vector, or the stock crossing zero; and an inactive
-- product that stays inactive no longer notifies (the public catalog shows it nowhere).

-- Sends the changes gathered by the two trigger functions below.
CREATE FUNCTION shop_notify_catalog_products(changes jsonb[], tbl text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    payload text;
BEGIN
    IF changes IS NULL THEN
        RETURN;
    END IF;
    IF cardinality(changes) <= 16 THEN
        payload := to_jsonb(changes)::text;
        IF octet_length(payload) < 7900 THEN
            PERFORM pg_notify('shop_catalog_changed', payload);
            RETURN;
        END IF;
    END IF;
    PERFORM pg_notify('shop_catalog_changed', tbl);
END;
$$;

-- Grouped by id over both transition tables, never joined (see 0007: a cached nested-loop join
-- of two transition tables made a 30,000-row update take minutes). LIMIT 17 stops gathering once
-- the change is too large to name products.
CREATE OR REPLACE FUNCTION shop_notify_catalog_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changes jsonb[];
BEGIN
    SELECT array_agg(c) INTO changes FROM (
        SELECT jsonb_build_object('id', id, 'b', b_facts, 'a', a_facts,
                                  'n', b_name IS DISTINCT FROM a_name,
                                  't', b_text IS DISTINCT FROM a_text) AS c
        FROM (
            SELECT id,
                   (array_agg(facts) FILTER (WHERE side < 0))[1] AS b_facts,
                   (array_agg(facts) FILTER (WHERE side > 0))[1] AS a_facts,
                   (array_agg(shown) FILTER (WHERE side < 0))[1] AS b_shown,
                   (array_agg(shown) FILTER (WHERE side > 0))[1] AS a_shown,
                   bool_or(in_stock) FILTER (WHERE side < 0) AS b_in_stock,
                   bool_or(in_stock) FILTER (WHERE side > 0) AS a_in_stock,
                   (array_agg(name) FILTER (WHERE side < 0))[1] AS b_name,
                   (array_agg(name) FILTER (WHERE side > 0))[1] AS a_name,
                   (array_agg(txt) FILTER (WHERE side < 0))[1] AS b_text,
                   (array_agg(txt) FILTER (WHERE side > 0))[1] AS a_text
            FROM (SELECT id, 1 AS side, stock_quantity > 0 AS in_stock, name,
                         jsonb_build_array(name, brand, description) AS txt,
                         to_jsonb(n) - 'stock_quantity' - 'updated_at' - 'search_vector' AS shown,
                         CASE WHEN is_active THEN
                             jsonb_build_object('c', category_id, 'p', price,
                                                's', stock_quantity > 0, 'r', brand)
                         END AS facts
                  FROM new_rows n
                  UNION ALL
                  SELECT id, -1, stock_quantity > 0, name, jsonb_build_array(name, brand, description),
                         to_jsonb(o) - 'stock_quantity' - 'updated_at' - 'search_vector',
                         CASE WHEN is_active THEN
                             jsonb_build_object('c', category_id, 'p', price,
                                                's', stock_quantity > 0, 'r', brand)
                         END
                  FROM old_rows o) AS r
            GROUP BY id) AS g
        WHERE (b_shown IS DISTINCT FROM a_shown OR b_in_stock IS DISTINCT FROM a_in_stock)
          AND (b_facts IS NOT NULL OR a_facts IS NOT NULL)
        LIMIT 17) AS x;
    PERFORM shop_notify_catalog_products(changes, TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE FUNCTION shop_notify_catalog_rows_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changes jsonb[];
BEGIN
    SELECT array_agg(c) INTO changes FROM (
        SELECT jsonb_build_object('id', id, 'b', NULL,
                                  'a', jsonb_build_object('c', category_id, 'p', price,
                                                          's', stock_quantity > 0, 'r', brand),
                                  'n', false, 't', false) AS c
        FROM new_rows
        WHERE is_active
        LIMIT 17) AS x;
    PERFORM shop_notify_catalog_products(changes, TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

DROP TRIGGER products_changed ON products;
CREATE TRIGGER products_changed AFTER DELETE OR TRUNCATE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION shop_notify_catalog_changed();
CREATE TRIGGER products_changed_insert AFTER INSERT ON products
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_notify_catalog_rows_inserted();

-- A product's images (0011): the products whose images changed, by id alone. Still nothing for a
-- statement without rows (a product's DELETE cascading here with no images).
CREATE OR REPLACE FUNCTION shop_notify_catalog_if_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changes jsonb[];
BEGIN
    SELECT array_agg(jsonb_build_object('id', product_id)) INTO changes
    FROM (SELECT DISTINCT product_id FROM changed_rows LIMIT 17) AS r;
    PERFORM shop_notify_catalog_products(changes, TG_TABLE_NAME);
    RETURN NULL;
END;
$$;
