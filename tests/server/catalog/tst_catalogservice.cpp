// CatalogService with the real cache and change listener against PostgreSQL: the JSON it
// produces, the category tree, product and media rules, cache hits, and invalidation when
// another connection commits a change (also across a dropped listener connection).

#include "catalog/catalogservice.h"
#include "catalog/inprocesscatalogcache.h"
#include "catalogfixture.h"
#include "db/database.h"
#include "db/notificationlistener.h"
#include "serialize/catalogjson.h"
#include "sqlsession.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace Shop;
using namespace Shop::Catalog;
using Shop::Db::NotificationListener;
using Shop::Server::CacheConfig;
using Shop::Tests::TestDatabase;

namespace {

// What the routes make of the service: the cached bytes (a hit), or computed ones.
struct Answer
{
    QByteArray body;
    bool fromCache = false;
};

template<typename Cached, typename Compute>
Result<Answer> answer(Cached cached, Compute compute)
{
    if (std::optional<QByteArray> hit = cached()) {
        return Answer {std::move(*hit), true};
    }
    Result<QByteArray> body = compute();
    if (!body) {
        return fail(body.error());
    }
    return Answer {std::move(*body), false};
}

Result<Answer> list(CatalogService &service, const ProductQuery &query)
{
    return answer([&] { return service.cachedProductList(query); },
                  [&] { return service.productList(query); });
}

Result<Answer> product(CatalogService &service, const QString &id)
{
    return answer([&] { return service.cachedProduct(id); }, [&] { return service.product(id); });
}

Result<Answer> categories(CatalogService &service)
{
    return answer([&] { return service.cachedCategories(); }, [&] { return service.categories(); });
}

Result<Answer> brands(CatalogService &service, const BrandQuery &query)
{
    return answer([&] { return service.cachedBrands(query); },
                  [&] { return service.brands(query); });
}

enum class Resource { List, SearchList, Product, Categories, Brands };

QJsonValue parse(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning() << "not JSON:" << error.errorString() << body.left(200);
        return {};
    }
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

Category category(const char *id, const char *slug, const char *parent = nullptr)
{
    Category c;
    c.id = *CategoryId::parse(
        QStringLiteral("10000000-0000-0000-0000-00000000%1").arg(QString::fromLatin1(id)));
    c.slug = QString::fromLatin1(slug);
    c.name = c.slug;
    if (parent) {
        c.parentId = *CategoryId::parse(
            QStringLiteral("10000000-0000-0000-0000-00000000%1").arg(QString::fromLatin1(parent)));
    }
    return c;
}

QString outline(const QList<Category> &tree)
{
    QStringList parts;
    for (const Category &c : tree) {
        parts << (c.children.isEmpty() ? c.slug : c.slug + u'(' + outline(c.children) + u')');
    }
    return parts.join(u' ');
}

} // namespace

Q_DECLARE_METATYPE(Resource)
Q_DECLARE_METATYPE(Shop::Category)

class TestCatalogService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void productListJson();
    void productJson_data();
    void productJson();
    void categoriesTree();
    void buildTree_data();
    void buildTree();
    void media_data();
    void media();

    void cachedUntilChanged_data();
    void cachedUntilChanged();
    void staleAfterDroppedListenerConnectionIsNotServed();
    void noCacheWhileListenerIsStopped();
    void countSharedAcrossPagesAndOrders();
    void concurrentMissesAgree();
    void disabledCacheAlwaysReads();

private:
    [[nodiscard]] Result<Answer> fetch(Resource resource);
    [[nodiscard]] bool reseed();
    // Waits until the listener has handled every change committed so far (notifications arrive
    // in commit order, so a marker sent now arrives after them), so that a late invalidation
    // from an earlier test cannot hit this one.
    [[nodiscard]] bool settle();

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Tests::SqlSession> m_writer;
    std::shared_ptr<InProcessCatalogCache> m_cache;
    std::unique_ptr<NotificationListener> m_listener;
    std::unique_ptr<CatalogService> m_service;
    QObject m_receiver;
    QStringList m_notified;
    int m_markers = 0;
};

