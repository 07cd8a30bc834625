// The Redis tier of the catalog and cart caches with whole shop-servers in process (real
// PostgreSQL, real sockets, the test services' Redis and one redis-server of the test's own):
// - a catalog answer computed by instance A is served from Redis by instance B (X-Cache: HIT with
//   B's memory empty), under the seed's key names and lifetimes;
// - a price changed through A is seen through B (measured; asserted within 5 s), while another
//   product's cached answer stays a hit on both;
// - a product's change drops only the shared values it alters, for an instance that never heard
//   of it: checked against the change log in Redis (RedisCatalogCache directly);
// - the stale-write rule on RedisCatalogCache directly: a value read before an invalidation and
//   stored after it is never served, by any instance;
// - the cart cache: a second GET /api/cart comes from Redis; adding, changing, removing lines and
//   a price change (the catalog generation) show at once; a stale cart stored after an
//   invalidation is never served;
// - Redis killed under load: requests keep being answered (zero 5xx), the log says so once, and
//   the cache comes back by itself when Redis is started again.

#include "catalog/inprocesscatalogcache.h"
#include "catalog/rediscatalogcache.h"
#include "db/database.h"
#include "redis/cartcache.h"
#include "redistestsupport.h"
#include "support/resultcheck.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <atomic>

using namespace Shop;
using namespace Shop::Tests;
using namespace std::chrono_literals;

using Headers = QList<std::pair<QByteArray, QByteArray>>;

namespace {

const QString kSecretB64 = QStringLiteral("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
const QString kPassword = QStringLiteral("correct horse battery 42");
const QString kMug = QStringLiteral("20000000-0000-4000-8000-000000000001");
const QString kPen = QStringLiteral("20000000-0000-4000-8000-000000000002");

struct Customer
{
    QString id;
    QByteArray token;
};

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Counts the Redis client's "unavailable" and "back" lines (and passes every message on).
struct LogCounter
{
    static inline std::atomic<int> down {0};
    static inline std::atomic<int> back {0};
    static inline QtMessageHandler previous = nullptr;

    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        if (context.category && qstrcmp(context.category, "shop.redis.client") == 0) {
            if (text.contains(u"Redis unavailable")) {
                ++down;
            } else if (text.contains(u"Redis is back")) {
                ++back;
            }
        }
        if (previous) {
            previous(type, context, text);
        }
    }
};

} // namespace

class TestRedisCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void catalogServedFromRedisByTheOtherInstance();
    void priceChangeReachesTheOtherInstance();
    void staleCatalogWriteIsNeverServed();
    void productChangeDropsOnlyWhatItAlters();
    void aNotificationIsLoggedOnce();
    void cartFromRedisAndInvalidated();
    void staleCartWriteIsNeverServed();
    void redisKilledUnderLoad();

private:
    [[nodiscard]] Server::ServerConfig configFor(const QString &redisUrl,
                                                 const QByteArray &prefix) const;
    [[nodiscard]] Customer signUp(TestServer &server, const QString &email) const;
    [[nodiscard]] HttpReply call(TestServer &server, const QByteArray &method,
                                 const QByteArray &target, const Customer &who,
                                 const QJsonObject &body = {}) const;
    [[nodiscard]] bool sql(const QString &statement, const QVariantList &values = {}) const;
    [[nodiscard]] QList<QByteArray> keys(Redis::Client &client, const QByteArray &pattern) const;

    std::unique_ptr<TestDatabase> m_db;
    QByteArray m_prefix;
    std::shared_ptr<Redis::Client> m_redis; // the test's view of the shared Redis
    std::unique_ptr<TestServer> m_a;
    std::unique_ptr<TestServer> m_b;
};

Server::ServerConfig TestRedisCache::configFor(const QString &redisUrl,
                                               const QByteArray &prefix) const
{
    Server::ServerConfig config;
    config.database = m_db->config();
    config.database.poolSize = 3;
    config.auth.signingKeys = QStringLiteral("test:") + kSecretB64;
    config.auth.hashThreads = 1;
    config.jobs.workers = 0;
    config.http.rateLimit.authPer15Min = 100000;
    config.http.rateLimit.accountPerMin = 100000;
    config.http.rateLimit.catalogPerMin = 100000;
    config.auth.registrationsPerIp = 1000;
    config.redis.url = redisUrl;
    config.redis.prefix = QString::fromUtf8(prefix);
    config.redis.timeoutMs = 500;
    return config;
}

