-- 0017: a catalog notification names the transaction that committed it.
--
-- Every instance that hears a product change (0015) logs it in Redis, so that the shared cached
-- answers learn of it before each instance's own NOTIFY arrives (docs/caching.md). With N
-- instances each change was logged N times, and the shared values, which give up after 64 logged
-- changes, were refused N times sooner. The payload now carries the committing transaction's id,
-- and the first instance to log a notification marks it (transaction id and payload hash) so that
-- the others do not log it again:
--   {"p": [<the 0015 array>], "x": "<pg_current_xact_id()>"}
-- The rest is unchanged: at most 16 products, under 7,900 bytes, otherwise the table's name.
CREATE OR REPLACE FUNCTION shop_notify_catalog_products(changes jsonb[], tbl text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    payload text;
BEGIN
    IF changes IS NULL THEN
        RETURN;
    END IF;
    IF cardinality(changes) <= 16 THEN
        payload := jsonb_build_object('p', to_jsonb(changes),
                                      'x', pg_current_xact_id()::text)::text;
        IF octet_length(payload) < 7900 THEN
            PERFORM pg_notify('shop_catalog_changed', payload);
            RETURN;
        END IF;
    END IF;
    PERFORM pg_notify('shop_catalog_changed', tbl);
END;
$$;