void TestCatalogService::initTestCase()
{
    const auto ready = Tests::createCatalogDatabase(m_db, m_writer, false); // reseed() below
    QVERIFY2(ready, WHY(ready));
    QVERIFY(reseed());

    // Wired as CatalogModule wires them; a slow heartbeat so that a dropped
    // connection stays unnoticed for a while.
    m_cache = std::make_shared<InProcessCatalogCache>(1000);
    const auto cache = m_cache;
    m_listener = std::make_unique<NotificationListener>(
        m_db->config(), QStringLiteral("shop_catalog_changed"),
        NotificationListener::Callbacks {
            .notified = [cache](const QString &) { cache->invalidateAll(); },
            .connectedChanged = [cache](bool connected) { cache->setLive(connected); },
        },
        std::chrono::seconds(1));
    connect(m_listener.get(), &NotificationListener::notified, &m_receiver,
            [this](const QString &payload) { m_notified << payload; });
    m_listener->start();
    m_service = std::make_unique<CatalogService>(m_cache, CacheConfig {});
    QTRY_VERIFY_WITH_TIMEOUT(m_cache->isLive(), 10000);
}

void TestCatalogService::init()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_cache->isLive(), 10000);
    QVERIFY(settle());
}

void TestCatalogService::cleanupTestCase()
{
    m_listener.reset();
    m_service.reset();
    m_writer.reset();
    m_db.reset();
}

bool TestCatalogService::settle()
{
    const QString marker = QStringLiteral("marker-%1").arg(++m_markers);
    QSqlQuery q(m_writer->database());
    if (!q.prepare(QStringLiteral("SELECT pg_notify('shop_catalog_changed', ?)"))) {
        return false;
    }
    q.addBindValue(marker);
    if (!q.exec()) {
        qWarning() << q.lastError().text();
        return false;
    }
    return QTest::qWaitFor([&] { return m_notified.contains(marker); }, 10000);
}

bool TestCatalogService::reseed()
{
    const QString error = Tests::seedCatalogFixture(m_writer->database());
    if (!error.isEmpty()) {
        qWarning() << error;
    }
    return error.isEmpty();
}

Result<Answer> TestCatalogService::fetch(Resource resource)
{
    switch (resource) {
    case Resource::List:
        return list(*m_service, *ProductQuery::fromQueryString("limit=5&sort=price_asc"));
    case Resource::SearchList:
        return list(*m_service, *ProductQuery::fromQueryString("search=lapt"));
    case Resource::Product:
        return product(*m_service, Tests::fixtureId(1));
    case Resource::Categories:
        return categories(*m_service);
    case Resource::Brands:
        return brands(*m_service, *BrandQuery::fromQueryString("category=electronics"));
    }
    return fail(Error::internal(QStringLiteral("unknown resource")));
}

void TestCatalogService::productListJson()
{
    const auto body = list(*m_service, *ProductQuery::fromQueryString("limit=2&page=2"));
    QVERIFY2(body, WHY(body));
    QVERIFY(!body->body.contains('\n')); // compact
    const QJsonObject page = parse(body->body).toObject();
    QCOMPARE(page.value(QStringLiteral("page")).toInt(), 2);
    QCOMPARE(page.value(QStringLiteral("limit")).toInt(), 2);
    QCOMPARE(page.value(QStringLiteral("total")).toInt(), 11);
    const QJsonArray items = page.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0)[QStringLiteral("sku")].toString(), QStringLiteral("LAP-3"));
    QCOMPARE(items.at(1)[QStringLiteral("sku")].toString(), QStringLiteral("AUD-1"));
    const auto parsed = Json::productPageFromJson(page);
    QVERIFY2(parsed, WHY(parsed));
    QCOMPARE(parsed->items.at(0).price.minorUnits(), 49900);
    QCOMPARE(parsed->items.at(0).categorySlug, QStringLiteral("laptops"));
}