void TestRedisCache::initTestCase()
{
    SHOP_REQUIRE_TEST_REDIS();
    LogCounter::previous = qInstallMessageHandler(&LogCounter::handler);
    QLoggingCategory::setFilterRules(QStringLiteral("shop.http.access.info=false"));
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
    QVERIFY(
        sql(QStringLiteral("INSERT INTO products (id, name, price, currency, sku, stock_quantity, "
                           "is_active) VALUES ('%1', 'Blue mug', 1299, 'USD', 'RMUG-1', 50, true), "
                           "('%2', 'Pen', 100, 'USD', 'RPEN-1', 1000, true)")
                .arg(kMug, kPen)));
    m_prefix = uniquePrefix("cache");
    // Two instances of one store: one database, one Redis, one key prefix.
    const Server::ServerConfig config = configFor(testRedisUrl(), m_prefix);
    m_a = std::make_unique<TestServer>(config);
    QVERIFY2(m_a->isRunning(), qPrintable(m_a->errorString()));
    m_b = std::make_unique<TestServer>(config);
    QVERIFY2(m_b->isRunning(), qPrintable(m_b->errorString()));
    m_redis = clientFor(testRedisUrl(), m_prefix);
    QVERIFY(m_redis);
}

void TestRedisCache::cleanupTestCase()
{
    m_b.reset();
    m_a.reset();
    m_db.reset();
    qInstallMessageHandler(LogCounter::previous);
}

Customer TestRedisCache::signUp(TestServer &server, const QString &email) const
{
    const HttpReply reply =
        server.request("POST", "/api/auth/register", {{"Content-Type", "application/json"}},
                       json({{QStringLiteral("email"), email},
                             {QStringLiteral("password"), kPassword},
                             {QStringLiteral("first_name"), QStringLiteral("Ada")}}),
                       60000);
    if (reply.status != 201) {
        qWarning() << "register" << reply.status << reply.body;
        return {};
    }
    return {reply.json()[QStringLiteral("user")][QStringLiteral("id")].toString(),
            reply.json()[QStringLiteral("access_token")].toString().toLatin1()};
}

HttpReply TestRedisCache::call(TestServer &server, const QByteArray &method,
                               const QByteArray &target, const Customer &who,
                               const QJsonObject &body) const
{
    Headers headers {{"Authorization", "Bearer " + who.token}};
    if (method == "POST" || method == "PUT") {
        headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        return server.request(method, target, headers, json(body), 60000);
    }
    return server.request(method, target, headers, {}, 60000);
}

bool TestRedisCache::sql(const QString &statement, const QVariantList &values) const
{
    auto db = Db::threadConnection();
    return db && Db::exec(*db, statement, values).has_value();
}

QList<QByteArray> TestRedisCache::keys(Redis::Client &client, const QByteArray &pattern) const
{
    QList<QByteArray> found;
    auto reply = client.command({"KEYS", client.key(pattern)});
    if (reply) {
        for (const Redis::Reply &element : std::as_const(reply->elements)) {
            found.append(element.string);
        }
    }
    return found;
}

void TestRedisCache::catalogServedFromRedisByTheOtherInstance()
{
    const QByteArray product = "/api/products/" + kMug.toLatin1();
    for (const QByteArray &path :
         {product, QByteArray("/api/products?limit=5&search=mug"), QByteArray("/api/categories")}) {
        const HttpReply first = m_a->get(path);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.header("x-cache"), QByteArray("MISS"));
        // B never computed it and its memory is empty: the answer comes from Redis.
        const HttpReply other = m_b->get(path);
        QCOMPARE(other.status, 200);
        QVERIFY2(other.header("x-cache") == "HIT", path.constData());
        QCOMPARE(other.body, first.body);
    }
    // The seed's key names, under the shared generation, with the seed's lifetimes.
    const QList<QByteArray> detail = keys(*m_redis, "catalog:*:product:" + kMug.toLatin1());
    QCOMPARE(detail.size(), 1);
    auto ttl = m_redis->command({"TTL", detail.first()});
    SHOP_VERIFY_OK(ttl);
    QVERIFY(ttl->integer > 500 && ttl->integer <= 600);
    const QList<QByteArray> list = keys(*m_redis, "catalog:*:products:list:1:5:*");
    QCOMPARE(list.size(), 1);
    ttl = m_redis->command({"TTL", list.first()});
    QVERIFY(ttl->integer > 200 && ttl->integer <= 300);
    const QList<QByteArray> categories = keys(*m_redis, "catalog:*:categories");
    QCOMPARE(categories.size(), 1);
    ttl = m_redis->command({"TTL", categories.first()});
    QVERIFY(ttl->integer > 3000 && ttl->integer <= 3600);

    auto shared = Redis::Client::forConfig(configFor(testRedisUrl(), m_prefix));
    QVERIFY(shared);
    const Redis::Stats stats = shared->stats();
    QVERIFY(stats.up);
    QVERIFY(stats.catalog.hits >= 3);
    QVERIFY(stats.catalog.misses >= 3);
}

