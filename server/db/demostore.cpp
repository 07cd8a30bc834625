#include "demostore.h"

#include "database.h"
#include "database_p.h"
#include "democatalog.h"
#include "transaction.h"
#include "validation.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <cmath>

namespace Shop::Demo {

using namespace Shop::Db; // until the demo store moves to server/demo

using Internal::lcDb;

namespace {

constexpr quint64 Seed = 20240601;
constexpr int ProductBatch = 300; // 11 bound values each
constexpr int MediaBatch = 100; // 4 bound values each
constexpr qint64 SpreadSeconds = 540LL * 24 * 3600; // created_at over the past 18 months

// splitmix64: small, fast and the same on every platform and compiler.
class Random final
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    { }
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return int(next() % quint64(n)); } // 0 .. n-1
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }
    double unit() { return double(next() >> 11) / double(1ULL << 53); } // [0, 1)
    bool chance(double p) { return unit() < p; }
    template<typename T>
    const T &pick(const std::vector<T> &items)
    {
        return items.at(size_t(below(int(items.size()))));
    }

private:
    quint64 m_state;
};

struct NamedColor
{
    const char *name;
    quint32 rgb;
};

const std::vector<NamedColor> &productColors()
{
    static const std::vector<NamedColor> colors {
        {"Black", 0x2b2d31},   {"White", 0xf2f1ec},        {"Graphite", 0x4a4f57},
        {"Silver", 0xb8bec6},  {"Navy", 0x243b6b},         {"Olive", 0x6b7a3a},
        {"Sand", 0xd8c29d},    {"Charcoal", 0x36393f},     {"Red", 0xc8372d},
        {"Blue", 0x2f6fb0},    {"Forest Green", 0x2f6b45}, {"Slate Gray", 0x6a7a8a},
        {"Orange", 0xe97a2b},  {"Teal", 0x1f8a8a},         {"Plum", 0x7b3f7a},
        {"Mustard", 0xd9a522}, {"Coral", 0xe8665a},        {"Sky Blue", 0x5aa9e6},
    };
    return colors;
}

const std::vector<quint32> &accentColors()
{
    static const std::vector<quint32> accents {0xf2a541, 0xe8665a, 0x5aa9e6, 0x62b357, 0xffd54a,
                                               0xb07cc6, 0x1fb5a8, 0xf4f1e8, 0xff8c42, 0x3d5a80};
    return accents;
}

// One light tint per department, so each department's pictures share a look.
quint32 departmentTint(int department)
{
    static const quint32 hues[] = {0x5aa9e6, 0x7d8bb5, 0x4fb0a0, 0xe8a25a, 0xc49a6c,
                                   0xe0b040, 0x7cbf6a, 0xe86a5a, 0x8fae6b, 0x6a8cc0,
                                   0xd77fa1, 0xb08968, 0xc79ad6, 0x6cc3c3, 0x9aa3ad,
                                   0xa5b4d4, 0xd9a066, 0xf08a7e, 0xf2c46d, 0xa0785a};
    const quint32 hue = hues[department % 20];
    quint32 out = 0;
    for (int shift : {16, 8, 0}) {
        const int c = int((hue >> shift) & 0xff);
        out |= quint32(c + (255 - c) * 82 / 100) << shift;
    }
    return out;
}

QString lower(const char *text)
{
    return QString::fromLatin1(text).toLower();
}

// Prices spread evenly on a log scale between the department's bounds; most end in .99.
Money makePrice(Random &rng, int lo, int hi, const Currency &currency)
{
    double value =
        std::exp(std::log(double(lo)) + rng.unit() * (std::log(double(hi)) - std::log(double(lo))));
    qint64 scale = 1;
    for (int i = 0; i < currency.exponent(); ++i) {
        scale *= 10;
    }
    qint64 minor = qint64(std::llround(value * double(scale)));
    if (currency.exponent() >= 2 && rng.chance(0.6)) {
        minor = qint64(std::floor(value)) * scale + (scale - scale / 100);
    }
    return Money(std::max<qint64>(minor, scale), currency);
}

// "(?, ?), (?, ?), ..." for a multi-row VALUES list of bound placeholders.
QString variableList(int rows, const QString &tuple)
{
    QStringList tuples;
    tuples.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        tuples << tuple;
    }
    return tuples.join(u',');
}

} // namespace

DemoStore::DemoStore(Currency currency, int productCount)
    : m_currency(std::move(currency))
    , m_productCount(std::max(productCount, int(demoDepartments().size() * 10)))
{
    generate();
}

