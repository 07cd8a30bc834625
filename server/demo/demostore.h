#pragma once

#include "demoproducts.h"
#include "error.h"
#include "money.h"

#include <QList>
#include <QSqlDatabase>

#include <functional>

namespace Shop::Demo {

struct DemoStoreSummary
{
    int departments = 0; // parent categories
    int categories = 0; // child categories
    qint64 products = 0;
    qint64 productsCreated = 0; // 0 when the demo store was already there
    qint64 images = 0;
    qint64 imageBytes = 0;
    int taxRates = 0; // demo tax rates written (resources/demo/tax_rates.json)
    qint64 milliseconds = 0;
};

// A realistic demo store, the same every time (a fixed random seed): 20 departments with 10
// categories each, products with brands, names, descriptions, prices, stock (some out of stock,
// some inactive) and creation dates over the past 18 months, each with its own generated SVG
// picture stored in the media table (products/<sku>.svg, served as /media/products/<sku>.svg).
// seed() upserts by slug, SKU and media path in one transaction, so running it again refreshes the
// demo data instead of duplicating it; created_at of existing products is kept. It also sets the
// demo tax rates (resources/demo/tax_rates.json: a few US states, DE, FR, GB; demo values, not
// tax advice), replacing those rows' rates and leaving other rows alone.
class DemoStore final
{
public:
    static constexpr int DefaultProductCount = 2400;
    using Product = DemoProduct;

    explicit DemoStore(Currency currency, int productCount = DefaultProductCount);

    using ProgressHandler = std::function<void(int done, int total)>;
    void setProgressHandler(ProgressHandler handler) { m_progress = std::move(handler); }

    // The products seed() writes (deterministic; createdAt relative to now).
    [[nodiscard]] const QList<Product> &products() const { return m_products; }

    [[nodiscard]] Result<DemoStoreSummary> seed(const QSqlDatabase &db);

private:
    Currency m_currency;
    QList<Product> m_products;
    ProgressHandler m_progress;
};

} // namespace Shop::Demo