void TestRedisCache::priceChangeReachesTheOtherInstance()
{
    const QByteArray path = "/api/products/" + kMug.toLatin1();
    const QByteArray pen = "/api/products/" + kPen.toLatin1();
    QCOMPARE(m_a->get(pen).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_b->get(pen).header("x-cache"), QByteArray("HIT"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_a->get(pen).header("x-cache"), QByteArray("HIT"), 10000);
    for (int price = 1500; price < 1503; ++price) {
        QCOMPARE(m_a->get(path).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(m_b->get(path).header("x-cache"), QByteArray("HIT"), 10000);
        // The change through instance A's database connection (its NOTIFY reaches both).
        QVERIFY(sql(QStringLiteral("UPDATE products SET price = $1 WHERE id = $2"), {price, kMug}));
        QElapsedTimer timer;
        timer.start();
        qint64 seen = -1;
        while (timer.elapsed() < 5000) {
            if (m_b->get(path).json()[u"price"].toInteger() == price
                && m_a->get(path).json()[u"price"].toInteger() == price) {
                seen = timer.elapsed();
                break;
            }
            QTest::qWait(5);
        }
        QVERIFY2(seen >= 0, "the old price is still served after 5 s");
        qInfo("price %d seen through both instances after %lld ms", price, seen);
    }
    // The mug's changes left the pen's cached detail alone, on both instances.
    QCOMPARE(m_a->get(pen).header("x-cache"), QByteArray("HIT"));
    QCOMPARE(m_b->get(pen).header("x-cache"), QByteArray("HIT"));
}

void TestRedisCache::staleCatalogWriteIsNeverServed()
{
    const QByteArray prefix = uniquePrefix("stale");
    auto client = clientFor(testRedisUrl(), prefix);
    auto memoryA = std::make_shared<Catalog::InProcessCatalogCache>(100);
    auto memoryB = std::make_shared<Catalog::InProcessCatalogCache>(100);
    Catalog::RedisCatalogCache a(memoryA, client);
    Catalog::RedisCatalogCache b(memoryB, clientFor(testRedisUrl(), prefix));
    a.setLive(true);
    b.setLive(true);
    const QByteArray key = "product/" + kMug.toLatin1();

    // A misses and reads the database; the catalog changes and B (the writer) invalidates; A
    // stores what it read before; then A hears the change too.
    QVERIFY(!a.fetch(key));
    const quint64 generation = a.generation();
    b.invalidateAll();
    a.insert(key, "stale", 600s, generation);
    a.invalidateAll();
    QVERIFY(!a.fetch(key));
    QVERIFY(!b.fetch(key));
    QCOMPARE(keys(*client, "catalog:*:product:*").size(), 1); // there, but under an old generation

    // An invalidation on A between its read and its write: nothing stored in either tier.
    QVERIFY(!a.fetch(key));
    const quint64 before = a.generation();
    a.invalidateAll();
    a.insert(key, "stale too", 600s, before);
    QVERIFY(!a.fetch(key));
    QVERIFY(!b.fetch(key));

    // The normal way: stored by A, served by B.
    QVERIFY(!a.fetch(key));
    a.insert(key, "fresh", 600s, a.generation());
    QCOMPARE(b.fetch(key).value_or(QByteArray()), QByteArray("fresh"));
    QCOMPARE(b.find(key).value_or(QByteArray()), QByteArray("fresh")); // now in B's memory too

    // Not live: neither tier.
    b.setLive(false);
    QVERIFY(!b.fetch(key));
    QCOMPARE(Catalog::RedisCatalogCache::redisKeyName("products?page=2&limit=20&search=lamp"),
             QByteArray("products:list:2:20:search=lamp"));
}

// A's memory and Redis hold answers; A hears of the mug's new price. An instance with an empty
// memory that has not heard of it yet (C, D, E: fresh caches on the same prefix) gets from Redis
// what the change does not alter and misses what it does, because each value's dependencies are
// checked against the changes logged after it was read from the database.
void TestRedisCache::productChangeDropsOnlyWhatItAlters()
{
    using namespace Shop::Catalog;
    const QByteArray prefix = uniquePrefix("byproduct");
    // One client, as one process has: a client's first connection, and a cache going live, move
    // the generation (changes may have been missed), so every cache is made up front.
    const std::shared_ptr<Redis::Client> shared = clientFor(testRedisUrl(), prefix);
    std::vector<std::unique_ptr<RedisCatalogCache>> caches;
    for (int i = 0; i < 7; ++i) {
        caches.push_back(std::make_unique<RedisCatalogCache>(
            std::make_shared<InProcessCatalogCache>(100), shared));
        caches.back()->setLive(true);
    }
    qsizetype used = 0;
    const auto cache = [&] {
        return caches.at(++used).get();
    }; // one not used before
    const ProductId mug = *ProductId::parse(kMug);
    const ProductId pen = *ProductId::parse(kPen);
    const QByteArray mugKey = "product/" + kMug.toLatin1();
    const QByteArray penKey = "product/" + kPen.toLatin1();
    const ProductQuery newest;
    const struct
    {
        QByteArray key;
        CacheDependencyPtr dependency;
        bool alteredByTheMug;
    } entries[] = {
        {mugKey, CacheDependency::product(mug), true},
        {penKey, CacheDependency::product(pen), false},
        {"products?page=1", CacheDependency::list(newest, {}, {mug, pen}), true},
        {"products?page=2", CacheDependency::list(newest, {}, {pen}), false},
        {"count?", CacheDependency::count(newest, {}), false},
    };
    RedisCatalogCache *a = caches.front().get();
    for (const auto &entry : entries) {
        QVERIFY(!a->fetch(entry.key));
        QVERIFY(
            a->insert(entry.key, "value of " + entry.key, 600s, a->generation(), entry.dependency));
    }
    // Stamped with the change sequence and the dependency.
    auto client = clientFor(testRedisUrl(), prefix);
    const QList<QByteArray> stored = keys(*client, "catalog:*:product:" + kPen.toLatin1());
    QCOMPARE(stored.size(), 1);
    auto raw = client->command({"GET", stored.first()});
    SHOP_VERIFY_OK(raw);
    const QByteArray header = "0 {\"i\":[\"" + kPen.toLatin1() + "\"],\"k\":\"product\"}\n";
    QVERIFY2(raw->string.startsWith(header), raw->string.constData());

    const ProductFacts before {std::nullopt, 1299, true, {}};
    ProductFacts after = before;
    after.price = 1399;
    const CatalogChange mugPrice = CatalogChange::of({ProductChange {mug, before, after}});
    a->invalidate(mugPrice);
    for (const auto &entry : entries) {
        QCOMPARE(a->find(entry.key).has_value(), !entry.alteredByTheMug); // A's memory
    }
    RedisCatalogCache *c = cache();
    for (const auto &entry : entries) {
        const auto hit = c->fetch(entry.key);
        QVERIFY2(hit.has_value() == !entry.alteredByTheMug, entry.key.constData());
        if (hit) {
            QCOMPARE(*hit, "value of " + entry.key);
        }
    }

    // D misses the mug and reads the database; the mug changes again (heard by A only); D stores
    // what it read before. Nobody is served it: E, fresh, finds the change logged after D's read.
    RedisCatalogCache *d = cache();
    QVERIFY(!d->fetch(mugKey));
    const quint64 readAt = d->generation();
    a->invalidate(mugPrice);
    QVERIFY(d->insert(mugKey, "stale", 600s, readAt, CacheDependency::product(mug)));
    RedisCatalogCache *e = cache();
    QVERIFY(!e->fetch(mugKey));
    QVERIFY(e->fetch(penKey));

    // More changes since a value was stored than a reader checks: read again from the database.
    for (int i = 0; i < 65; ++i) {
        a->invalidate(mugPrice);
    }
    RedisCatalogCache *f = cache();
    QVERIFY(!f->fetch(penKey));
    a->insert(penKey, "pen again", 600s, a->generation(), CacheDependency::product(pen));
    QVERIFY(!f->fetch(penKey)); // A took no Redis miss before this insert: memory only
    // Stored without a dependency: any change since makes it a miss.
    QVERIFY(!a->fetch("unknown"));
    QVERIFY(a->insert("unknown", "u", 600s, a->generation(), nullptr));
    QCOMPARE(f->fetch("unknown").value_or(QByteArray()), QByteArray("u"));
    // A whole invalidation (a category changed): nothing of before is read.
    QVERIFY(!a->fetch("categories"));
    QVERIFY(a->insert("categories", "tree", 600s, a->generation(), CacheDependency::categories()));
    a->invalidate(mugPrice);
    RedisCatalogCache *g = cache();
    QCOMPARE(g->fetch("categories").value_or(QByteArray()), QByteArray("tree"));
    QVERIFY(!g->fetch("unknown"));
    a->invalidateAll();
    QVERIFY(!cache()->fetch("categories"));
}

// Every instance hears each notification and logs it, but only the first one's log entry counts:
// three instances hearing 30 changes of the mug log 30, not 90, so a shared answer the mug does
// not alter is still served after them (a reader gives up after 64 changes). An instance's own
// change (no transaction id) is logged by that instance, every time.
void TestRedisCache::aNotificationIsLoggedOnce()
{
    using namespace Shop::Catalog;
    const QByteArray prefix = uniquePrefix("once");
    const std::shared_ptr<Redis::Client> shared = clientFor(testRedisUrl(), prefix);
    std::vector<std::unique_ptr<RedisCatalogCache>> caches;
    for (int i = 0; i < 4; ++i) {
        caches.push_back(std::make_unique<RedisCatalogCache>(
            std::make_shared<InProcessCatalogCache>(100), shared));
        caches.back()->setLive(true);
    }
    auto client = clientFor(testRedisUrl(), prefix);
    const auto sequence = [&] {
        auto reply = client->command({"GET", client->key("catalog:changes:sequence")});
        return reply && !reply->isError() ? reply->string.toLongLong() : -1;
    };
    const ProductId pen = *ProductId::parse(kPen);
    const QByteArray penKey = "product/" + kPen.toLatin1();
    QVERIFY(!caches[0]->fetch(penKey));
    QVERIFY(caches[0]->insert(penKey, "pen", 600s, caches[0]->generation(),
                              CacheDependency::product(pen)));
    const QByteArray mugKey = "product/" + kMug.toLatin1();
    // The mug: in Redis (stored after a miss) and in the memory of the first three.
    QVERIFY(!caches[0]->fetch(mugKey));
    for (int c = 0; c < 3; ++c) {
        QVERIFY(caches[c]->insert(mugKey, "mug", 600s, caches[c]->generation(),
                                  CacheDependency::product(*ProductId::parse(kMug))));
        QVERIFY(caches[c]->find(mugKey));
    }

    const qint64 start = sequence();
    QVERIFY(start >= 0);
    for (int i = 0; i < 30; ++i) {
        // As the trigger words it (0017): the transaction id differs for every commit.
        const QByteArray payload = R"({"p": [{"a": {"c": null, "p": )" + QByteArray::number(100 + i)
            + R"(, "r": null, "s": true}, "b": {"c": null, "p": 99, "r": null, "s": true}, )"
              R"("n": false, "t": false, "id": ")"
            + kMug.toLatin1() + R"("}], "x": ")" + QByteArray::number(5000 + i) + R"("})";
        const CatalogChange change = CatalogChange::fromPayload(payload);
        QVERIFY(!change.everything);
        QVERIFY(change.source.startsWith(QByteArray(QByteArray::number(5000 + i) + ':')));
        for (int c = 0; c < 3; ++c) {
            caches[c]->invalidate(change);
        }
        QCOMPARE(sequence(), start + i + 1);
    }
    // Each instance's memory heard every change all the same.
    for (int c = 0; c < 3; ++c) {
        QVERIFY(!caches[c]->find(mugKey));
    }
    // The fourth, which heard none of them yet, is still served the pen from Redis, and not the
    // mug: the 30 changes logged since the pen was read are few enough to check.
    QCOMPARE(caches[3]->fetch(penKey).value_or(QByteArray()), QByteArray("pen"));
    QVERIFY(!caches[3]->fetch(mugKey));

    // An instance's own staff change has no transaction id: logged by each that applies it.
    const ProductFacts before {std::nullopt, 99, true, {}};
    ProductFacts after = before;
    after.price = 98;
    const CatalogChange own = CatalogChange::of({ProductChange {pen, before, after}});
    QVERIFY(own.source.isEmpty());
    caches[0]->invalidate(own);
    caches[1]->invalidate(own);
    QCOMPARE(sequence(), start + 32);
}