void DemoStore::generate()
{
    Random rng(Seed);
    const auto &departments = demoDepartments();
    const auto &brands = demoBrands();
    const QDateTime now = QDateTime::currentDateTimeUtc();

    // Flat list of (department, category) with a popularity weight each.
    struct Slot
    {
        int department;
        int category;
        double weight;
    };
    std::vector<Slot> slots;
    double totalWeight = 0;
    for (int d = 0; d < int(departments.size()); ++d) {
        for (int c = 0; c < int(departments.at(size_t(d)).categories.size()); ++c) {
            const double weight = 0.4 + 1.6 * rng.unit();
            slots.push_back({d, c, weight});
            totalWeight += weight;
        }
    }
    // Each department sells a stable set of 18 brands.
    std::vector<std::vector<const char *>> brandPools(departments.size());
    for (auto &pool : brandPools) {
        std::vector<const char *> all = brands;
        for (int i = 0; i < 18; ++i) {
            const int j = i + rng.below(int(all.size()) - i);
            std::swap(all[size_t(i)], all[size_t(j)]);
            pool.push_back(all[size_t(i)]);
        }
    }

    static const std::vector<const char *> sizes {"Mini", "Small",  "Medium", "Large",
                                                  "XL",   "2-Pack", "Gen 2",  "Gen 3",
                                                  "Plus", "Max",    "Lite"};
    static const std::vector<const char *> closers {"Backed by a %1-year limited warranty.",
                                                    "Ships in recyclable packaging.",
                                                    "Designed in-house and tested for durability.",
                                                    "Includes everything you need to get started."};
    static const char modelLetters[] = "ABCDEFGHJKLMNPRSTVXZ";

    QSet<QString> models;
    m_products.reserve(m_productCount);
    for (int i = 0; i < m_productCount; ++i) {
        // Every category gets one product first, then popularity decides.
        const Slot *slot = nullptr;
        if (i < int(slots.size())) {
            slot = &slots.at(size_t(i));
        } else {
            double target = rng.unit() * totalWeight;
            for (const Slot &candidate : slots) {
                slot = &candidate;
                target -= candidate.weight;
                if (target < 0) {
                    break;
                }
            }
        }
        const DemoDepartmentSpec &dept = departments.at(size_t(slot->department));
        const DemoCategorySpec &category = dept.categories.at(size_t(slot->category));

        Product p;
        p.department = slot->department;
        p.category = slot->category;
        p.brand = QString::fromLatin1(rng.pick(brandPools.at(size_t(slot->department))));
        QString model;
        do {
            model = QString(QChar::fromLatin1(modelLetters[rng.below(20)]))
                + QString::number(rng.between(1, 9))
                + QString::number(rng.below(100)).rightJustified(2, u'0');
        } while (models.contains(p.brand + model));
        models.insert(p.brand + model);

        const NamedColor &color = rng.pick(productColors());
        p.colorName = QString::fromLatin1(color.name);

        QStringList nameParts {p.brand};
        const int adjectiveCount = std::vector<int> {0, 1, 1, 1, 2}.at(size_t(rng.below(5)));
        std::vector<const char *> adjectives = dept.adjectives;
        for (int a = 0; a < adjectiveCount; ++a) {
            const int j = a + rng.below(int(adjectives.size()) - a);
            std::swap(adjectives[size_t(a)], adjectives[size_t(j)]);
            nameParts << QString::fromLatin1(adjectives[size_t(a)]);
        }
        const bool hasMaterial = rng.chance(0.45);
        const QString material =
            hasMaterial ? QString::fromLatin1(rng.pick(dept.materials)) : QString();
        if (hasMaterial) {
            nameParts << material;
        }
        nameParts << QString::fromLatin1(category.noun);
        if (rng.chance(0.3)) {
            nameParts << QString::fromLatin1(rng.pick(sizes));
        }
        nameParts << model;
        p.name = nameParts.join(u' ');

        QStringList sentences;
        sentences << QStringLiteral("The %1 %2 is made for %3%4")
                         .arg(p.brand, QString::fromLatin1(category.noun),
                              QString::fromLatin1(rng.pick(dept.uses)),
                              hasMaterial
                                  ? QStringLiteral(", built from ") + material.toLower() + u'.'
                                  : QStringLiteral("."));
        std::vector<const char *> features = dept.features;
        const int featureCount = rng.between(2, 4);
        QStringList chosen;
        for (int f = 0; f < featureCount; ++f) {
            const int j = f + rng.below(int(features.size()) - f);
            std::swap(features[size_t(f)], features[size_t(j)]);
            chosen << QString::fromLatin1(features[size_t(f)]);
        }
        if (chosen.size() == 2) {
            sentences << QStringLiteral("It features %1 and %2.").arg(chosen.at(0), chosen.at(1));
        } else {
            const QString last = chosen.takeLast();
            sentences << QStringLiteral("Highlights include %1, and %2.")
                             .arg(chosen.join(QStringLiteral(", ")), last);
        }
        if (rng.chance(0.5)) {
            sentences << QStringLiteral("Perfect for %1.").arg(lower(rng.pick(dept.uses)));
        }
        sentences << QStringLiteral("Available in %1.").arg(p.colorName.toLower());
        const QString closer = QString::fromLatin1(rng.pick(closers));
        const int years = rng.between(1, 5);
        sentences << (closer.contains(QLatin1String("%1")) ? closer.arg(years) : closer);
        p.description = sentences.join(u' ');

        p.price = makePrice(rng, dept.minPrice, dept.maxPrice, m_currency);
        if (rng.chance(0.08)) {
            p.stockQuantity = 0; // out of stock
        } else if (rng.chance(0.12)) {
            p.stockQuantity = rng.between(1, 5); // almost gone
        } else {
            p.stockQuantity = rng.between(6, 500);
        }
        p.active = !rng.chance(0.03);
        // Newer products are a little more frequent than old ones.
        const double age = std::pow(rng.unit(), 1.3);
        p.createdAt = now.addSecs(-qint64(age * double(SpreadSeconds)) - rng.between(0, 3599));

        const QString code = QStringLiteral("%1%2%3")
                                 .arg(QString::fromLatin1(dept.code))
                                 .arg(slot->department, 2, 10, QLatin1Char('0'))
                                 .arg(slot->category);
        p.sku = QStringLiteral("%1-D%2").arg(code).arg(i + 1, 5, 10, QLatin1Char('0'));
        p.imagePath = QStringLiteral("products/") + p.sku.toLower() + QStringLiteral(".svg");
        p.imageUrl = QStringLiteral("/media/") + p.imagePath;

        p.image.shape = category.shape;
        p.image.color = color.rgb;
        p.image.accent = rng.pick(accentColors());
        if (p.image.accent == color.rgb) {
            p.image.accent = 0xf2a541;
        }
        p.image.background = departmentTint(slot->department);
        p.image.variant = quint32(rng.next());
        p.image.caption = p.brand + u' ' + model;
        m_products.append(std::move(p));
    }
}

