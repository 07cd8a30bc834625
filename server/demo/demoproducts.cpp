#include "demoproducts.h"

#include "democatalog.h"

#include <cmath>

namespace Shop::Demo {

namespace {

constexpr qint64 SpreadSeconds = 540LL * 24 * 3600; // created_at over the past 18 months

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

} // namespace

DemoProductGenerator::DemoProductGenerator(Currency currency, quint64 seed)
    : m_currency(std::move(currency))
    , m_state(seed)
    , m_now(QDateTime::currentDateTimeUtc())
{
    const DemoWords &words = demoWords();
    // Flat list of (department, category) with a popularity weight each.
    for (int d = 0; d < int(words.departments.size()); ++d) {
        for (int c = 0; c < int(words.departments.at(d).categories.size()); ++c) {
            const double weight = 0.4 + 1.6 * unit();
            m_slots.push_back({d, c, weight});
            m_totalWeight += weight;
        }
    }
    // Each department sells a stable set of 18 brands.
    for (qsizetype d = 0; d < words.departments.size(); ++d) {
        QStringList all = words.brands;
        QStringList pool;
        for (int i = 0; i < 18 && i < all.size(); ++i) {
            const int j = i + below(int(all.size()) - i);
            all.swapItemsAt(i, j);
            pool.append(all.at(i));
        }
        m_brandPools.append(pool);
    }
}

quint64 DemoProductGenerator::random()
{
    quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// Prices spread evenly on a log scale between the department's bounds; most end in .99.
Money DemoProductGenerator::price(int lo, int hi)
{
    double value =
        std::exp(std::log(double(lo)) + unit() * (std::log(double(hi)) - std::log(double(lo))));
    qint64 scale = 1;
    for (int i = 0; i < m_currency.exponent(); ++i) {
        scale *= 10;
    }
    qint64 minor = qint64(std::llround(value * double(scale)));
    if (m_currency.exponent() >= 2 && chance(0.6)) {
        minor = qint64(std::floor(value)) * scale + (scale - scale / 100);
    }
    return Money(std::max<qint64>(minor, scale), m_currency);
}

DemoProduct DemoProductGenerator::next()
{
    static const char modelLetters[] = "ABCDEFGHJKLMNPRSTVXZ";
    const DemoWords &words = demoWords();
    const int i = m_index++;
    // Every category gets one product first, then popularity decides.
    const Slot *slot = nullptr;
    if (i < int(m_slots.size())) {
        slot = &m_slots.at(size_t(i));
    } else {
        double target = unit() * m_totalWeight;
        for (const Slot &candidate : m_slots) {
            slot = &candidate;
            target -= candidate.weight;
            if (target < 0) {
                break;
            }
        }
    }
    const DemoDepartment &dept = words.departments.at(slot->department);
    const DemoCategory &category = dept.categories.at(slot->category);

    DemoProduct p;
    p.department = slot->department;
    p.category = slot->category;
    p.brand = pick(m_brandPools.at(slot->department));
    QString model;
    do {
        model = QString(QChar::fromLatin1(modelLetters[below(20)])) + QString::number(between(1, 9))
            + QString::number(below(100)).rightJustified(2, u'0');
    } while (m_models.contains(p.brand + model));
    m_models.insert(p.brand + model);

    const DemoColor &color = words.colors.at(below(int(words.colors.size())));
    p.colorName = color.name;

    QStringList nameParts {p.brand};
    static const int adjectiveCounts[] = {0, 1, 1, 1, 2};
    const int adjectiveCount = adjectiveCounts[below(5)];
    QStringList adjectives = dept.adjectives;
    for (int a = 0; a < adjectiveCount; ++a) {
        const int j = a + below(int(adjectives.size()) - a);
        adjectives.swapItemsAt(a, j);
        nameParts << adjectives.at(a);
    }
    const bool hasMaterial = chance(0.45);
    const QString material = hasMaterial ? pick(dept.materials) : QString();
    if (hasMaterial) {
        nameParts << material;
    }
    nameParts << category.noun;
    if (chance(0.3)) {
        nameParts << pick(words.sizes);
    }
    nameParts << model;
    p.name = nameParts.join(u' ');

    QStringList sentences;
    sentences << QStringLiteral("The %1 %2 is made for %3%4")
                     .arg(p.brand, category.noun, pick(dept.uses),
                          hasMaterial ? QStringLiteral(", built from ") + material.toLower() + u'.'
                                      : QStringLiteral("."));
    QStringList features = dept.features;
    const int featureCount = between(2, 4);
    QStringList chosen;
    for (int f = 0; f < featureCount; ++f) {
        const int j = f + below(int(features.size()) - f);
        features.swapItemsAt(f, j);
        chosen << features.at(f);
    }
    if (chosen.size() == 2) {
        sentences << QStringLiteral("It features %1 and %2.").arg(chosen.at(0), chosen.at(1));
    } else {
        const QString last = chosen.takeLast();
        sentences << QStringLiteral("Highlights include %1, and %2.")
                         .arg(chosen.join(QStringLiteral(", ")), last);
    }
    if (chance(0.5)) {
        sentences << QStringLiteral("Perfect for %1.").arg(pick(dept.uses).toLower());
    }
    sentences << QStringLiteral("Available in %1.").arg(p.colorName.toLower());
    QString closer = pick(words.closers);
    const int years = between(1, 5);
    sentences << closer.replace(QLatin1String("{years}"), QString::number(years));
    p.description = sentences.join(u' ');

    p.price = price(dept.minPrice, dept.maxPrice);
    if (chance(0.08)) {
        p.stockQuantity = 0; // out of stock
    } else if (chance(0.12)) {
        p.stockQuantity = between(1, 5); // almost gone
    } else {
        p.stockQuantity = between(6, 500);
    }
    p.active = !chance(0.03);
    // Newer products are a little more frequent than old ones.
    const double age = std::pow(unit(), 1.3);
    p.createdAt = m_now.addSecs(-qint64(age * double(SpreadSeconds)) - between(0, 3599));

    const QString code = QStringLiteral("%1%2%3")
                             .arg(dept.code)
                             .arg(slot->department, 2, 10, QLatin1Char('0'))
                             .arg(slot->category);
    p.sku = QStringLiteral("%1-D%2").arg(code).arg(i + 1, 5, 10, QLatin1Char('0'));
    p.imagePath = QStringLiteral("products/") + p.sku.toLower() + QStringLiteral(".svg");
    p.imageUrl = QStringLiteral("/media/") + p.imagePath;

    p.image.shape = category.shape;
    p.image.color = color.rgb;
    p.image.accent = accentColors().at(size_t(below(int(accentColors().size()))));
    if (p.image.accent == color.rgb) {
        p.image.accent = 0xf2a541;
    }
    p.image.background = departmentTint(slot->department);
    p.image.variant = quint32(random());
    p.image.caption = p.brand + u' ' + model;
    return p;
}

} // namespace Shop::Demo