void TestCatalogService::productJson_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("sku"); // empty: NotFound

    QTest::newRow("active") << Tests::fixtureId(1) << QStringLiteral("LAP-1");
    QTest::newRow("upper-case id") << Tests::fixtureId(11).toUpper() << QStringLiteral("HOM-1");
    QTest::newRow("inactive") << Tests::fixtureId(4) << QString();
    QTest::newRow("unknown") << Tests::fixtureId(0x99) << QString();
    QTest::newRow("malformed") << QStringLiteral("not-a-uuid") << QString();
    QTest::newRow("braced") << u'{' + Tests::fixtureId(1) + u'}' << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("sql") << QStringLiteral("1' OR '1'='1") << QString();
}

void TestCatalogService::productJson()
{
    QFETCH(QString, id);
    QFETCH(QString, sku);

    for (int round = 0; round < 2; ++round) { // the second one from the cache when found
        const auto body = product(*m_service, id);
        if (sku.isEmpty()) {
            QVERIFY(!body);
            QCOMPARE(body.error().code, ErrorCode::NotFound);
            continue;
        }
        QVERIFY2(body, WHY(body));
        QCOMPARE(body->fromCache, round == 1);
        QCOMPARE(parse(body->body)[QStringLiteral("sku")].toString(), sku);
    }
}

void TestCatalogService::categoriesTree()
{
    const auto body = categories(*m_service);
    QVERIFY2(body, WHY(body));
    const QJsonArray roots = parse(body->body).toArray();
    const auto tree = Json::categoriesFromJson(roots);
    QVERIFY2(tree, WHY(tree));
    QCOMPARE(outline(*tree),
             QStringLiteral("electronics(audio computers(laptops tablets)) "
                            "garden home(kitchen)"));
    QStringList counts;
    const std::function<void(const QList<Category> &)> collect = [&](const QList<Category> &list) {
        for (const Category &c : list) {
            counts << c.slug + u'=' + QString::number(c.productCount);
            collect(c.children);
        }
    };
    collect(*tree);
    QCOMPARE(counts,
             QStringList({QStringLiteral("electronics=6"), QStringLiteral("audio=2"),
                          QStringLiteral("computers=4"), QStringLiteral("laptops=3"),
                          QStringLiteral("tablets=0"), QStringLiteral("garden=0"),
                          QStringLiteral("home=4"), QStringLiteral("kitchen=3")}));
}

void TestCatalogService::buildTree_data()
{
    QTest::addColumn<QList<Category>>("flat");
    QTest::addColumn<QString>("outline");

    QTest::newRow("empty") << QList<Category>() << QString();
    QTest::newRow("flat roots") << QList<Category> {category("0001", "b"), category("0002", "a")}
                                << QStringLiteral("b a"); // the given order is kept
    QTest::newRow("nested") << QList<Category> {category("0003", "leaf", "0002"),
                                                category("0001", "root"),
                                                category("0002", "mid", "0001")}
                            << QStringLiteral("root(mid(leaf))");
    QTest::newRow("cycle left out")
        << QList<Category> {category("0001", "root"), category("0002", "x", "0003"),
                            category("0003", "y", "0002"), category("0004", "z", "0003")}
        << QStringLiteral("root");
    QTest::newRow("missing parent becomes a root")
        << QList<Category> {category("0001", "orphan", "0009")} << QStringLiteral("orphan");
}

void TestCatalogService::buildTree()
{
    QFETCH(QList<Category>, flat);
    QFETCH(QString, outline);
    QCOMPARE(::outline(CatalogService::buildTree(flat)), outline);
}