void TestRedisCache::cartFromRedisAndInvalidated()
{
    const Customer ada = signUp(*m_a, QStringLiteral("ada.cart@redis.test"));
    QVERIFY(!ada.token.isEmpty());
    auto shared = Redis::Client::forConfig(configFor(testRedisUrl(), m_prefix));
    QVERIFY(shared);

    QCOMPARE(call(*m_a, "POST", "/api/cart/items", ada,
                  {{QStringLiteral("product_id"), kPen}, {QStringLiteral("quantity"), 2}})
                 .status,
             201);
    const quint64 hitsBefore = shared->stats().cart.hits;
    const HttpReply first = call(*m_a, "GET", "/api/cart", ada);
    QCOMPARE(first.status, 200);
    const HttpReply second = call(*m_b, "GET", "/api/cart", ada); // the other instance
    QCOMPARE(second.status, 200);
    QCOMPARE(second.body, first.body);
    QVERIFY(shared->stats().cart.hits > hitsBefore);
    QCOMPARE(keys(*shared, "user:" + ada.id.toLatin1() + ":cart").size(), 1);
    auto ttl =
        shared->command({"TTL", shared->key(QByteArray("user:" + ada.id.toLatin1() + ":cart"))});
    SHOP_VERIFY_OK(ttl);
    QVERIFY(ttl->integer > 800 && ttl->integer <= 900);

    const auto quantity = [](const HttpReply &reply) {
        const QJsonArray items = reply.json()[u"items"].toArray();
        return items.isEmpty() ? 0 : items.first()[u"quantity"].toInt();
    };
    QCOMPARE(quantity(second), 2);
    // Every change shows at once, through either instance.
    QCOMPARE(call(*m_b, "POST", "/api/cart/items", ada,
                  {{QStringLiteral("product_id"), kPen}, {QStringLiteral("quantity"), 3}})
                 .status,
             201);
    QCOMPARE(quantity(call(*m_a, "GET", "/api/cart", ada)), 5);
    const QString lineId =
        call(*m_a, "GET", "/api/cart", ada).json()[u"items"].toArray().first()[u"id"].toString();
    QCOMPARE(call(*m_a, "PUT", "/api/cart/items/" + lineId.toLatin1(), ada,
                  {{QStringLiteral("quantity"), 7}})
                 .status,
             200);
    QCOMPARE(quantity(call(*m_b, "GET", "/api/cart", ada)), 7);

    // A price change reaches cached carts through the catalog generation.
    QVERIFY(sql(QStringLiteral("UPDATE products SET price = 150 WHERE id = $1"), {kPen}));
    QTRY_COMPARE_WITH_TIMEOUT(call(*m_b, "GET", "/api/cart", ada)
                                  .json()[u"items"]
                                  .toArray()
                                  .first()[u"unit_price"]
                                  .toInteger(),
                              150, 5000);

    QCOMPARE(call(*m_a, "DELETE", "/api/cart", ada).status, 204);
    QCOMPARE(quantity(call(*m_b, "GET", "/api/cart", ada)), 0);
}

