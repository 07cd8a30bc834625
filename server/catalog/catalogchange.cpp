#include "catalogchange.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Shop::Catalog {

namespace {

bool isAscii(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() > 0x7f) {
            return false;
        }
    }
    return true;
}

std::optional<ProductFacts> factsFromJson(const QJsonValue &value, bool *ok)
{
    if (value.isNull() || value.isUndefined()) {
        return std::nullopt;
    }
    if (!value.isObject()) {
        *ok = false;
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    ProductFacts facts;
    const QJsonValue category = object.value(QLatin1String("c"));
    if (category.isString()) {
        facts.category = CategoryId::parse(category.toString());
        *ok = *ok && facts.category.has_value();
    } else if (!category.isNull() && !category.isUndefined()) {
        *ok = false;
    }
    const QJsonValue price = object.value(QLatin1String("p"));
    *ok = *ok && price.isDouble();
    facts.price = qint64(price.toDouble());
    facts.inStock = object.value(QLatin1String("s")).toBool();
    facts.brand = object.value(QLatin1String("r")).toString();
    return facts;
}

QJsonValue factsToJson(const std::optional<ProductFacts> &facts)
{
    if (!facts) {
        return QJsonValue::Null;
    }
    return QJsonObject {
        {QStringLiteral("c"),
         facts->category ? QJsonValue(facts->category->toString()) : QJsonValue::Null},
        {QStringLiteral("p"), double(facts->price)},
        {QStringLiteral("s"), facts->inStock},
        {QStringLiteral("r"), facts->brand.isEmpty() ? QJsonValue::Null : QJsonValue(facts->brand)},
    };
}

template<typename IdType>
QJsonArray idsToJson(const QSet<IdType> &ids)
{
    QJsonArray array;
    for (const IdType &id : ids) {
        array.append(id.toString());
    }
    return array;
}

template<typename IdType>
bool idsFromJson(const QJsonValue &value, QSet<IdType> &into)
{
    if (value.isUndefined()) {
        return true;
    }
    if (!value.isArray()) {
        return false;
    }
    const QJsonArray array = value.toArray();
    into.reserve(array.size());
    for (const QJsonValue &item : array) {
        const auto id = IdType::parse(item.toString());
        if (!id) {
            return false;
        }
        into.insert(*id);
    }
    return true;
}

} // namespace

ProductFacts ProductFacts::of(const Product &product)
{
    return {product.categoryId, product.price.minorUnits(), product.inStock(), product.brand};
}

ProductChange ProductChange::between(const std::optional<Product> &before,
                                     const std::optional<Product> &after)
{
    ProductChange change;
    change.id = after ? after->id : before ? before->id : ProductId();
    if (before && before->isActive) {
        change.before = ProductFacts::of(*before);
    }
    if (after && after->isActive) {
        change.after = ProductFacts::of(*after);
    }
    if (before && after) {
        change.nameChanged = before->name != after->name;
        change.textChanged = change.nameChanged || before->brand != after->brand
            || before->description != after->description;
    }
    return change;
}

ProductChange ProductChange::contentOf(const ProductId &id)
{
    ProductChange change;
    change.id = id;
    return change;
}

CatalogChange CatalogChange::of(QList<ProductChange> products)
{
    CatalogChange change;
    change.everything = false;
    change.products = std::move(products);
    return change;
}

CatalogChange CatalogChange::fromPayload(QByteArrayView payload)
{
    const QByteArray trimmed = payload.toByteArray().trimmed();
    if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) {
        return all();
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed, &error);
    if (error.error != QJsonParseError::NoError) {
        return all();
    }
    QJsonArray array;
    QByteArray source;
    if (document.isObject()) {
        const QJsonValue transaction = document.object().value(QLatin1String("x"));
        const QJsonValue changes = document.object().value(QLatin1String("p"));
        if (!transaction.isString() || transaction.toString().isEmpty() || !changes.isArray()) {
            return all();
        }
        array = changes.toArray();
        source = transaction.toString().toUtf8() + ':'
            + QCryptographicHash::hash(trimmed, QCryptographicHash::Sha1).toHex();
    } else if (document.isArray()) {
        array = document.array();
    } else {
        return all();
    }
    QList<ProductChange> products;
    products.reserve(array.size());
    for (const QJsonValue &item : std::as_const(array)) {
        const QJsonObject object = item.toObject();
        const auto id = ProductId::parse(object.value(QLatin1String("id")).toString());
        if (!id) {
            return all();
        }
        bool ok = true;
        ProductChange change;
        change.id = *id;
        change.before = factsFromJson(object.value(QLatin1String("b")), &ok);
        change.after = factsFromJson(object.value(QLatin1String("a")), &ok);
        change.nameChanged = object.value(QLatin1String("n")).toBool();
        change.textChanged = object.value(QLatin1String("t")).toBool();
        if (!ok) {
            return all();
        }
        products.append(std::move(change));
    }
    CatalogChange change = of(std::move(products));
    change.source = source;
    return change;
}

