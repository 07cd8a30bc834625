// The staff's catalog changes seen by a second server instance on the same database: two whole
// shop-servers (each with its own catalog cache and NOTIFY listener) on real sockets.
// - a product deactivated through instance A disappears from instance B's (cached) catalog, and a
//   restore brings it back, within the notification's delay (measured, asserted under 5 s);
// - a price changed through A shows on B the same way, and drops only the answers it alters: on
//   both instances another product's detail, a search that does not show it and the category tree
//   stay cached, while the search showing it and the list by price are computed again;
// - the ETag is the same on both, and If-Match works across them (read on B, write on A; a stale
//   tag on B is 412).

#include "auth/jwt.h"
#include "db/database.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Shop;
using namespace Shop::Tests;

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

const QString kSecretB64 = QStringLiteral("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestAdminCatalogReplicas final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void softDeleteReachesTheOtherInstance();
    void priceChangeReachesTheOtherInstance();
    void priceChangeKeepsTheRestCached();
    void ifMatchAcrossInstances();

private:
    HttpReply send(TestServer &server, const QByteArray &method, const QByteArray &path,
                   const QJsonObject &body = {}, const Headers &extra = {}) const
    {
        Headers headers {{"Authorization", "Bearer " + m_adminToken}};
        headers += extra;
        if (method == "POST" || method == "PUT") {
            headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
            return server.request(method, path, headers, json(body), 60000);
        }
        return server.request(method, path, headers, {}, 60000);
    }

    QJsonObject productBody(qint64 price) const
    {
        return {{QStringLiteral("sku"), m_sku},
                {QStringLiteral("name"), QStringLiteral("Replicated kettle")},
                {QStringLiteral("price"), price}};
    }

    // Waits until `path` on `server` answers `status` (and, for 200, the price): the elapsed ms,
    // or -1 after 5 s.
    qint64 waitFor(TestServer &server, const QByteArray &path, int status, qint64 price = -1)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 5000) {
            const HttpReply reply = server.get(path);
            if (reply.status == status
                && (price < 0 || reply.json()[u"price"].toInteger() == price)) {
                return timer.elapsed();
            }
            QTest::qWait(5);
        }
        return -1;
    }

    // B answers the product from its cache (so a change must reach it to be seen).
    void cacheOnB(const QByteArray &path)
    {
        QCOMPARE(m_b->get(path).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(m_b->get(path).header("x-cache"), QByteArrayLiteral("HIT"),
                                  10000);
    }

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_a;
    std::unique_ptr<TestServer> m_b;
    QByteArray m_adminToken;
    QString m_sku;
    QByteArray m_path; // /api/products/<id>
    QByteArray m_id;
};

void TestAdminCatalogReplicas::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("shop.http.access.info=false"));
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
    Server::ServerConfig config;
    config.database = m_db->config();
    config.database.poolSize = 2;
    config.auth.signingKeys = QStringLiteral("test:") + kSecretB64;
    config.jobs.workers = 0;
    m_a = std::make_unique<TestServer>(config);
    QVERIFY2(m_a->isRunning(), qPrintable(m_a->errorString()));
    m_b = std::make_unique<TestServer>(config);
    QVERIFY2(m_b->isRunning(), qPrintable(m_b->errorString()));

    auto connection = Db::threadConnection();
    SHOP_VERIFY_OK(connection);
    auto q = Db::exec(*connection,
                      QStringLiteral("INSERT INTO users (email, password_hash, first_name, "
                                     "last_name, role) VALUES ('admin@replicas.test', "
                                     "'unusable', 'Ada', 'Admin', 'admin') RETURNING id"));
    SHOP_VERIFY_OK(q);
    QVERIFY(q->next());
    const QString adminId = q->value(0).toString();
    auto codec = Auth::JwtCodec::create(
        {{QStringLiteral("test"), QByteArray::fromBase64(kSecretB64.toLatin1())}},
        QStringLiteral("test"),
        {QStringLiteral("shop"), QStringLiteral("shop-api"), std::chrono::seconds(30)});
    SHOP_VERIFY_OK(codec);
    Auth::TokenClaims claims;
    claims.subject = adminId;
    claims.sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    claims.type = QStringLiteral("access");
    claims.role = QStringLiteral("admin");
    claims.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    m_adminToken = codec->sign(claims);

    m_sku = QStringLiteral("REPLICA-1");
    const HttpReply created = send(*m_a, "POST", "/api/products", productBody(1000));
    QVERIFY2(created.status == 201, created.body.constData());
    m_id = created.json()[u"id"].toString().toLatin1();
    m_path = "/api/products/" + m_id;
}

void TestAdminCatalogReplicas::cleanupTestCase()
{
    m_b.reset();
    m_a.reset();
    m_db.reset();
}

