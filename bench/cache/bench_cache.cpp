// bench_cache: what a product's change costs the in-process catalog cache when it is full.
//
// Fills an InProcessCatalogCache with `--entries` answers shaped like the catalog's (list pages
// over categories, brands, price ranges, stock, searches and sorts; their filter totals; the
// product details), then applies `--changes` single-product changes (an admin's price or stock
// edit) while `--readers` threads look up cached answers as the catalog routes do. It reports
// the time one invalidate() takes and the time a reader waits for find(), as medians, p99 and
// maxima. Not built by default:
//   cmake --build build --target bench_cache
//   build/bench/cache/bench_cache --entries 20000 --lists-only
#include "catalog/catalogchange.h"
#include "catalog/inprocesscatalogcache.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace Shop;
using namespace Shop::Catalog;
using Clock = std::chrono::steady_clock;

namespace {

struct FakeCatalog
{
    QList<CategoryId> categories;
    QStringList brands;
    QList<ProductId> products;
    QHash<ProductId, ProductFacts> facts;
};

FakeCatalog makeCatalog(int products, QRandomGenerator &random)
{
    FakeCatalog c;
    for (int i = 0; i < 60; ++i) {
        c.categories.append(CategoryId::generate());
    }
    for (int i = 0; i < 40; ++i) {
        c.brands.append(QStringLiteral("Brand %1").arg(i));
    }
    for (int i = 0; i < products; ++i) {
        const ProductId id = ProductId::generate();
        c.products.append(id);
        c.facts.insert(id,
                       ProductFacts {c.categories[random.bounded(c.categories.size())],
                                     qint64(random.bounded(100, 200000)), random.bounded(10) != 0,
                                     c.brands[random.bounded(c.brands.size())]});
    }
    return c;
}

// A list page's query: the shapes the storefront asks for.
ProductQuery randomQuery(const FakeCatalog &c, QRandomGenerator &random, QList<CategoryId> *subtree)
{
    ProductQuery q;
    q.page = 1 + int(random.bounded(5));
    subtree->clear();
    switch (random.bounded(5)) {
    case 0: // the front page and its sorts
        break;
    case 1: // a category, maybe a price range and in stock
        q.category = QStringLiteral("c");
        subtree->append(c.categories[random.bounded(c.categories.size())]);
        if (random.bounded(2) == 0) {
            q.minPrice = qint64(random.bounded(100, 50000));
            q.maxPrice = *q.minPrice + qint64(random.bounded(1000, 100000));
        }
        if (random.bounded(2) == 0) {
            q.inStock = true;
        }
        break;
    case 2:
        q.brand = c.brands[random.bounded(c.brands.size())];
        break;
    case 3:
        q.search = QStringLiteral("term%1").arg(random.bounded(500));
        break;
    default:
        q.minPrice = qint64(random.bounded(100, 50000));
        q.inStock = true;
        break;
    }
    q.sort = ProductSort(random.bounded(5));
    if (q.sort == ProductSort::Relevance && q.search.isEmpty()) {
        q.sort = ProductSort::Newest;
    }
    return q;
}

struct Figures
{
    double median = 0;
    double p99 = 0;
    double p999 = 0;
    double max = 0;
    size_t over1ms = 0;
};

Figures figuresOf(std::vector<double> micros)
{
    if (micros.empty()) {
        return {};
    }
    std::sort(micros.begin(), micros.end());
    const auto at = [&](double q) {
        return micros[std::min(micros.size() - 1, size_t(q * double(micros.size())))];
    };
    const auto over = std::upper_bound(micros.begin(), micros.end(), 1000.0);
    return {at(0.5), at(0.99), at(0.999), micros.back(), size_t(micros.end() - over)};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The in-process catalog cache's cost of a product change when full."));
    parser.addHelpOption();
    const QCommandLineOption entriesOption(QStringLiteral("entries"),
                                           QStringLiteral("Cached answers (default 20000)."),
                                           QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption changesOption(QStringLiteral("changes"),
                                           QStringLiteral("Product changes (default 2000)."),
                                           QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption readersOption(QStringLiteral("readers"),
                                           QStringLiteral("Reader threads (default 1)."),
                                           QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption listsOnlyOption(
        QStringLiteral("lists-only"),
        QStringLiteral("Every entry a list page (the worst case) instead of a mix."));
    parser.addOptions({entriesOption, changesOption, readersOption, listsOnlyOption});
    parser.process(app);
    QLoggingCategory::setFilterRules(QStringLiteral("shop.*.debug=false\nshop.*.info=false"));
    const int entries = std::max(1, parser.value(entriesOption).toInt());
    const int changes = std::max(1, parser.value(changesOption).toInt());
    const int readers = std::max(0, parser.value(readersOption).toInt());
    const bool listsOnly = parser.isSet(listsOnlyOption);

    QRandomGenerator random(1234);
    FakeCatalog catalog = makeCatalog(100000, random);
    InProcessCatalogCache cache(entries);
    cache.setLive(true);

    // Fill: lists (20 products each), their totals, and details (unless lists only).
    QList<QByteArray> keys;
    keys.reserve(entries);
    const QByteArray page(4000, 'x'); // a list page's JSON is a few kB
    QList<CategoryId> subtree;
    for (int i = 0; i < entries; ++i) {
        const int kind = listsOnly ? 0 : int(random.bounded(10));
        const QByteArray key = "k" + QByteArray::number(i);
        CacheDependencyPtr dependency;
        if (kind < 5) {
            const ProductQuery q = randomQuery(catalog, random, &subtree);
            QList<ProductId> shown;
            for (int j = 0; j < 20; ++j) {
                shown.append(catalog.products[random.bounded(catalog.products.size())]);
            }
            dependency = CacheDependency::list(q, subtree, shown);
        } else if (kind < 7) {
            dependency = CacheDependency::count(randomQuery(catalog, random, &subtree), subtree);
        } else {
            dependency =
                CacheDependency::product(catalog.products[random.bounded(catalog.products.size())]);
        }
        cache.insert(key, page, std::chrono::hours(1), cache.generation(), dependency);
        keys.append(key);
    }
    const qsizetype filled = cache.stats().entries;

    std::atomic<bool> stop {false};
    std::vector<std::vector<double>> readerTimes(readers);
    std::vector<std::thread> threads;
    for (int r = 0; r < readers; ++r) {
        threads.emplace_back([&, r] {
            QRandomGenerator local(99 + r);
            auto &times = readerTimes[r];
            times.reserve(1 << 20);
            while (!stop.load(std::memory_order_relaxed)) {
                const QByteArray &key = keys[local.bounded(keys.size())];
                const auto start = Clock::now();
                (void)cache.find(key);
                times.push_back(
                    std::chrono::duration<double, std::micro>(Clock::now() - start).count());
            }
        });
    }

    std::vector<double> invalidateTimes;
    invalidateTimes.reserve(changes);
    for (int i = 0; i < changes; ++i) {
        const ProductId id = catalog.products[random.bounded(catalog.products.size())];
        const ProductFacts before = catalog.facts.value(id);
        ProductFacts after = before;
        if (random.bounded(2) == 0) {
            after.price = qint64(random.bounded(100, 200000)); // a price edit
        } else {
            after.inStock = !after.inStock; // stock taken in, or sold out
        }
        catalog.facts.insert(id, after);
        ProductChange change {id, before, after, false, false};
        const auto start = Clock::now();
        cache.invalidate(CatalogChange::of({change}));
        invalidateTimes.push_back(
            std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    stop = true;
    for (auto &thread : threads) {
        thread.join();
    }
    std::vector<double> allReads;
    for (auto &times : readerTimes) {
        allReads.insert(allReads.end(), times.begin(), times.end());
    }

    const Figures inv = figuresOf(invalidateTimes);
    const Figures reads = figuresOf(allReads);
    QTextStream out(stdout);
    out << "entries filled: " << filled << (listsOnly ? " (lists only)" : " (mixed)")
        << ", left after " << changes << " changes: " << cache.stats().entries << "\n";
    out << QStringLiteral("invalidate(): median %1 us, p99 %2 us, max %3 us\n")
               .arg(inv.median, 0, 'f', 1)
               .arg(inv.p99, 0, 'f', 1)
               .arg(inv.max, 0, 'f', 1);
    if (readers > 0) {
        out << QStringLiteral("find() by %1 reader(s), %2 calls: median %3 us, p99 %4 us, "
                              "p99.9 %5 us, max %6 us, %7 calls over 1 ms\n")
                   .arg(readers)
                   .arg(allReads.size())
                   .arg(reads.median, 0, 'f', 2)
                   .arg(reads.p99, 0, 'f', 2)
                   .arg(reads.p999, 0, 'f', 2)
                   .arg(reads.max, 0, 'f', 1)
                   .arg(reads.over1ms);
    }
    return 0;
}
