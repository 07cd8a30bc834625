#pragma once

#include "demoproducts.h"
#include "error.h"
#include "money.h"

#include <QIODevice>

namespace Shop::Demo {

// A catalog of any size for benchmarks and import tests (`shop-server generate-catalog`), made of
// the demo store's words: CSV with the columns import-products reads
//   sku,name,description,price,category_slug,category_name,brand,stock_quantity,image_url
// one row per product over the 200 demo categories, byte for byte the same for the same rows,
// seed and currency. Prices are in the currency's decimal form ("12.99"); image URLs point at a
// CDN that is not there (https://cdn.example.com/products/<sku>.jpg).
class CatalogGenerator final
{
public:
    static constexpr qint64 MaxRows = 500000; // model numbers stay unique per brand

    explicit CatalogGenerator(Currency currency = {},
                              quint64 seed = DemoProductGenerator::DefaultSeed);

    // Writes the header and `rows` products; returns the bytes written.
    [[nodiscard]] Result<qint64> write(QIODevice *out, qint64 rows);

private:
    Currency m_currency;
    quint64 m_seed;
};

} // namespace Shop::Demo
