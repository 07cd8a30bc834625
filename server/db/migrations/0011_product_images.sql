-- 0011: product images uploaded by staff (docs/catalog-admin.md, "Images").
--
-- * The files themselves are rows of media (0001), content-addressed: images/<sha256>.<ext> for
--   the upload and images/<sha256>-thumb.<webp|png> for its thumbnail, so every instance serves
--   them from /media/... with the existing ETag and caching, and one picture used by several
--   products (or uploaded twice) is stored once.
-- * product_images: which images a product has, in which order (position, 0 first). The primary
--   image is the one products.image_url points at.
-- * media_unused: images no product uses any more, since when. Files stay for a grace period (a
--   client or cache may still show them; an undo may bring them back) and are then removed by
--   the jobs' housekeeping (ProductImages::removeUnused). An upload of the same bytes takes its
--   file off this list.

CREATE TABLE product_images (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    product_id     uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    media_path     text NOT NULL REFERENCES media (path),
    thumbnail_path text NOT NULL REFERENCES media (path),
    content_type   text NOT NULL,
    width          integer NOT NULL CHECK (width >= 0),
    height         integer NOT NULL CHECK (height >= 0),
    bytes          integer NOT NULL CHECK (bytes >= 0),
    position       integer NOT NULL CHECK (position >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (product_id, media_path)
);
CREATE INDEX idx_product_images_product ON product_images (product_id, position);
CREATE INDEX idx_product_images_media ON product_images (media_path);
CREATE INDEX idx_product_images_thumbnail ON product_images (thumbnail_path);

CREATE TABLE media_unused (
    path      text PRIMARY KEY REFERENCES media (path) ON DELETE CASCADE,
    unused_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_media_unused_since ON media_unused (unused_at);

-- A product's images are part of the catalog: every change empties every instance's cache. Only
-- a statement that changed rows notifies: deleting a product cascades here with a DELETE of no
-- rows, which must not add a second notification to the products table's. A trigger with
-- transition tables handles one event only, hence one per event.
CREATE FUNCTION shop_notify_catalog_if_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_rows) THEN
        PERFORM pg_notify('shop_catalog_changed', TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER product_images_inserted AFTER INSERT ON product_images
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_notify_catalog_if_rows();
CREATE TRIGGER product_images_updated AFTER UPDATE ON product_images
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_notify_catalog_if_rows();
CREATE TRIGGER product_images_deleted AFTER DELETE ON product_images
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION shop_notify_catalog_if_rows();
CREATE TRIGGER product_images_truncated AFTER TRUNCATE ON product_images
    FOR EACH STATEMENT EXECUTE FUNCTION shop_notify_catalog_changed();
