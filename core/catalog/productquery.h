#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Shop {

enum class ProductSort { Relevance, PriceAsc, PriceDesc, Name, Newest };

[[nodiscard]] QString productSortName(ProductSort sort);
[[nodiscard]] std::optional<ProductSort> productSortFromName(QStringView name);

// The filters, ordering and page of a product list request (GET /api/products). Both the server
// (parsing the request) and the client (building it) use this one definition.
struct ProductQuery
{
    static constexpr int kDefaultLimit = 20;
    static constexpr int kMaxLimit = 100;
    static constexpr int kMaxPage = 10000;
    static constexpr int kMaxSearchLength = 200;
    static constexpr qint64 kMaxPrice = 1'000'000'000'000; // minor units

    int page = 1;
    int limit = kDefaultLimit;
    QString search;
    QString category; // slug; includes subcategories
    QString brand;
    std::optional<qint64> minPrice; // minor units, inclusive
    std::optional<qint64> maxPrice; // minor units, inclusive
    std::optional<bool> inStock;
    ProductSort sort = ProductSort::Relevance;

    // Parses a raw (still percent-encoded) query string such as "page=2&search=red%20shoe".
    // Unknown parameters are ignored; invalid values give a Validation error naming each field,
    // invalid UTF-8 a BadRequest error.
    [[nodiscard]] static Result<ProductQuery> fromQueryString(QByteArrayView rawQuery);
    // The canonical query string: parameters in a fixed order, defaults left out. Equal queries
    // give equal strings, so it doubles as a cache key.
    [[nodiscard]] QByteArray toQueryString() const;

    [[nodiscard]] qint64 offset() const { return qint64(page - 1) * limit; }

    friend bool operator==(const ProductQuery &, const ProductQuery &) = default;
};

// The filter of a brand list request (GET /api/brands): the category parameter of ProductQuery,
// parsed and checked the same way. Other parameters are ignored.
struct BrandQuery
{
    QString category; // slug; includes subcategories

    // Like ProductQuery::fromQueryString: a malformed slug is a Validation error naming
    // "category", a value that is not UTF-8 a BadRequest error.
    [[nodiscard]] static Result<BrandQuery> fromQueryString(QByteArrayView rawQuery);
    // "" or "category=<slug>"; doubles as a cache key.
    [[nodiscard]] QByteArray toQueryString() const;

    friend bool operator==(const BrandQuery &, const BrandQuery &) = default;
};

} // namespace Shop
