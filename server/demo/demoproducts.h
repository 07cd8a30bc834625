#pragma once

#include "money.h"
#include "productimage.h"

#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace Shop::Demo {

struct DemoProduct
{
    QString sku; // "ELE003-D00042"
    QString name;
    QString description;
    Money price;
    int department = 0; // index into demoWords().departments
    int category = 0; // index into that department's categories
    QString brand;
    QString colorName; // "Navy": also in the description and the picture
    int stockQuantity = 0;
    bool active = true;
    QDateTime createdAt; // UTC, within the 18 months before the generator was made
    QString imagePath; // "products/ele003-d00042.svg" (media.path)
    QString imageUrl; // "/media/products/ele003-d00042.svg"
    ProductImage image;
};

// Products made of the demo words (democatalog.h), the same for the same seed on every platform:
// the first 200 cover every category once, then categories come by a popularity drawn from the
// seed; each department sells a stable set of 18 brands. next() makes one product at a time, so a
// catalog of any size needs no more memory than one product.
class DemoProductGenerator final
{
public:
    static constexpr quint64 DefaultSeed = 20240601;

    explicit DemoProductGenerator(Currency currency, quint64 seed = DefaultSeed);

    [[nodiscard]] DemoProduct next();

private:
    struct Slot
    {
        int department;
        int category;
        double weight;
    };

    // splitmix64: small, fast and the same on every platform and compiler.
    quint64 random();
    int below(int n) { return int(random() % quint64(n)); } // 0 .. n-1
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }
    double unit() { return double(random() >> 11) / double(1ULL << 53); } // [0, 1)
    bool chance(double p) { return unit() < p; }
    const QString &pick(const QStringList &items) { return items.at(below(int(items.size()))); }
    Money price(int lo, int hi);

    Currency m_currency;
    quint64 m_state;
    QDateTime m_now;
    std::vector<Slot> m_slots;
    double m_totalWeight = 0;
    QList<QStringList> m_brandPools;
    QSet<QString> m_models;
    int m_index = 0;
};

} // namespace Shop::Demo