void TestCatalogService::media_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("error"); // -1: found

    QTest::newRow("found") << QStringLiteral("products/lap-1.svg") << -1;
    QTest::newRow("unknown") << QStringLiteral("products/none.svg") << int(ErrorCode::NotFound);
    QTest::newRow("upper case") << QStringLiteral("products/LAP-1.svg") << int(ErrorCode::NotFound);
    QTest::newRow("dot dot") << QStringLiteral("../etc/passwd") << int(ErrorCode::BadRequest);
    QTest::newRow("dot dot inside")
        << QStringLiteral("products/../products/lap-1.svg") << int(ErrorCode::BadRequest);
    QTest::newRow("leading slash")
        << QStringLiteral("/products/lap-1.svg") << int(ErrorCode::NotFound);
    QTest::newRow("empty") << QString() << int(ErrorCode::NotFound);
    QTest::newRow("too long") << QString(400, u'a') << int(ErrorCode::NotFound);
    QTest::newRow("quote") << QStringLiteral("products/x'.svg") << int(ErrorCode::NotFound);
}

void TestCatalogService::media()
{
    QFETCH(QString, path);
    QFETCH(int, error);

    const auto file = m_service->media(path);
    if (error < 0) {
        QVERIFY2(file, WHY(file));
        QCOMPARE(file->contentType, QByteArray("image/svg+xml"));
        QCOMPARE(file->data, QByteArray(Tests::kFixtureSvg));
        return;
    }
    QVERIFY(!file);
    QCOMPARE(int(file.error().code), error);
    if (file.error().code == ErrorCode::BadRequest) {
        QCOMPARE(file.error().fieldErrors.value(0).field, QStringLiteral("path"));
    }
}

void TestCatalogService::cachedUntilChanged_data()
{
    QTest::addColumn<Resource>("resource");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");

    QTest::newRow("list: price") << Resource::List
                                 << QStringLiteral(
                                        "UPDATE products SET price = 1 WHERE sku = 'LAP-2'")
                                 << QByteArray("\"sku\":\"NOC-1\"")
                                 << QByteArray("\"sku\":\"LAP-2\"");
    QTest::newRow("search: rename")
        << Resource::SearchList
        << QStringLiteral("UPDATE products SET name = 'Zenbook Laptop 14 Mark II' "
                          "WHERE sku = 'LAP-1'")
        << QByteArray("\"Zenbook Laptop 14\"") << QByteArray("Mark II");
    QTest::newRow("search: new product")
        << Resource::SearchList
        << QStringLiteral("INSERT INTO products (sku, name, price) "
                          "VALUES ('LAP-9', 'Laptop Stand', 2500)")
        << QByteArray("\"total\":4") << QByteArray("\"total\":5");
    QTest::newRow("product: deactivated") << Resource::Product
                                          << QStringLiteral("UPDATE products SET is_active = false "
                                                            "WHERE sku = 'LAP-1'")
                                          << QByteArray("LAP-1") << QByteArray();
    QTest::newRow("product: category renamed")
        << Resource::Product
        << QStringLiteral("UPDATE categories SET name = 'Notebooks' "
                          "WHERE slug = 'laptops'")
        << QByteArray("\"category_name\":\"Laptops\"")
        << QByteArray("\"category_name\":\"Notebooks\"");
    QTest::newRow("categories: product deactivated")
        << Resource::Categories
        << QStringLiteral("UPDATE products SET is_active = false WHERE sku = 'AUD-2'")
        << QByteArray("\"product_count\":6") << QByteArray("\"product_count\":5");
    QTest::newRow("brands: rebranded")
        << Resource::Brands
        << QStringLiteral("UPDATE products SET brand = 'Lenovo' WHERE sku = 'LAP-1'")
        << QByteArray("{\"name\":\"Asus\",\"product_count\":1}")
        << QByteArray("{\"name\":\"Lenovo\",\"product_count\":1}");
    QTest::newRow("brands: product moved out of the category")
        << Resource::Brands
        << QStringLiteral("UPDATE products SET category_id = NULL WHERE sku = 'LAP-2'")
        << QByteArray("{\"name\":\"Acer\",\"product_count\":2}")
        << QByteArray("{\"name\":\"Acer\",\"product_count\":1}");
    QTest::newRow("categories: moved")
        << Resource::Categories
        << QStringLiteral("UPDATE categories SET parent_id = NULL WHERE slug = 'kitchen'")
        << QByteArray("\"product_count\":4,\"slug\":\"home\"")
        << QByteArray("\"parent_id\":null,\"product_count\":3,\"slug\":\"kitchen\"");
}

