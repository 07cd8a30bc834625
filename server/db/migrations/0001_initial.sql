-- 0001: the seed's schema (users, categories, products, carts, cart_items, orders, order_items,
-- addresses, payments) with real constraints, plus stored media for product images.
-- Money columns are BIGINT minor units (cents) next to an ISO 4217 currency code.

CREATE FUNCTION shop_set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

-- Every committed change to the catalog tables notifies listeners (the servers' caches).
-- NOTIFY is transactional: sent on commit, never for a rolled-back change, folded per transaction.
CREATE FUNCTION shop_notify_catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('shop_catalog_changed', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
    password_hash text NOT NULL,
    first_name    text NOT NULL DEFAULT '' CHECK (length(first_name) <= 100),
    last_name     text NOT NULL DEFAULT '' CHECK (length(last_name) <= 100),
    role          text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    is_active     boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
-- E-mail addresses are unique regardless of case (the seed's idx_users_email).
CREATE UNIQUE INDEX idx_users_email ON users (lower(email));
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION shop_set_updated_at();

CREATE TABLE categories (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
    parent_id  uuid REFERENCES categories (id) ON DELETE RESTRICT CHECK (parent_id <> id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_categories_parent ON categories (parent_id);
CREATE TRIGGER categories_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
    FOR EACH STATEMENT EXECUTE FUNCTION shop_notify_catalog_changed();

CREATE TABLE products (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    description    text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    price          bigint NOT NULL CHECK (price >= 0),
    currency       char(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    category_id    uuid REFERENCES categories (id) ON DELETE SET NULL,
    brand          text CHECK (length(brand) <= 100),
    sku            text NOT NULL UNIQUE CHECK (length(sku) BETWEEN 1 AND 64),
    stock_quantity integer NOT NULL DEFAULT 0 CHECK (stock_quantity >= 0),
    image_url      text CHECK (length(image_url) <= 2000),
    is_active      boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- Full-text search: name ranks above brand above description.
    search_vector  tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A')
        || setweight(to_tsvector('english', coalesce(brand, '')), 'B')
        || setweight(to_tsvector('english', description), 'C')) STORED
);
CREATE INDEX idx_products_category ON products (category_id);
-- idx_products_sku of the seed: the UNIQUE constraint on sku already provides this index.
CREATE INDEX idx_products_search ON products USING gin (search_vector);
CREATE INDEX idx_products_newest ON products (created_at DESC, id) WHERE is_active;
CREATE INDEX idx_products_price ON products (price, id) WHERE is_active;
CREATE INDEX idx_products_name ON products (name, id) WHERE is_active;
CREATE INDEX idx_products_brand ON products (lower(brand)) WHERE is_active;
CREATE TRIGGER products_updated_at BEFORE UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION shop_set_updated_at();
CREATE TRIGGER products_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION shop_notify_catalog_changed();

CREATE TABLE addresses (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address_line1 text NOT NULL CHECK (length(address_line1) BETWEEN 1 AND 200),
    address_line2 text CHECK (length(address_line2) <= 200),
    city          text NOT NULL CHECK (length(city) BETWEEN 1 AND 100),
    state         text CHECK (length(state) <= 100),
    postal_code   text NOT NULL CHECK (length(postal_code) BETWEEN 1 AND 20),
    country       char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    is_default    boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_addresses_user ON addresses (user_id);
-- At most one default address per user.
CREATE UNIQUE INDEX idx_addresses_one_default ON addresses (user_id) WHERE is_default;
CREATE TRIGGER addresses_updated_at BEFORE UPDATE ON addresses
    FOR EACH ROW EXECUTE FUNCTION shop_set_updated_at();

CREATE TABLE carts (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER carts_updated_at BEFORE UPDATE ON carts
    FOR EACH ROW EXECUTE FUNCTION shop_set_updated_at();

CREATE TABLE cart_items (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    cart_id      uuid NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    product_id   uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    quantity     integer NOT NULL CHECK (quantity > 0),
    price_at_add bigint NOT NULL CHECK (price_at_add >= 0),
    currency     char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (cart_id, product_id)
);
CREATE INDEX idx_cart_items_cart ON cart_items (cart_id);
CREATE TRIGGER cart_items_updated_at BEFORE UPDATE ON cart_items
    FOR EACH ROW EXECUTE FUNCTION shop_set_updated_at();

CREATE TABLE orders (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    order_number        text NOT NULL UNIQUE CHECK (length(order_number) BETWEEN 1 AND 32),
    status              text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'paid', 'processing', 'shipped', 'delivered', 'cancelled')),
    subtotal            bigint NOT NULL CHECK (subtotal >= 0),
    tax                 bigint NOT NULL DEFAULT 0 CHECK (tax >= 0),
    shipping_cost       bigint NOT NULL DEFAULT 0 CHECK (shipping_cost >= 0),
    total               bigint NOT NULL CHECK (total >= 0),
    currency            char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    shipping_address_id uuid REFERENCES addresses (id) ON DELETE SET NULL,
    payment_id          uuid, -- references payments (id), added below
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (total = subtotal + tax + shipping_cost)
);
CREATE INDEX idx_orders_user ON orders (user_id);
CREATE INDEX idx_orders_status ON orders (status);
CREATE TRIGGER orders_updated_at BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION shop_set_updated_at();

CREATE TABLE order_items (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id     uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id   uuid NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
    -- What was bought, as it was then: the product may be renamed or repriced later.
    product_name text NOT NULL,
    sku          text NOT NULL,
    quantity     integer NOT NULL CHECK (quantity > 0),
    price        bigint NOT NULL CHECK (price >= 0), -- unit price, minor units
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_order_items_order ON order_items (order_id);
CREATE INDEX idx_order_items_product ON order_items (product_id);

CREATE TABLE payments (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id                 uuid NOT NULL UNIQUE REFERENCES orders (id) ON DELETE RESTRICT,
    stripe_payment_intent_id text UNIQUE,
    amount                   bigint NOT NULL CHECK (amount >= 0),
    currency                 char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status                   text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'succeeded', 'failed')),
    payment_method           text,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER payments_updated_at BEFORE UPDATE ON payments
    FOR EACH ROW EXECUTE FUNCTION shop_set_updated_at();
ALTER TABLE orders ADD CONSTRAINT orders_payment_fk
    FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE SET NULL;

-- Files the server serves itself (generated product images, uploads): /media/<path>.
CREATE TABLE media (
    path         text PRIMARY KEY CHECK (path ~ '^[a-z0-9][a-z0-9._/-]*$' AND length(path) <= 300),
    content_type text NOT NULL,
    data         bytea NOT NULL CHECK (length(data) <= 10485760),
    etag         text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
