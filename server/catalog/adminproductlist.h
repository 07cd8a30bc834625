#pragma once

#include "catalogadminrepository.h"
#include "catalogrepository.h"

#include <QJsonObject>

namespace Shop::Catalog {

// The staff's product list (GET /api/admin/products, and the filters of the CSV export): the
// public list's query (ProductQuery: search, category, brand, prices, stock, page, limit, sort)
// plus `active` = true | false | all (default all) and `sku` (an exact, case-sensitive match as
// the products' unique SKU index compares them: one product at most, found through that index).
struct AdminProductQuery
{
    ProductQuery query;
    ProductVisibility visibility = ProductVisibility::All;
    QString sku; // empty: any

    // Like ProductQuery::fromQueryString; an `active` other than true, false or all, or a `sku`
    // the product rules would refuse (1-64 of A-Z a-z 0-9 . _ -), is a Validation error naming
    // it.
    [[nodiscard]] static Result<AdminProductQuery> fromQueryString(QByteArrayView rawQuery);
};

// Reads on the calling thread's connection (a worker's); never cached.
namespace AdminProductList {

// One page, as the public list orders and counts it, each product with its revision.
[[nodiscard]] Result<Page<AdminProduct>> find(const AdminProductQuery &query);

// {"items": [admin product...], "page", "limit", "total"}: the shape of GET /api/products.
[[nodiscard]] QJsonObject toJson(const Page<AdminProduct> &page);

} // namespace AdminProductList

} // namespace Shop::Catalog
