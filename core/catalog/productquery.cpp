#include "productquery.h"

#include "validation.h"

#include <QUrl>

#include <array>

namespace Shop {

namespace {

struct SortName
{
    ProductSort sort;
    const char16_t *name;
};

constexpr std::array kSortNames {
    SortName {ProductSort::Relevance, u"relevance"},
    SortName {ProductSort::PriceAsc, u"price_asc"},
    SortName {ProductSort::PriceDesc, u"price_desc"},
    SortName {ProductSort::Name, u"name"},
    SortName {ProductSort::Newest, u"newest"},
};

QString sortNameList()
{
    QStringList names;
    for (const auto &entry : kSortNames) {
        names << QString::fromUtf16(entry.name);
    }
    return names.join(QStringLiteral(", "));
}

// Strict non-negative integer: digits only, no sign, no spaces, no overflow.
std::optional<qint64> parseCount(QStringView text)
{
    if (text.isEmpty() || text.size() > 18) {
        return std::nullopt;
    }
    qint64 value = 0;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9') {
            return std::nullopt;
        }
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

std::optional<bool> parseBool(QStringView text)
{
    if (text == u"true" || text == u"1") {
        return true;
    }
    if (text == u"false" || text == u"0") {
        return false;
    }
    return std::nullopt;
}

QByteArray encode(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

struct Parameter
{
    QString key;
    QString value;
};

// The parameters of a raw (still percent-encoded) query string whose names are in `known`,
// decoded ("+" is a space), in their order. Other names, and names that are not valid UTF-8, are
// left out. A known parameter whose value is not valid UTF-8 is a BadRequest error naming it.
Result<QList<Parameter>> knownParameters(QByteArrayView rawQuery, const QStringList &known)
{
    QList<Parameter> parameters;
    qsizetype start = 0;
    while (start <= rawQuery.size()) {
        qsizetype end = rawQuery.indexOf('&', start);
        if (end < 0) {
            end = rawQuery.size();
        }
        const QByteArrayView pair = rawQuery.sliced(start, end - start);
        start = end + 1;
        if (pair.isEmpty()) {
            continue;
        }
        const qsizetype eq = pair.indexOf('=');
        const QByteArray rawKey = (eq < 0 ? pair : pair.first(eq)).toByteArray();
        QByteArray rawValue = eq < 0 ? QByteArray() : pair.sliced(eq + 1).toByteArray();
        rawValue.replace('+', ' ');
        const QByteArray keyBytes = QByteArray::fromPercentEncoding(rawKey);
        if (!isValidUtf8(keyBytes)) {
            continue; // not a parameter we know
        }
        const QString key = QString::fromUtf8(keyBytes);
        if (!known.contains(key)) {
            continue;
        }
        const QByteArray valueBytes = QByteArray::fromPercentEncoding(rawValue);
        if (!isValidUtf8(valueBytes)) {
            Error error = Error::badRequest(
                QStringLiteral("The query parameter \"%1\" is not valid UTF-8.").arg(key));
            error.fieldErrors.append({key, QStringLiteral("must be valid UTF-8")});
            return fail(error);
        }
        parameters.append({key, QString::fromUtf8(valueBytes)});
    }
    return parameters;
}

// The category filter of the product and brand lists: a slug, or empty for all.
void parseCategory(Validator &v, const QString &key, const QString &value, QString &category)
{
    if (v.check(value.isEmpty() || isValidSlug(value), key,
                QStringLiteral("must be a category slug such as \"laptops\""))) {
        category = value;
    }
}

} // namespace

QString productSortName(ProductSort sort)
{
    for (const auto &entry : kSortNames) {
        if (entry.sort == sort) {
            return QString::fromUtf16(entry.name);
        }
    }
    return QStringLiteral("relevance");
}

std::optional<ProductSort> productSortFromName(QStringView name)
{
    for (const auto &entry : kSortNames) {
        if (name == QStringView(entry.name)) {
            return entry.sort;
        }
    }
    return std::nullopt;
}

Result<ProductQuery> ProductQuery::fromQueryString(QByteArrayView rawQuery)
{
    static const QStringList known {
        QStringLiteral("page"),      QStringLiteral("limit"),    QStringLiteral("search"),
        QStringLiteral("category"),  QStringLiteral("brand"),    QStringLiteral("min_price"),
        QStringLiteral("max_price"), QStringLiteral("in_stock"), QStringLiteral("sort"),
    };
    const auto parameters = knownParameters(rawQuery, known);
    if (!parameters) {
        return fail(parameters.error());
    }
    ProductQuery query;
    Validator v;
    for (const auto &[key, value] : *parameters) {
        if (key == u"page") {
            const auto page = parseCount(value);
            if (v.check(page && *page >= 1 && *page <= kMaxPage, key,
                        QStringLiteral("must be a whole number from 1 to %1").arg(kMaxPage))) {
                query.page = int(*page);
            }
        } else if (key == u"limit") {
            const auto limit = parseCount(value);
            if (v.check(limit && *limit >= 1 && *limit <= kMaxLimit, key,
                        QStringLiteral("must be a whole number from 1 to %1").arg(kMaxLimit))) {
                query.limit = int(*limit);
            }
        } else if (key == u"search") {
            const QString search = value.simplified();
            if (v.check(search.size() <= kMaxSearchLength, key,
                        QStringLiteral("must be at most %1 characters").arg(kMaxSearchLength))) {
                query.search = search;
            }
        } else if (key == u"category") {
            parseCategory(v, key, value, query.category);
        } else if (key == u"brand") {
            const QString brand = value.simplified();
            if (v.check(brand.size() <= 100, key,
                        QStringLiteral("must be at most 100 characters"))) {
                query.brand = brand;
            }
        } else if (key == u"min_price" || key == u"max_price") {
            if (value.isEmpty()) {
                continue;
            }
            const auto price = parseCount(value);
            if (v.check(price && *price <= kMaxPrice, key,
                        QStringLiteral("must be a non-negative whole number of minor units "
                                       "(cents), e.g. 1999 for 19.99"))) {
                (key == u"min_price" ? query.minPrice : query.maxPrice) = *price;
            }
        } else if (key == u"in_stock") {
            if (value.isEmpty()) {
                continue;
            }
            const auto inStock = parseBool(value);
            if (v.check(inStock.has_value(), key, QStringLiteral("must be true or false"))) {
                query.inStock = *inStock;
            }
        } else if (key == u"sort") {
            if (value.isEmpty()) {
                continue;
            }
            const auto sort = productSortFromName(value);
            if (v.check(sort.has_value(), key,
                        QStringLiteral("must be one of: %1").arg(sortNameList()))) {
                query.sort = *sort;
            }
        }
    }
    if (query.minPrice && query.maxPrice && *query.minPrice > *query.maxPrice
        && !v.hasError(QStringLiteral("min_price"))) {
        v.add(QStringLiteral("min_price"), QStringLiteral("must not be greater than max_price"));
    }
    if (auto error = v.error()) {
        return fail(*error);
    }
    return query;
}

QByteArray ProductQuery::toQueryString() const
{
    QByteArrayList parts;
    if (page != 1) {
        parts << "page=" + QByteArray::number(page);
    }
    if (limit != kDefaultLimit) {
        parts << "limit=" + QByteArray::number(limit);
    }
    if (!search.isEmpty()) {
        parts << "search=" + encode(search);
    }
    if (!category.isEmpty()) {
        parts << "category=" + encode(category);
    }
    if (!brand.isEmpty()) {
        parts << "brand=" + encode(brand);
    }
    if (minPrice) {
        parts << "min_price=" + QByteArray::number(*minPrice);
    }
    if (maxPrice) {
        parts << "max_price=" + QByteArray::number(*maxPrice);
    }
    if (inStock) {
        parts << (*inStock ? QByteArray("in_stock=true") : QByteArray("in_stock=false"));
    }
    if (sort != ProductSort::Relevance) {
        parts << "sort=" + productSortName(sort).toLatin1();
    }
    return parts.join('&');
}

Result<BrandQuery> BrandQuery::fromQueryString(QByteArrayView rawQuery)
{
    static const QStringList known {QStringLiteral("category")};
    const auto parameters = knownParameters(rawQuery, known);
    if (!parameters) {
        return fail(parameters.error());
    }
    BrandQuery query;
    Validator v;
    for (const auto &[key, value] : *parameters) {
        parseCategory(v, key, value, query.category);
    }
    if (auto error = v.error()) {
        return fail(*error);
    }
    return query;
}

QByteArray BrandQuery::toQueryString() const
{
    return category.isEmpty() ? QByteArray() : "category=" + encode(category);
}

} // namespace Shop
