#include "catalogjson.h"

namespace Shop::Json {

namespace {

Error malformed(const QString &what)
{
    return Error::badRequest(QStringLiteral("Malformed %1 in the server's answer.").arg(what));
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QString toWireTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromWireTime(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

QJsonObject toJson(const Product &p)
{
    return QJsonObject {
        {QStringLiteral("id"), p.id.toString()},
        {QStringLiteral("sku"), p.sku},
        {QStringLiteral("name"), p.name},
        {QStringLiteral("description"), p.description},
        {QStringLiteral("brand"), nullable(p.brand)},
        {QStringLiteral("category_id"),
         p.categoryId ? QJsonValue(p.categoryId->toString()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("category_slug"), nullable(p.categorySlug)},
        {QStringLiteral("category_name"), nullable(p.categoryName)},
        {QStringLiteral("price"), p.price.minorUnits()},
        {QStringLiteral("currency"), p.price.currency().code()},
        {QStringLiteral("stock_quantity"), p.stockQuantity},
        {QStringLiteral("in_stock"), p.inStock()},
        {QStringLiteral("image_url"), nullable(p.imageUrl)},
        {QStringLiteral("is_active"), p.isActive},
        {QStringLiteral("created_at"), toWireTime(p.createdAt)},
        {QStringLiteral("updated_at"), toWireTime(p.updatedAt)},
    };
}

QJsonObject toJson(const Category &c)
{
    return QJsonObject {
        {QStringLiteral("id"), c.id.toString()},
        {QStringLiteral("name"), c.name},
        {QStringLiteral("slug"), c.slug},
        {QStringLiteral("parent_id"),
         c.parentId ? QJsonValue(c.parentId->toString()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("product_count"), c.productCount},
        {QStringLiteral("children"), toJson(c.children)},
    };
}

QJsonArray toJson(const QList<Category> &categories)
{
    QJsonArray array;
    for (const Category &c : categories) {
        array.append(toJson(c));
    }
    return array;
}

QJsonObject toJson(const Page<Product> &page)
{
    QJsonArray items;
    for (const Product &p : page.items) {
        items.append(toJson(p));
    }
    return QJsonObject {
        {QStringLiteral("items"), items},
        {QStringLiteral("page"), page.page},
        {QStringLiteral("limit"), page.limit},
        {QStringLiteral("total"), page.total},
    };
}

QJsonObject toJson(const Brand &brand)
{
    return QJsonObject {
        {QStringLiteral("name"), brand.name},
        {QStringLiteral("product_count"), brand.productCount},
    };
}

QJsonObject toJson(const QList<Brand> &brands)
{
    QJsonArray items;
    for (const Brand &brand : brands) {
        items.append(toJson(brand));
    }
    return QJsonObject {{QStringLiteral("items"), items}};
}

Result<Product> productFromJson(const QJsonObject &o)
{
    Product p;
    const auto id = ProductId::parse(o.value(QStringLiteral("id")).toString());
    const auto currency = Currency::fromCode(o.value(QStringLiteral("currency")).toString());
    const QJsonValue price = o.value(QStringLiteral("price"));
    if (!id || !currency || !price.isDouble()) {
        return fail(malformed(QStringLiteral("product")));
    }
    p.id = *id;
    p.sku = o.value(QStringLiteral("sku")).toString();
    p.name = o.value(QStringLiteral("name")).toString();
    p.description = o.value(QStringLiteral("description")).toString();
    p.brand = o.value(QStringLiteral("brand")).toString();
    if (const auto categoryId =
            CategoryId::parse(o.value(QStringLiteral("category_id")).toString())) {
        p.categoryId = *categoryId;
    }
    p.categorySlug = o.value(QStringLiteral("category_slug")).toString();
    p.categoryName = o.value(QStringLiteral("category_name")).toString();
    // JSON numbers are doubles; integers up to 2^53 round-trip exactly, far beyond kMaxPrice.
    p.price = Money(price.toInteger(), *currency);
    p.stockQuantity = o.value(QStringLiteral("stock_quantity")).toInt();
    p.imageUrl = o.value(QStringLiteral("image_url")).toString();
    p.isActive = o.value(QStringLiteral("is_active")).toBool(true);
    p.createdAt = fromWireTime(o.value(QStringLiteral("created_at")).toString());
    p.updatedAt = fromWireTime(o.value(QStringLiteral("updated_at")).toString());
    return p;
}

Result<Category> categoryFromJson(const QJsonObject &o)
{
    Category c;
    const auto id = CategoryId::parse(o.value(QStringLiteral("id")).toString());
    if (!id) {
        return fail(malformed(QStringLiteral("category")));
    }
    c.id = *id;
    c.name = o.value(QStringLiteral("name")).toString();
    c.slug = o.value(QStringLiteral("slug")).toString();
    if (const auto parent = CategoryId::parse(o.value(QStringLiteral("parent_id")).toString())) {
        c.parentId = *parent;
    }
    c.productCount = o.value(QStringLiteral("product_count")).toInteger();
    auto children = categoriesFromJson(o.value(QStringLiteral("children")).toArray());
    if (!children) {
        return fail(children.error());
    }
    c.children = std::move(*children);
    return c;
}

Result<QList<Category>> categoriesFromJson(const QJsonArray &array)
{
    QList<Category> result;
    result.reserve(array.size());
    for (const QJsonValue &value : array) {
        auto category = categoryFromJson(value.toObject());
        if (!category) {
            return fail(category.error());
        }
        result.append(std::move(*category));
    }
    return result;
}

Result<Page<Product>> productPageFromJson(const QJsonObject &o)
{
    Page<Product> page;
    if (!o.value(QStringLiteral("items")).isArray()) {
        return fail(malformed(QStringLiteral("product list")));
    }
    for (const QJsonValue &value : o.value(QStringLiteral("items")).toArray()) {
        auto product = productFromJson(value.toObject());
        if (!product) {
            return fail(product.error());
        }
        page.items.append(std::move(*product));
    }
    page.page = o.value(QStringLiteral("page")).toInt(1);
    page.limit = o.value(QStringLiteral("limit")).toInt(int(page.items.size()));
    page.total = o.value(QStringLiteral("total")).toInteger();
    return page;
}

Result<Brand> brandFromJson(const QJsonObject &o)
{
    const QJsonValue name = o.value(QStringLiteral("name"));
    const QJsonValue count = o.value(QStringLiteral("product_count"));
    if (!name.isString() || name.toString().isEmpty() || !count.isDouble()) {
        return fail(malformed(QStringLiteral("brand")));
    }
    return Brand {name.toString(), count.toInteger()};
}

Result<QList<Brand>> brandListFromJson(const QJsonObject &o)
{
    if (!o.value(QStringLiteral("items")).isArray()) {
        return fail(malformed(QStringLiteral("brand list")));
    }
    QList<Brand> brands;
    for (const QJsonValue &value : o.value(QStringLiteral("items")).toArray()) {
        auto brand = brandFromJson(value.toObject());
        if (!brand) {
            return fail(brand.error());
        }
        brands.append(std::move(*brand));
    }
    return brands;
}

} // namespace Shop::Json