Result<DemoStoreSummary> DemoStore::seed(const QSqlDatabase &db)
{
    QElapsedTimer timer;
    timer.start();
    DemoStoreSummary summary;
    const auto &departments = demoDepartments();

    Transaction tx(db);
    if (!tx.isActive()) {
        return fail(tx.error());
    }

    // 1. Departments (parents), one statement.
    QVariantList values;
    for (const DemoDepartmentSpec &dept : departments) {
        const QString name = QString::fromLatin1(dept.name);
        values << name << slugify(name);
    }
    auto parents = exec(db,
                        QStringLiteral("INSERT INTO categories (name, slug, parent_id) VALUES ")
                            + variableList(int(departments.size()), QStringLiteral("(?, ?, NULL)"))
                            + QStringLiteral(" ON CONFLICT (slug) DO UPDATE SET name = "
                                             "EXCLUDED.name, parent_id = NULL RETURNING slug, id"),
                        values);
    if (!parents) {
        return fail(parents.error());
    }
    QHash<QString, QString> idOfSlug;
    while (parents->next()) {
        idOfSlug.insert(parents->value(0).toString(), parents->value(1).toString());
        ++summary.departments;
    }

    // 2. Categories (children), one statement.
    values.clear();
    int childCount = 0;
    for (const DemoDepartmentSpec &dept : departments) {
        const QString parentId = idOfSlug.value(slugify(QString::fromLatin1(dept.name)));
        for (const DemoCategorySpec &category : dept.categories) {
            const QString name = QString::fromLatin1(category.name);
            values << name << slugify(name) << parentId;
            ++childCount;
        }
    }
    auto children = exec(db,
                         QStringLiteral("INSERT INTO categories (name, slug, parent_id) VALUES ")
                             + variableList(childCount, QStringLiteral("(?, ?, CAST(? AS uuid))"))
                             + QStringLiteral(" ON CONFLICT (slug) DO UPDATE SET name = "
                                              "EXCLUDED.name, parent_id = EXCLUDED.parent_id "
                                              "RETURNING slug, id"),
                         values);
    if (!children) {
        return fail(children.error());
    }
    while (children->next()) {
        idOfSlug.insert(children->value(0).toString(), children->value(1).toString());
        ++summary.categories;
    }

    // 3. Products and their pictures, in batches.
    const int total = int(m_products.size());
    for (int start = 0; start < total; start += ProductBatch) {
        const int count = std::min(ProductBatch, total - start);
        QVariantList productValues;
        QVariantList mediaValues;
        productValues.reserve(count * 11);
        for (int i = start; i < start + count; ++i) {
            const Product &p = m_products.at(i);
            const DemoDepartmentSpec &dept = departments.at(size_t(p.department));
            const QString categorySlug =
                slugify(QString::fromLatin1(dept.categories.at(size_t(p.category)).name));
            productValues << p.sku << p.name << p.description << p.price.minorUnits()
                          << m_currency.code() << idOfSlug.value(categorySlug) << p.brand
                          << p.stockQuantity << p.imageUrl << p.active << p.createdAt;
        }
        auto products = exec(
            db,
            QStringLiteral("INSERT INTO products AS p (sku, name, description, price, currency, "
                           "category_id, brand, stock_quantity, image_url, is_active, created_at) "
                           "VALUES ")
                + variableList(count,
                               QStringLiteral("(?, ?, ?, ?, CAST(? AS char(3)), CAST(? AS uuid), "
                                              "?, ?, ?, ?, ?)"))
                + QStringLiteral(
                    " ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = "
                    "EXCLUDED.description, price = EXCLUDED.price, currency = EXCLUDED.currency, "
                    "category_id = EXCLUDED.category_id, brand = EXCLUDED.brand, stock_quantity "
                    "= EXCLUDED.stock_quantity, image_url = EXCLUDED.image_url, is_active = "
                    "EXCLUDED.is_active WHERE (p.name, p.description, p.price, p.currency, "
                    "p.category_id, p.brand, p.stock_quantity, p.image_url, p.is_active) IS "
                    "DISTINCT FROM (EXCLUDED.name, EXCLUDED.description, EXCLUDED.price, "
                    "EXCLUDED.currency, EXCLUDED.category_id, EXCLUDED.brand, "
                    "EXCLUDED.stock_quantity, EXCLUDED.image_url, EXCLUDED.is_active) "
                    "RETURNING (p.xmax = 0)"),
            productValues);
        if (!products) {
            return fail(products.error());
        }
        while (products->next()) {
            if (products->value(0).toBool()) {
                ++summary.productsCreated;
            }
        }
        summary.products += count;

        for (int mediaStart = start; mediaStart < start + count; mediaStart += MediaBatch) {
            const int mediaCount = std::min(MediaBatch, start + count - mediaStart);
            mediaValues.clear();
            for (int i = mediaStart; i < mediaStart + mediaCount; ++i) {
                const Product &p = m_products.at(i);
                const QByteArray svg = p.image.toSvg();
                const QString etag = QString::fromLatin1(
                    QCryptographicHash::hash(svg, QCryptographicHash::Sha256).toHex());
                mediaValues << p.imagePath << ProductImage::contentType() << svg << etag;
                ++summary.images;
                summary.imageBytes += svg.size();
            }
            auto media =
                exec(db,
                     QStringLiteral("INSERT INTO media AS m (path, content_type, data, "
                                    "etag) VALUES ")
                         + variableList(mediaCount, QStringLiteral("(?, ?, CAST(? AS bytea), ?)"))
                         + QStringLiteral(" ON CONFLICT (path) DO UPDATE SET "
                                          "content_type = EXCLUDED.content_type, data = "
                                          "EXCLUDED.data, etag = EXCLUDED.etag WHERE "
                                          "m.etag IS DISTINCT FROM EXCLUDED.etag"),
                     mediaValues);
            if (!media) {
                return fail(media.error());
            }
        }
        if (m_progress) {
            m_progress(start + count, total);
        }
    }

    if (auto committed = tx.commit(); !committed) {
        return fail(committed.error());
    }
    summary.milliseconds = timer.elapsed();
    qCInfo(lcDb) << "demo store:" << summary.products << "products," << summary.productsCreated
                 << "new," << summary.images << "images in" << summary.milliseconds << "ms";
    return summary;
}

} // namespace Shop::Demo