void TestCatalogService::cachedUntilChanged()
{
    QFETCH(Resource, resource);
    QFETCH(QString, change);
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);

    auto first = fetch(resource);
    QVERIFY2(first, WHY(first));
    QVERIFY(first->body.contains(before));
    auto second = fetch(resource);
    QVERIFY2(second, WHY(second));
    QVERIFY(second->fromCache);
    QCOMPARE(second->body, first->body);

    QVERIFY(m_writer->exec(change)); // another session commits
    if (after.isEmpty()) { // gone
        QTRY_VERIFY_WITH_TIMEOUT(!fetch(resource), 5000);
        QCOMPARE(fetch(resource).error().code, ErrorCode::NotFound);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(fetch(resource).value_or(Answer {}).body.contains(after), 5000);
        // ... and that fresh answer is cached again.
        QTRY_VERIFY(fetch(resource).value_or(Answer {}).fromCache);
    }

    QVERIFY(reseed());
    QTRY_VERIFY_WITH_TIMEOUT(fetch(resource).value_or(Answer {}).body.contains(before), 5000);
}

void TestCatalogService::staleAfterDroppedListenerConnectionIsNotServed()
{
    const auto query = *ProductQuery::fromQueryString("search=desk");
    const auto cached = [&] {
        auto body = list(*m_service, query);
        return body ? body->fromCache : false;
    };
    QVERIFY(list(*m_service, query));
    QVERIFY(cached());
    const int connects = m_listener->connectCount();

    // Kill the listener's session and wait until PostgreSQL has removed it: the change below
    // then notifies nobody, and the heartbeat (1 s) has most likely not noticed yet.
    const int pid = m_listener->backendPid();
    QSqlQuery admin(m_db->maintenance());
    QVERIFY(admin.prepare(QStringLiteral("SELECT pg_terminate_backend(?)")));
    admin.addBindValue(pid);
    QVERIFY(admin.exec());
    QTRY_VERIFY([&] {
        QSqlQuery alive(m_db->maintenance());
        alive.prepare(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"));
        alive.addBindValue(pid);
        return alive.exec() && alive.next() && alive.value(0).toInt() == 0;
    }());
    QVERIFY(m_writer->exec(
        QStringLiteral("UPDATE products SET name = 'Desk Lamp XL' WHERE sku = 'HOM-1'")));

    // The lost notification must not leave the old answer cached: once the listener notices,
    // the cache is bypassed and, reconnected, starts from empty.
    QTRY_VERIFY_WITH_TIMEOUT(
        list(*m_service, query).value_or(Answer {}).body.contains("Desk Lamp XL"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_listener->connectCount(), connects + 1, 10000);
    QTRY_VERIFY(cached());
    QVERIFY(list(*m_service, query)->body.contains("Desk Lamp XL"));
    QVERIFY(reseed());
}

void TestCatalogService::noCacheWhileListenerIsStopped()
{
    const auto query = *ProductQuery::fromQueryString("search=pan");
    QVERIFY(list(*m_service, query));
    QVERIFY(list(*m_service, query)->fromCache);

    m_listener->stop();
    QVERIFY(!m_cache->isLive());
    QVERIFY(!list(*m_service, query)->fromCache);
    QVERIFY(m_writer->exec(QStringLiteral("UPDATE products SET name = 'Cast Iron Pan 30' "
                                          "WHERE sku = 'KIT-2'")));
    // No listener, no notification: visible at once because nothing is served from the cache.
    const auto body = list(*m_service, query);
    QVERIFY2(body, WHY(body));
    QVERIFY(!body->fromCache);
    QVERIFY(body->body.contains("Cast Iron Pan 30"));
    QVERIFY(!m_service->cachedProductList(query));

    m_listener->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_cache->isLive(), 10000);
    QVERIFY(reseed());
}

void TestCatalogService::countSharedAcrossPagesAndOrders()
{
    const auto page1 = *ProductQuery::fromQueryString("category=kitchen&limit=1");
    const auto page2 = *ProductQuery::fromQueryString("category=kitchen&limit=1&page=2");
    const auto byName = *ProductQuery::fromQueryString("category=kitchen&limit=2&sort=name");
    QCOMPARE(CatalogService::productCountKey(page1), CatalogService::productCountKey(page2));
    QCOMPARE(CatalogService::productCountKey(page1), CatalogService::productCountKey(byName));
    QVERIFY(CatalogService::productCountKey(page1)
            != CatalogService::productCountKey(*ProductQuery::fromQueryString("category=home")));

    QTRY_VERIFY([&] {
        const auto body = list(*m_service, page1);
        return body && body->body.contains("\"total\":3")
            && m_cache->find(CatalogService::productCountKey(page1)) == QByteArray("3");
    }());
    // A planted count proves the other pages and orders reuse it instead of counting.
    m_cache->insert(CatalogService::productCountKey(page1), "12345", std::chrono::seconds(60),
                    m_cache->generation());
    for (const ProductQuery &query : {page2, byName}) {
        const auto body = list(*m_service, query);
        QVERIFY2(body, WHY(body));
        QVERIFY2(body->body.contains("\"total\":12345"), body->body.constData());
    }
    m_cache->invalidateAll();
    QVERIFY(list(*m_service, page2)->body.contains("\"total\":3"));
}

void TestCatalogService::concurrentMissesAgree()
{
    // Many workers missing the same key at once (single flight): all get the same answer.
    const auto query = *ProductQuery::fromQueryString("search=knife&sort=price_desc");
    m_cache->invalidateAll();
    std::vector<std::unique_ptr<QThread>> threads;
    QList<QByteArray> bodies(8);
    std::atomic<int> failures {0};
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back(QThread::create([&, i] {
            const auto body = list(*m_service, query);
            if (body) {
                bodies[i] = body->body;
            } else {
                ++failures;
            }
        }));
    }
    for (auto &thread : threads) {
        thread->start();
    }
    for (auto &thread : threads) {
        QVERIFY(thread->wait(30000));
    }
    QCOMPARE(failures.load(), 0);
    for (const QByteArray &body : bodies) {
        QCOMPARE(body, bodies.first());
    }
    QVERIFY(bodies.first().contains("\"total\":2"));
    // (QTRY: a notification from the previous test's reseed may still clear the cache once.)
    QTRY_VERIFY(list(*m_service, query).value_or(Answer {}).fromCache);
}

void TestCatalogService::disabledCacheAlwaysReads()
{
    CacheConfig config;
    config.enabled = false;
    CatalogService service(m_cache, config);
    QVERIFY(!service.cache());
    const auto query = *ProductQuery::fromQueryString("brand=lodge");
    for (int i = 0; i < 2; ++i) {
        const auto body = list(service, query);
        QVERIFY2(body, WHY(body));
        QVERIFY(!body->fromCache);
        QVERIFY(body->body.contains("KIT-2"));
    }
    QVERIFY(!service.cachedProductList(query));
}

QTEST_GUILESS_MAIN(TestCatalogService)
#include "tst_catalogservice.moc"