void TestRedisCache::staleCartWriteIsNeverServed()
{
    auto client = clientFor(testRedisUrl(), uniquePrefix("cart"));
    Redis::CartCache cache(client);
    const QString user = QStringLiteral("30000000-0000-4000-8000-000000000001");
    const Redis::CartCache::Lookup before = cache.find(user, "-");
    QVERIFY(!before.value);
    QVERIFY(!before.stamp.isEmpty());
    cache.invalidate(user); // a cart change committed meanwhile
    cache.store(user, "-", before.stamp, "stale cart");
    QVERIFY(!cache.find(user, "-").value);

    const Redis::CartCache::Lookup now = cache.find(user, "-");
    cache.store(user, "-", now.stamp, "cart");
    QCOMPARE(cache.find(user, "-").value.value_or(QByteArray()), QByteArray("cart"));
    QVERIFY(!cache.find(user, "d:US:NY").value); // another tax choice
    // A catalog change (the generation) leaves cached carts behind too.
    SHOP_VERIFY_OK(client->command({"INCR", client->key("catalog:generation")}));
    QVERIFY(!cache.find(user, "-").value);
}

void TestRedisCache::redisKilledUnderLoad()
{
    OwnRedis redis;
    QVERIFY(redis.start());
    const QByteArray prefix = uniquePrefix("killed");
    TestServer server(configFor(redis.url(), prefix));
    QVERIFY2(server.isRunning(), qPrintable(server.errorString()));
    const Customer bob = signUp(server, QStringLiteral("bob.killed@redis.test"));
    QVERIFY(!bob.token.isEmpty());
    // A fresh client for each look (one that saw Redis die would log its own "back").
    const auto catalogKeysInRedis = [&] {
        auto look = clientFor(redis.url(), prefix);
        return keys(*look, "catalog:*");
    };

    const int downBefore = LogCounter::down.load();
    const int backBefore = LogCounter::back.load();
    const QList<QByteArray> paths {"/api/products/" + kMug.toLatin1(),
                                   "/api/products?limit=3&search=pen", "/api/categories",
                                   "/api/products?page=2&limit=1"};
    int requests = 0;
    int serverErrors = 0;
    QByteArrayList failures;
    const auto round = [&](int n) {
        for (int i = 0; i < n; ++i) {
            // Some answers from memory, some new to this server (Redis, then the database).
            const QByteArray fresh =
                "/api/products?limit=2&page=" + QByteArray::number(requests % 40 + 1);
            const HttpReply reply = i % 5 == 4 ? call(server, "GET", "/api/cart", bob)
                : i % 5 == 3                   ? server.get(fresh)
                                               : server.get(paths.at(i % paths.size()));
            ++requests;
            if (reply.status >= 500 || reply.status == 0) {
                ++serverErrors;
                failures.append(QByteArray::number(reply.status) + ' ' + reply.body.left(200));
            }
        }
        // A failed login counts against the (Redis, else local) login limits: 401, then 429
        // once the account's limit tripped; never 5xx.
        const HttpReply login =
            server.request("POST", "/api/auth/login", {{"Content-Type", "application/json"}},
                           json({{QStringLiteral("email"), QStringLiteral("bob.killed@redis.test")},
                                 {QStringLiteral("password"), QStringLiteral("wrong password 1")}}),
                           60000);
        ++requests;
        if (login.status != 401 && login.status != 429) {
            ++serverErrors;
            failures.append("login " + QByteArray::number(login.status));
        }
    };

    round(40);
    QVERIFY(!catalogKeysInRedis().isEmpty()); // Redis holds the catalog

    redis.stop(); // SIGKILL
    for (int r = 0; r < 6; ++r) {
        round(30);
        QTest::qWait(100);
    }
    QCOMPARE(LogCounter::down.load() - downBefore, 1);

    QVERIFY(redis.start()); // empty: no persistence
    // The cache comes back by itself.
    QTRY_VERIFY_WITH_TIMEOUT((round(5), !catalogKeysInRedis().isEmpty()), 30000);
    round(20);
    QCOMPARE(LogCounter::back.load() - backBefore, 1);
    QCOMPARE(LogCounter::down.load() - downBefore, 1);
    QVERIFY2(serverErrors == 0, failures.join('\n').constData());
    qInfo("%d requests, %d answered 5xx, Redis killed and restarted in between", requests,
          serverErrors);
}

QTEST_GUILESS_MAIN(TestRedisCache)
#include "tst_rediscache.moc"
