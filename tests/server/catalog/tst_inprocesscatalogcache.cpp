// InProcessCatalogCache: hits, expiry, LRU bounds, the generation guard against caching stale
// reads, the live switch, invalidation by product (only what a change alters is dropped, a value
// read before a change it depends on is never stored), and concurrent use from several threads.

#include "catalog/inprocesscatalogcache.h"

#include <QMutex>
#include <QTest>
#include <QThread>

#include <array>
#include <atomic>
#include <vector>

using namespace Shop;
using namespace Shop::Catalog;
using namespace std::chrono_literals;

namespace {

ProductId productId(int n)
{
    return ProductId(
        QUuid(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'))));
}

// Product n's price moved from 500 to 600 (uncategorised, in stock, no brand).
CatalogChange priceChange(int n)
{
    const ProductFacts before {std::nullopt, 500, true, {}};
    ProductFacts after = before;
    after.price = 600;
    return CatalogChange::of({ProductChange {productId(n), before, after}});
}

} // namespace

class TestInProcessCatalogCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hitAndMiss();
    void notLiveBypasses_data();
    void notLiveBypasses();
    void expiry();
    void staleGenerationDropped_data();
    void staleGenerationDropped();
    void evictsLeastRecentlyUsed_data();
    void evictsLeastRecentlyUsed();
    void byteBound();
    void replaceKeepsAccounting();
    void invalidatesByProduct();
    void readBeforeAChangeItDependsOn();
    void changeLogTrimmed();
    void concurrentUse();
    void concurrentChangesLeaveNothingStale();
};

void TestInProcessCatalogCache::hitAndMiss()
{
    InProcessCatalogCache cache(10);
    cache.setLive(true);
    QVERIFY(!cache.find("a"));
    cache.insert("a", "alpha", 60s, cache.generation());
    QCOMPARE(cache.find("a"), std::optional<QByteArray>("alpha"));
    QVERIFY(!cache.find("b"));
    const auto stats = cache.stats();
    QCOMPARE(stats.hits, quint64(1));
    QCOMPARE(stats.misses, quint64(2));
    QCOMPARE(stats.entries, qsizetype(1));
    QCOMPARE(stats.bytes, qint64(1 + 5));

    cache.invalidateAll();
    QVERIFY(!cache.find("a"));
    QCOMPARE(cache.stats().entries, qsizetype(0));
    QCOMPARE(cache.stats().bytes, qint64(0));
}

void TestInProcessCatalogCache::notLiveBypasses_data()
{
    QTest::addColumn<bool>("insertWhileDown");
    QTest::newRow("filled before going down") << false;
    QTest::newRow("insert while down") << true;
}

void TestInProcessCatalogCache::notLiveBypasses()
{
    QFETCH(bool, insertWhileDown);

    InProcessCatalogCache cache(10);
    QVERIFY(!cache.isLive()); // starts not live: nothing observed yet
    cache.insert("k", "v", 60s, cache.generation());
    QVERIFY(!cache.find("k"));

    cache.setLive(true);
    if (!insertWhileDown) {
        cache.insert("k", "v", 60s, cache.generation());
        QVERIFY(cache.find("k"));
    }
    const quint64 before = cache.generation();
    cache.setLive(false);
    QVERIFY(!cache.isLive());
    if (insertWhileDown) {
        cache.insert("k", "v", 60s, cache.generation());
    }
    QVERIFY(!cache.find("k"));
    // Back up: starts from empty, and a value read while down (old generation) is dropped.
    cache.setLive(true);
    QVERIFY(!cache.find("k"));
    cache.insert("k", "old", 60s, before);
    QVERIFY(!cache.find("k"));
    cache.insert("k", "new", 60s, cache.generation());
    QCOMPARE(cache.find("k"), std::optional<QByteArray>("new"));
}

void TestInProcessCatalogCache::expiry()
{
    InProcessCatalogCache cache(10);
    cache.setLive(true);
    cache.insert("short", "s", 1s, cache.generation());
    cache.insert("long", "l", 60s, cache.generation());
    cache.insert("zero", "z", 0s, cache.generation());
    QVERIFY(cache.find("short"));
    QVERIFY(!cache.find("zero"));
    QTRY_VERIFY_WITH_TIMEOUT(!cache.find("short"), 3000);
    QVERIFY(cache.find("long"));
    QCOMPARE(cache.stats().entries, qsizetype(1));
}

void TestInProcessCatalogCache::staleGenerationDropped_data()
{
    QTest::addColumn<int>("invalidations");
    QTest::newRow("none") << 0;
    QTest::newRow("one") << 1;
    QTest::newRow("two") << 2;
}

void TestInProcessCatalogCache::staleGenerationDropped()
{
    QFETCH(int, invalidations);

    InProcessCatalogCache cache(10);
    cache.setLive(true);
    const quint64 readAt = cache.generation(); // a worker starts reading the database
    for (int i = 0; i < invalidations; ++i) {
        cache.invalidateAll(); // ... a change is committed meanwhile
    }
    cache.insert("k", "read", 60s, readAt);
    QCOMPARE(cache.find("k").has_value(), invalidations == 0);
}

void TestInProcessCatalogCache::evictsLeastRecentlyUsed_data()
{
    QTest::addColumn<QByteArrayList>("touch"); // looked up after filling a, b, c
    QTest::addColumn<QByteArrayList>("kept"); // after inserting d and e

    QTest::newRow("insertion order") << QByteArrayList() << QByteArrayList {"c", "d", "e"};
    QTest::newRow("a used") << QByteArrayList {"a"} << QByteArrayList {"a", "d", "e"};
    QTest::newRow("a and b used") << QByteArrayList {"b", "a"} << QByteArrayList {"a", "d", "e"};
}

void TestInProcessCatalogCache::evictsLeastRecentlyUsed()
{
    QFETCH(QByteArrayList, touch);
    QFETCH(QByteArrayList, kept);

    InProcessCatalogCache cache(3);
    cache.setLive(true);
    for (const char *key : {"a", "b", "c"}) {
        cache.insert(key, QByteArray(key).toUpper(), 60s, cache.generation());
    }
    for (const QByteArray &key : touch) {
        QVERIFY(cache.find(key));
    }
    cache.insert("d", "D", 60s, cache.generation());
    cache.insert("e", "E", 60s, cache.generation());
    QByteArrayList present;
    for (const char *key : {"a", "b", "c", "d", "e"}) {
        if (cache.find(key)) {
            present << key;
        }
    }
    QCOMPARE(present, kept);
    QCOMPARE(cache.stats().entries, qsizetype(3));
    QCOMPARE(cache.stats().evictions, quint64(2));
}

void TestInProcessCatalogCache::byteBound()
{
    InProcessCatalogCache cache(100, 1000);
    cache.setLive(true);
    const QByteArray value(299, 'x'); // 300 bytes with a 1-byte key
    for (const char *key : {"a", "b", "c", "d"}) {
        cache.insert(key, value, 60s, cache.generation());
    }
    QVERIFY(!cache.find("a"));
    QVERIFY(cache.find("d"));
    QVERIFY(cache.stats().bytes <= 1000);
    QCOMPARE(cache.stats().entries, qsizetype(3));

    cache.insert("huge", QByteArray(2000, 'y'), 60s, cache.generation()); // never fits
    QVERIFY(!cache.find("huge"));
    QCOMPARE(cache.stats().entries, qsizetype(3));
}

void TestInProcessCatalogCache::replaceKeepsAccounting()
{
    InProcessCatalogCache cache(10);
    cache.setLive(true);
    cache.insert("k", "12345", 60s, cache.generation());
    cache.insert("k", "12", 60s, cache.generation());
    QCOMPARE(cache.find("k"), std::optional<QByteArray>("12"));
    QCOMPARE(cache.stats().entries, qsizetype(1));
    QCOMPARE(cache.stats().bytes, qint64(3));
}

// A product's new price drops its detail, the pages showing it, the lists it may move in, and
// anything stored without a dependency; the rest stays.
void TestInProcessCatalogCache::invalidatesByProduct()
{
    InProcessCatalogCache cache(100);
    cache.setLive(true);
    const auto put = [&](const QByteArray &key, CacheDependencyPtr dependency) {
        QVERIFY(cache.insert(key, "v", 60s, cache.generation(), std::move(dependency)));
    };
    const ProductQuery newest;
    ProductQuery byPrice;
    byPrice.sort = ProductSort::PriceAsc;
    put("product/1", CacheDependency::product(productId(1)));
    put("product/2", CacheDependency::product(productId(2)));
    put("page showing 1", CacheDependency::list(newest, {}, {productId(1), productId(3)}));
    put("page without 1", CacheDependency::list(newest, {}, {productId(2), productId(3)}));
    put("by price", CacheDependency::list(byPrice, {}, {productId(2)}));
    put("count", CacheDependency::count(newest, {}));
    put("categories", CacheDependency::categories());
    put("no dependency", nullptr);

    const quint64 before = cache.generation();
    cache.invalidate(priceChange(1));
    QVERIFY(cache.generation() != before);
    QByteArrayList kept;
    for (const QByteArray &key :
         {QByteArray("product/1"), QByteArray("product/2"), QByteArray("page showing 1"),
          QByteArray("page without 1"), QByteArray("by price"), QByteArray("count"),
          QByteArray("categories"), QByteArray("no dependency")}) {
        if (cache.find(key)) {
            kept << key;
        }
    }
    QCOMPARE(kept, (QByteArrayList {"product/2", "page without 1", "count", "categories"}));
    QCOMPARE(cache.stats().entries, qsizetype(4));

    // Stored again afterwards, product 1's detail is dropped by its next change again (the
    // index by product follows replacements and removals).
    put("product/1", CacheDependency::product(productId(1)));
    put("product/1", CacheDependency::product(productId(1)));
    cache.invalidate(priceChange(1));
    QVERIFY(!cache.find("product/1"));
    QVERIFY(cache.find("product/2"));
    cache.invalidate(CatalogChange::all());
    QCOMPARE(cache.stats().entries, qsizetype(0));
}

// A worker took the generation, read the database, and a change came in before it stored the
// value: dropped when the change alters it, kept when it does not.
void TestInProcessCatalogCache::readBeforeAChangeItDependsOn()
{
    InProcessCatalogCache cache(10);
    cache.setLive(true);
    const quint64 readAt = cache.generation();
    cache.invalidate(priceChange(1));
    cache.invalidate(priceChange(2));
    QVERIFY(!cache.insert("product/1", "old", 60s, readAt, CacheDependency::product(productId(1))));
    QVERIFY(!cache.find("product/1"));
    QVERIFY(!cache.insert("any", "old", 60s, readAt, nullptr));
    QVERIFY(
        cache.insert("product/3", "fresh", 60s, readAt, CacheDependency::product(productId(3))));
    QCOMPARE(cache.find("product/3"), std::optional<QByteArray>("fresh"));
    // A whole invalidation since: nothing read before it is stored.
    const quint64 beforeAll = cache.generation();
    cache.invalidateAll();
    QVERIFY(
        !cache.insert("product/3", "old", 60s, beforeAll, CacheDependency::product(productId(3))));
    // A token from the future (another cache's) is refused too.
    QVERIFY(!cache.insert("product/3", "x", 60s, cache.generation() + 5,
                          CacheDependency::product(productId(3))));
}

// More changes than the log keeps: a value read before all of them cannot be checked, so it is
// dropped even though none of them alters it.
void TestInProcessCatalogCache::changeLogTrimmed()
{
    InProcessCatalogCache cache(10);
    cache.setLive(true);
    const quint64 readAt = cache.generation();
    for (int i = 0; i < InProcessCatalogCache::kMaxLoggedChanges; ++i) {
        cache.invalidate(priceChange(100 + i));
    }
    QVERIFY(cache.insert("product/1", "v", 60s, readAt, CacheDependency::product(productId(1))));
    cache.invalidate(priceChange(99));
    QVERIFY(!cache.insert("product/1", "v", 60s, readAt, CacheDependency::product(productId(1))));
}

void TestInProcessCatalogCache::concurrentUse()
{
    InProcessCatalogCache cache(50);
    cache.setLive(true);
    std::atomic<bool> wrong {false};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back(QThread::create([&cache, &wrong, t] {
            for (int i = 0; i < 20000; ++i) {
                const QByteArray key = QByteArray::number((i * 7 + t) % 80);
                if (const auto hit = cache.find(key)) {
                    if (*hit != "value-" + key) {
                        wrong = true;
                    }
                } else {
                    cache.insert(key, "value-" + key, 60s, cache.generation());
                }
                if (t == 0 && i % 1000 == 0) {
                    cache.invalidateAll();
                }
                if (t == 1 && i % 100 == 0) {
                    cache.invalidate(priceChange(i % 80));
                }
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads) {
        QVERIFY(thread->wait(60000));
    }
    QVERIFY(!wrong);
    const auto stats = cache.stats();
    QVERIFY(stats.entries <= 50);
    QVERIFY(stats.hits > 0);
    QVERIFY(stats.evictions > 0);
}

// Readers store list pages (each showing a few products, with their prices) read from a "database"
// while a writer changes prices and reports each change. The changes are checked against the
// cached pages outside the cache's lock, with pages stored and replaced meanwhile: once all is
// quiet, every page still cached must show the prices of now.
void TestInProcessCatalogCache::concurrentChangesLeaveNothingStale()
{
    constexpr int kProducts = 40;
    constexpr int kPages = 300;
    InProcessCatalogCache cache(kPages);
    cache.setLive(true);
    QMutex databaseMutex;
    std::array<qint64, kProducts> prices {};
    prices.fill(500);
    const auto shownOn = [](int page) {
        return QList<int> {page % kProducts, (page * 7 + 3) % kProducts,
                           (page * 13 + 5) % kProducts};
    };
    const auto pageOf = [&](int page) { // what the database says now
        QByteArray value;
        for (const int product : shownOn(page)) {
            value += QByteArray::number(prices[product]) + ',';
        }
        return value;
    };
    std::atomic<bool> stop {false};
    std::atomic<bool> writing {true};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            for (int i = 0; !stop.load(); ++i) {
                const int page = (i * 31 + t * 101) % kPages;
                const QByteArray key = "page/" + QByteArray::number(page);
                if (cache.find(key) && (i % 3 != 0 || !writing.load())) {
                    continue; // while prices change, a third of the time replace it anyway
                }
                const quint64 readAt = cache.generation();
                QByteArray value;
                {
                    QMutexLocker lock(&databaseMutex);
                    value = pageOf(page);
                }
                if (i % 4 == 0) {
                    QThread::usleep(50); // a slow answer: a change may come in before it is stored
                }
                QList<ProductId> shown;
                for (const int product : shownOn(page)) {
                    shown.append(productId(product));
                }
                cache.insert(key, value, 60s, readAt, CacheDependency::list({}, {}, shown));
            }
        }));
        threads.back()->start();
    }
    for (int change = 0; change < 3000; ++change) {
        const int product = change % kProducts;
        ProductFacts before {std::nullopt, 0, true, {}};
        ProductFacts after = before;
        {
            QMutexLocker lock(&databaseMutex);
            before.price = prices[product];
            after.price = prices[product] + 1;
            prices[product] = after.price;
        }
        // As the NOTIFY arrives: after the commit.
        cache.invalidate(CatalogChange::of({ProductChange {productId(product), before, after}}));
    }
    writing = false;
    // The readers go on until most pages are cached again (a stale page they find, they keep).
    QTRY_VERIFY_WITH_TIMEOUT(cache.stats().entries >= kPages / 2, 30000);
    stop = true;
    for (auto &thread : threads) {
        QVERIFY(thread->wait(60000));
    }
    int cached = 0;
    for (int page = 0; page < kPages; ++page) {
        if (const auto hit = cache.find("page/" + QByteArray::number(page))) {
            ++cached;
            QCOMPARE(*hit, pageOf(page));
        }
    }
    QVERIFY(cached > 0);
    QVERIFY(cache.stats().invalidations >= 3000);
}

QTEST_GUILESS_MAIN(TestInProcessCatalogCache)
#include "tst_inprocesscatalogcache.moc"