void TestAdminCatalogReplicas::softDeleteReachesTheOtherInstance()
{
    for (int round = 0; round < 5; ++round) {
        cacheOnB(m_path);
        QCOMPARE(send(*m_a, "DELETE", m_path).status, 200);
        QCOMPARE(m_a->get(m_path).status, 404); // the writer: at once
        const qint64 hidden = waitFor(*m_b, m_path, 404);
        QVERIFY2(hidden >= 0, "instance B still shows the deleted product after 5 s");
        QCOMPARE(m_b->get("/api/products?search=kettle").json()[u"total"].toInt(), 0);

        QCOMPARE(send(*m_a, "POST", "/api/admin/products/" + m_id + "/restore").status, 200);
        QCOMPARE(m_a->get(m_path).status, 200);
        const qint64 shown = waitFor(*m_b, m_path, 200);
        QVERIFY2(shown >= 0, "instance B does not show the restored product after 5 s");
        qInfo("round %d: deletion seen by B after %lld ms, restore after %lld ms", round, hidden,
              shown);
    }
}

void TestAdminCatalogReplicas::priceChangeReachesTheOtherInstance()
{
    for (qint64 price = 2000; price < 2005; ++price) {
        cacheOnB(m_path);
        QCOMPARE(send(*m_a, "PUT", m_path, productBody(price)).status, 200);
        QCOMPARE(m_a->get(m_path).json()[u"price"].toInteger(), price);
        const qint64 seen = waitFor(*m_b, m_path, 200, price);
        QVERIFY2(seen >= 0, "instance B still shows the old price after 5 s");
        qInfo("price %lld seen by B after %lld ms", price, seen);
    }
}

void TestAdminCatalogReplicas::priceChangeKeepsTheRestCached()
{
    const HttpReply other = send(*m_a, "POST", "/api/products",
                                 {{QStringLiteral("sku"), QStringLiteral("REPLICA-2")},
                                  {QStringLiteral("name"), QStringLiteral("Other teapot")},
                                  {QStringLiteral("price"), 5000}});
    QVERIFY2(other.status == 201, other.body.constData());
    const QByteArray otherPath = "/api/products/" + other.json()[u"id"].toString().toLatin1();
    // B heard of the new product (which drops the lists) before anything is cached.
    QVERIFY(waitFor(*m_b, "/api/products?search=teapot", 200) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_b->get("/api/products?search=teapot").json()[u"total"].toInt(), 1,
                              5000);
    const QByteArrayList kept {otherPath, "/api/products?search=teapot", "/api/categories",
                               "/api/products?sort=newest&limit=1"}; // the teapot, newer
    const QByteArrayList altered {"/api/products?search=kettle", "/api/products?sort=price_asc"};
    for (TestServer *server : {m_a.get(), m_b.get()}) {
        for (const QByteArray &path : kept + altered) {
            QCOMPARE(server->get(path).status, 200);
            QTRY_COMPARE_WITH_TIMEOUT(server->get(path).header("x-cache"), QByteArray("HIT"),
                                      10000);
        }
    }
    QCOMPARE(send(*m_a, "PUT", m_path, productBody(2500)).status, 200);
    QVERIFY2(waitFor(*m_b, m_path, 200, 2500) >= 0, "B still shows the old price after 5 s");
    for (TestServer *server : {m_a.get(), m_b.get()}) {
        for (const QByteArray &path : kept) {
            QVERIFY2(server->get(path).header("x-cache") == "HIT", path.constData());
        }
        for (const QByteArray &path : altered) {
            const HttpReply reply = server->get(path);
            QVERIFY2(reply.header("x-cache") == "MISS", path.constData());
            const QJsonArray items = reply.json()[u"items"].toArray();
            bool found = false;
            for (const QJsonValue &item : items) {
                if (item[u"id"].toString().toLatin1() == m_id) {
                    found = true;
                    QCOMPARE(item[u"price"].toInteger(), 2500);
                }
            }
            QVERIFY2(found, path.constData());
        }
    }
}

void TestAdminCatalogReplicas::ifMatchAcrossInstances()
{
    const HttpReply onA = send(*m_a, "GET", "/api/admin/products/" + m_id);
    const HttpReply onB = send(*m_b, "GET", "/api/admin/products/" + m_id);
    QCOMPARE(onA.status, 200);
    QCOMPARE(onB.header("etag"), onA.header("etag"));
    const QByteArray tag = onB.header("etag");
    const HttpReply changed = send(*m_a, "PUT", m_path, productBody(3000), {{"If-Match", tag}});
    QCOMPARE(changed.status, 200);
    const HttpReply stale = send(*m_b, "PUT", m_path, productBody(3100), {{"If-Match", tag}});
    QCOMPARE(stale.status, 412);
    QCOMPARE(send(*m_b, "GET", "/api/admin/products/" + m_id).json()[u"price"].toInteger(), 3000);
}

QTEST_GUILESS_MAIN(TestAdminCatalogReplicas)
#include "tst_admincatalogreplicas.moc"
