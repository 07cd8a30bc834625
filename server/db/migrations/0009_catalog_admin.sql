-- 0009: the staff's catalog management (docs/catalog-admin.md).
--
-- * products.revision: the version of a product as staff edit it, the entity tag of the admin
--   routes (ETag / If-Match). It goes up by one whenever a catalog field changes, whoever changes
--   it (the admin API, import-products, psql), and never for stock alone: orders take stock all
--   the time, and a staff edit that sent the ETag it read must not fail with 412 because a
--   customer bought something meanwhile. Kept by a BEFORE UPDATE row trigger whose WHEN clause
--   compares the catalog columns (evaluated without calling a function, so an order's stock
--   update pays a handful of comparisons). The column has no index: an order's stock update
--   stays a HOT update (0007).
-- * stock_movements: every stock change staff make, with its reason, signed delta and the stock
--   it left. The reasons order and cancel are reserved for the orders module.

ALTER TABLE products ADD COLUMN revision bigint NOT NULL DEFAULT 1 CHECK (revision >= 1);

CREATE FUNCTION shop_products_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.revision := OLD.revision + 1;
    RETURN NEW;
END;
$$;
CREATE TRIGGER products_revision BEFORE UPDATE ON products
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name
                       OR OLD.description IS DISTINCT FROM NEW.description
                       OR OLD.price IS DISTINCT FROM NEW.price
                       OR OLD.currency IS DISTINCT FROM NEW.currency
                       OR OLD.category_id IS DISTINCT FROM NEW.category_id
                       OR OLD.brand IS DISTINCT FROM NEW.brand
                       OR OLD.sku IS DISTINCT FROM NEW.sku
                       OR OLD.image_url IS DISTINCT FROM NEW.image_url
                       OR OLD.is_active IS DISTINCT FROM NEW.is_active)
    EXECUTE FUNCTION shop_products_revision();

CREATE TABLE stock_movements (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id     uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    delta          integer NOT NULL CHECK (delta <> 0),
    reason         text NOT NULL
                   CHECK (reason IN ('received', 'counted', 'damaged', 'returned', 'order', 'cancel')),
    note           text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    actor_id       uuid REFERENCES users (id) ON DELETE SET NULL,
    resulting_stock integer NOT NULL CHECK (resulting_stock >= 0),
    created_at     timestamptz NOT NULL DEFAULT now()
);
-- A product's movements, newest first.
CREATE INDEX idx_stock_movements_product ON stock_movements (product_id, created_at DESC, id DESC);