QByteArray CatalogChange::toPayload() const
{
    if (everything) {
        return QByteArrayLiteral("products");
    }
    QJsonArray array;
    for (const ProductChange &change : products) {
        array.append(QJsonObject {
            {QStringLiteral("id"), change.id.toString()},
            {QStringLiteral("b"), factsToJson(change.before)},
            {QStringLiteral("a"), factsToJson(change.after)},
            {QStringLiteral("n"), change.nameChanged},
            {QStringLiteral("t"), change.textChanged},
        });
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

CacheDependencyPtr CacheDependency::product(const ProductId &id)
{
    auto dependency = std::make_shared<CacheDependency>();
    dependency->m_kind = Kind::Product;
    dependency->m_shown.insert(id);
    return dependency;
}

CacheDependencyPtr CacheDependency::count(const ProductQuery &query,
                                          const QList<CategoryId> &subtree)
{
    auto dependency = std::make_shared<CacheDependency>();
    dependency->m_kind = Kind::Count;
    dependency->m_byCategory = !query.category.isEmpty();
    dependency->m_subtree = QSet<CategoryId>(subtree.cbegin(), subtree.cend());
    dependency->m_brand = query.brand;
    dependency->m_minPrice = query.minPrice;
    dependency->m_maxPrice = query.maxPrice;
    dependency->m_inStock = query.inStock;
    dependency->m_searching = !query.search.isEmpty();
    dependency->m_sort = query.sort;
    return dependency;
}

CacheDependencyPtr CacheDependency::list(const ProductQuery &query,
                                         const QList<CategoryId> &subtree,
                                         const QList<ProductId> &shown)
{
    auto dependency = std::const_pointer_cast<CacheDependency>(count(query, subtree));
    dependency->m_kind = Kind::List;
    dependency->m_shown = QSet<ProductId>(shown.cbegin(), shown.cend());
    return dependency;
}

CacheDependencyPtr CacheDependency::categories()
{
    auto dependency = std::make_shared<CacheDependency>();
    dependency->m_kind = Kind::Categories;
    return dependency;
}

CacheDependencyPtr CacheDependency::brands()
{
    auto dependency = std::make_shared<CacheDependency>();
    dependency->m_kind = Kind::Brands;
    return dependency;
}

// Whether a product with these facts is in the filter: Unknown where only PostgreSQL can tell
// (the search's words; a brand compared without regard to case beyond ASCII).
CacheDependency::Truth CacheDependency::matches(const std::optional<ProductFacts> &facts) const
{
    if (!facts) {
        return Truth::No;
    }
    if (m_byCategory && (!facts->category || !m_subtree.contains(*facts->category))) {
        return Truth::No;
    }
    if ((m_minPrice && facts->price < *m_minPrice) || (m_maxPrice && facts->price > *m_maxPrice)) {
        return Truth::No;
    }
    if (m_inStock && facts->inStock != *m_inStock) {
        return Truth::No;
    }
    Truth truth = m_searching ? Truth::Unknown : Truth::Yes;
    if (!m_brand.isEmpty() && m_brand.compare(facts->brand, Qt::CaseInsensitive) != 0) {
        if (isAscii(m_brand) && isAscii(facts->brand)) {
            return Truth::No;
        }
        truth = Truth::Unknown;
    }
    return truth;
}

bool CacheDependency::membershipMayChange(const ProductChange &change) const
{
    const Truth before = matches(change.before);
    const Truth after = matches(change.after);
    if (before == Truth::No && after == Truth::No) {
        return false;
    }
    if (!change.before || !change.after) {
        return true; // shown on one side only, and may match there
    }
    // Both shown: the membership stays when every part of the filter judges both sides alike.
    const ProductFacts &b = *change.before;
    const ProductFacts &a = *change.after;
    if (m_byCategory
        && (b.category && m_subtree.contains(*b.category))
            != (a.category && m_subtree.contains(*a.category))) {
        return true;
    }
    const auto inRange = [this](qint64 price) {
        return (!m_minPrice || price >= *m_minPrice) && (!m_maxPrice || price <= *m_maxPrice);
    };
    if (inRange(b.price) != inRange(a.price)) {
        return true;
    }
    if (m_inStock && b.inStock != a.inStock) {
        return true;
    }
    if (!m_brand.isEmpty() && b.brand != a.brand) {
        const bool known = isAscii(m_brand) && isAscii(b.brand) && isAscii(a.brand);
        if (!known
            || (m_brand.compare(b.brand, Qt::CaseInsensitive) == 0)
                != (m_brand.compare(a.brand, Qt::CaseInsensitive) == 0)) {
            return true;
        }
    }
    return m_searching && change.textChanged;
}

bool CacheDependency::orderMayChange(const ProductChange &change) const
{
    if (!change.before || !change.after || matches(change.after) == Truth::No) {
        return false; // entering or leaving: membershipMayChange() decides
    }
    switch (m_sort) {
    case ProductSort::PriceAsc:
    case ProductSort::PriceDesc:
        return change.before->price != change.after->price;
    case ProductSort::Name:
        return change.nameChanged;
    case ProductSort::Relevance:
        return m_searching && change.textChanged; // ranked by the words; else newest first
    case ProductSort::Newest:
        return false; // created_at never changes
    }
    return true;
}

bool CacheDependency::affectedBy(const ProductChange &change) const
{
    switch (m_kind) {
    case Kind::Product:
        return m_shown.contains(change.id);
    case Kind::List:
        return m_shown.contains(change.id) || membershipMayChange(change) || orderMayChange(change);
    case Kind::Count:
        return membershipMayChange(change);
    case Kind::Categories:
        // Active products per category.
        return change.before.has_value() != change.after.has_value()
            || (change.before && change.before->category != change.after->category);
    case Kind::Brands:
        // Active products per brand (spelt as most of them spell it), within a category.
        return change.before.has_value() != change.after.has_value()
            || (change.before
                && (change.before->category != change.after->category
                    || change.before->brand != change.after->brand));
    }
    return true;
}

bool CacheDependency::affectedBy(const CatalogChange &change) const
{
    if (change.everything) {
        return true;
    }
    for (const ProductChange &product : change.products) {
        if (affectedBy(product)) {
            return true;
        }
    }
    return false;
}

QByteArray CacheDependency::encode() const
{
    static const char *const kinds[] = {"product", "list", "count", "categories", "brands"};
    QJsonObject object {{QStringLiteral("k"), QLatin1String(kinds[int(m_kind)])}};
    if (!m_shown.isEmpty()) {
        object.insert(QStringLiteral("i"), idsToJson(m_shown));
    }
    if (m_kind == Kind::List || m_kind == Kind::Count) {
        if (m_byCategory) {
            object.insert(QStringLiteral("c"), idsToJson(m_subtree));
        }
        if (!m_brand.isEmpty()) {
            object.insert(QStringLiteral("b"), m_brand);
        }
        if (m_minPrice) {
            object.insert(QStringLiteral("lo"), double(*m_minPrice));
        }
        if (m_maxPrice) {
            object.insert(QStringLiteral("hi"), double(*m_maxPrice));
        }
        if (m_inStock) {
            object.insert(QStringLiteral("s"), *m_inStock);
        }
        object.insert(QStringLiteral("q"), m_searching);
        object.insert(QStringLiteral("o"), productSortName(m_sort));
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

CacheDependencyPtr CacheDependency::decode(QByteArrayView text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return nullptr;
    }
    const QJsonObject object = document.object();
    auto dependency = std::make_shared<CacheDependency>();
    const QString kind = object.value(QLatin1String("k")).toString();
    static const QLatin1String kinds[] = {QLatin1String("product"), QLatin1String("list"),
                                          QLatin1String("count"), QLatin1String("categories"),
                                          QLatin1String("brands")};
    const auto found = std::find(std::begin(kinds), std::end(kinds), kind);
    if (found == std::end(kinds)) {
        return nullptr;
    }
    dependency->m_kind = Kind(found - std::begin(kinds));
    if (!idsFromJson(object.value(QLatin1String("i")), dependency->m_shown)) {
        return nullptr;
    }
    const QJsonValue subtree = object.value(QLatin1String("c"));
    dependency->m_byCategory = !subtree.isUndefined();
    if (!idsFromJson(subtree, dependency->m_subtree)) {
        return nullptr;
    }
    dependency->m_brand = object.value(QLatin1String("b")).toString();
    if (const QJsonValue lo = object.value(QLatin1String("lo")); lo.isDouble()) {
        dependency->m_minPrice = qint64(lo.toDouble());
    }
    if (const QJsonValue hi = object.value(QLatin1String("hi")); hi.isDouble()) {
        dependency->m_maxPrice = qint64(hi.toDouble());
    }
    if (const QJsonValue s = object.value(QLatin1String("s")); s.isBool()) {
        dependency->m_inStock = s.toBool();
    }
    dependency->m_searching = object.value(QLatin1String("q")).toBool();
    if (const QJsonValue o = object.value(QLatin1String("o")); o.isString()) {
        const auto sort = productSortFromName(o.toString());
        if (!sort) {
            return nullptr;
        }
        dependency->m_sort = *sort;
    }
    if (dependency->m_kind == Kind::Product && dependency->m_shown.size() != 1) {
        return nullptr;
    }
    return dependency;
}

} // namespace Shop::Catalog
