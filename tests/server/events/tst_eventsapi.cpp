// The staff's live feed (GET /api/admin/events) against whole shop-servers on one database, on
// real sockets:
// - 401 without credentials, 403 for a customer; the answer's head (text/event-stream, no
//   Content-Length, no-store, X-Accel-Buffering: no) and its first "retry: 2000";
// - an order placed through instance A reaches a stream on instance B within one second, then its
//   payment (order.paid with from/to) and the staff's status change through A
//   (order.status_changed), then dashboard.changed;
// - a reconnect with Last-Event-ID (on the other instance) replays exactly what was written while
//   disconnected, in id order, without duplicates, then goes on live;
// - an id older than what is kept, a malformed one, or one never issued: reset first;
// - the cap on open streams (503 + Retry-After), freed when a client disconnects mid-stream;
// - a revoked session ends its stream; a server that shuts down closes its streams.

#include "../orders/orderfixture.h"
#include "resultcheck.h"
#include "sseclient.h"

#include "http/httpserver.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTest>

using namespace Shop;
using namespace Shop::Tests;

class TestEventsApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void refusesAnonymousAndCustomers();
    void orderOnAReachesStreamOnB();
    void resumeWithLastEventIdMissesNothing();
    void tooOldOrUnknownIdsReset();
    void capAndDisconnectMidStream();
    void revokedSessionEndsStream();
    void shutdownClosesStreams();

private:
    [[nodiscard]] Headers adminHeaders(const QByteArray &lastEventId = {}) const
    {
        Headers headers {{"Authorization", "Bearer " + m_admin.token}};
        if (!lastEventId.isEmpty()) {
            headers.append({"Last-Event-ID", lastEventId});
        }
        return headers;
    }
    // Places an order of one unit through instance A; its id.
    QString placeOrder()
    {
        const QString product = m_fixture.product(1250, 100);
        m_fixture.addToCart(m_customer, product, 1);
        const HttpReply reply =
            m_fixture.placeOrder(m_customer, QUuid::createUuid().toString(QUuid::Id128).toLatin1());
        if (reply.status != 201) {
            qWarning() << "placing an order:" << reply.status << reply.body;
            return {};
        }
        return reply.json()[u"id"].toString();
    }
    bool setStatus(const QString &orderId, const QString &status)
    {
        const HttpReply reply =
            m_fixture.call("PUT", "/api/admin/orders/" + orderId.toLatin1() + "/status", m_admin,
                           {{QStringLiteral("status"), status}});
        if (reply.status != 200) {
            qWarning() << "status change:" << reply.status << reply.body;
        }
        return reply.status == 200;
    }
    [[nodiscard]] QList<qint64> idsAfter(qint64 id) const
    {
        QList<qint64> ids;
        auto db = Db::threadConnection();
        if (!db) {
            return ids;
        }
        auto q = Db::exec(
            *db, QStringLiteral("SELECT id FROM admin_events WHERE id > ? ORDER BY id"), {id});
        while (q && q->next()) {
            ids.append(q->value(0).toLongLong());
        }
        return ids;
    }

    OrderFixture m_fixture;
    Server::ServerConfig m_configB;
    std::unique_ptr<TestServer> m_b;
    Customer m_admin;
    Customer m_customer;
};

void TestEventsApi::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("shop.http.access.info=false"));
    const QString error = m_fixture.start(
        2, [](Server::ServerConfig &config, const QString &) { config.events.maxClients = 3; });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto database = Server::DatabaseConfig::fromUrl(m_fixture.databaseUrl());
    SHOP_VERIFY_OK(database);
    m_configB.database = *database;
    m_configB.database.poolSize = 2;
    m_configB.auth.signingKeys = QStringLiteral("test:") + OrderFixture::kSecretB64;
    m_configB.jobs.workers = 0;
    m_configB.events.maxClients = 3;
    m_b = std::make_unique<TestServer>(m_configB);
    QVERIFY2(m_b->isRunning(), qPrintable(m_b->errorString()));
    m_admin = m_fixture.customer(QStringLiteral("admin"));
    m_customer = m_fixture.customer();
}

void TestEventsApi::cleanupTestCase()
{
    m_b.reset();
    m_fixture.stop();
}

void TestEventsApi::refusesAnonymousAndCustomers()
{
    for (const QByteArray path :
         {QByteArrayLiteral("/api/admin/events"), QByteArrayLiteral("/api/admin/dashboard")}) {
        SseClient anonymous(m_b->port(), path);
        QCOMPARE(anonymous.status, 401);
        QVERIFY(anonymous.header("content-type").startsWith("application/problem+json"));
        SseClient customer(m_b->port(), path, {{"Authorization", "Bearer " + m_customer.token}});
        QCOMPARE(customer.status, 403);
        SseClient garbage(m_b->port(), path, {{"Authorization", "Bearer not-a-token"}});
        QCOMPARE(garbage.status, 401);
    }
}

void TestEventsApi::orderOnAReachesStreamOnB()
{
    SseClient stream(m_b->port(), "/api/admin/events", adminHeaders());
    QCOMPARE(stream.status, 200);
    QCOMPARE(stream.header("content-type"), QByteArrayLiteral("text/event-stream"));
    QCOMPARE(stream.header("cache-control"), QByteArrayLiteral("no-store"));
    QCOMPARE(stream.header("x-accel-buffering"), QByteArrayLiteral("no"));
    QCOMPARE(stream.header("connection"), QByteArrayLiteral("close"));
    QVERIFY(!stream.hasHeader("content-length"));
    stream.pump(200);

    const QString orderId = placeOrder();
    QVERIFY(!orderId.isEmpty());
    QElapsedTimer sinceCommit; // the answer comes after the commit
    sinceCommit.start();
    SseEvent placed;
    QVERIFY(stream.nextOfType("order.placed", placed, 10000));
    const qint64 latency = sinceCommit.elapsed();
    QCOMPARE(stream.retryMs, 2000);
    qInfo("order.placed reached the other instance %lld ms after the answer", latency);
    QVERIFY2(latency < 1000, qPrintable(QString::number(latency)));
    QVERIFY(!placed.id.isEmpty());
    const QJsonObject data = placed.json();
    QCOMPARE(data[u"order_id"].toString(), orderId);
    QCOMPARE(data[u"status"].toString(), QStringLiteral("pending"));
    QCOMPARE(data[u"customer_email"].toString(), m_customer.email);
    QVERIFY(data[u"order_number"].toString().size() > 0);
    QVERIFY(data[u"total"][u"amount"].toInteger() >= 1250);
    QCOMPARE(data[u"total"][u"currency"].toString(), QStringLiteral("USD"));
    QVERIFY(data[u"created_at"].toString().endsWith(u'Z'));
    QVERIFY(!placed.data.contains('\n'));

    // Paid as the payments module marks it (staff may not): a plain committed UPDATE, whose
    // event the trigger announces with its own NOTIFY.
    QVERIFY(m_fixture.exec(QStringLiteral("UPDATE orders SET status = 'paid' WHERE id = ?::uuid"),
                           {orderId}));
    SseEvent paid;
    QVERIFY(stream.nextOfType("order.paid", paid, 10000));
    QVERIFY(paid.id.toLongLong() > placed.id.toLongLong());
    QCOMPARE(paid.json()[u"from"].toString(), QStringLiteral("pending"));
    QCOMPARE(paid.json()[u"to"].toString(), QStringLiteral("paid"));
    QCOMPARE(paid.json()[u"order_id"].toString(), orderId);
    QVERIFY(setStatus(orderId, QStringLiteral("processing"))); // staff, through A
    SseEvent moved;
    QVERIFY(stream.nextOfType("order.status_changed", moved, 10000));
    QCOMPARE(moved.json()[u"from"].toString(), QStringLiteral("paid"));
    QCOMPARE(moved.json()[u"to"].toString(), QStringLiteral("processing"));
    QVERIFY(moved.id.toLongLong() > paid.id.toLongLong());
    SseEvent hint;
    QVERIFY(stream.nextOfType("dashboard.changed", hint, 10000));
    QVERIFY(hint.id.isEmpty());
    QCOMPARE(hint.data, QByteArrayLiteral("{}"));
}

void TestEventsApi::resumeWithLastEventIdMissesNothing()
{
    qint64 lastSeen = 0;
    {
        SseClient stream(m_b->port(), "/api/admin/events", adminHeaders());
        QCOMPARE(stream.status, 200);
        QVERIFY(!placeOrder().isEmpty());
        SseEvent placed;
        QVERIFY(stream.nextOfType("order.placed", placed, 10000));
        lastSeen = placed.id.toLongLong();
        stream.disconnect();
    }
    // While disconnected: two orders, one cancelled, a catalog change.
    const QString first = placeOrder();
    const QString second = placeOrder();
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    QVERIFY(setStatus(first, QStringLiteral("cancelled")));
    const QList<qint64> expected = idsAfter(lastSeen);
    QVERIFY2(expected.size() >= 4, qPrintable(QString::number(expected.size())));

    // Resume on the other instance.
    SseClient resumed(m_fixture.server().port(), "/api/admin/events",
                      adminHeaders(QByteArray::number(lastSeen)));
    QCOMPARE(resumed.status, 200);
    QList<qint64> got;
    QStringList types;
    SseEvent event;
    while (got.size() < expected.size() && resumed.next(event, 10000)) {
        if (event.id.isEmpty()) {
            QVERIFY2(event.type == "dashboard.changed", event.type.constData());
            continue;
        }
        got.append(event.id.toLongLong());
        types.append(QString::fromLatin1(event.type));
    }
    QCOMPARE(got, expected);
    QVERIFY(types.contains(QStringLiteral("order.cancelled")));
    QCOMPARE(types.count(QStringLiteral("order.placed")), 2);

    // Then live, after the replay, never repeating an id.
    QVERIFY(!placeOrder().isEmpty());
    SseEvent live;
    QVERIFY(resumed.nextOfType("order.placed", live, 10000));
    QVERIFY(live.id.toLongLong() > expected.last());
    for (const SseEvent &skipped : resumed.skipped()) {
        QVERIFY(skipped.id.isEmpty() || skipped.id.toLongLong() > expected.last());
    }
}

void TestEventsApi::tooOldOrUnknownIdsReset()
{
    QVERIFY(!placeOrder().isEmpty());
    // Everything written so far is pruned (a retention of 0).
    QVERIFY(m_fixture.exec(QStringLiteral("SELECT shop_admin_events_prune('0 seconds')")));
    QVERIFY(m_fixture.scalar(QStringLiteral("SELECT pruned_through FROM admin_events_state")) > 1);
    for (const QByteArray id :
         {QByteArrayLiteral("1"), QByteArrayLiteral("banana"), QByteArrayLiteral("900000000000")}) {
        SseClient stream(m_b->port(), "/api/admin/events", adminHeaders(id));
        QCOMPARE(stream.status, 200);
        SseEvent first;
        QVERIFY(stream.next(first, 10000));
        QCOMPARE(first.type, QByteArrayLiteral("reset"));
        QVERIFY(first.id.isEmpty());
        // Live afterwards.
        QVERIFY(!placeOrder().isEmpty());
        SseEvent placed;
        QVERIFY(stream.nextOfType("order.placed", placed, 10000));
    }
}

void TestEventsApi::capAndDisconnectMidStream()
{
    QVERIFY(m_b->waitForOpenConnections(0, 10000));
    QTest::qWait(300); // the streams of earlier tests give their places back
    std::vector<std::unique_ptr<SseClient>> streams;
    for (int i = 0; i < 3; ++i) {
        streams.push_back(
            std::make_unique<SseClient>(m_b->port(), "/api/admin/events", adminHeaders()));
        QCOMPARE(streams.back()->status, 200);
    }
    {
        SseClient refused(m_b->port(), "/api/admin/events", adminHeaders());
        QCOMPARE(refused.status, 503);
        QVERIFY(!refused.header("retry-after").isEmpty());
        QVERIFY(refused.header("content-type").startsWith("application/problem+json"));
    }
    // One client goes away mid-stream (no FIN handshake courtesy: an abort), while events flow.
    QVERIFY(!placeOrder().isEmpty());
    streams.front()->disconnect();
    streams.erase(streams.begin());
    QVERIFY(!placeOrder().isEmpty());
    for (auto &stream : streams) {
        SseEvent placed;
        QVERIFY(stream->nextOfType("order.placed", placed, 10000));
    }
    // Its place is free again.
    bool reopened = false;
    for (int attempt = 0; attempt < 50 && !reopened; ++attempt) {
        SseClient again(m_b->port(), "/api/admin/events", adminHeaders());
        reopened = again.status == 200;
        if (!reopened) {
            QTest::qWait(100);
        }
    }
    QVERIFY(reopened);
    streams.clear();
    QVERIFY(m_b->waitForOpenConnections(0, 10000));
}

void TestEventsApi::revokedSessionEndsStream()
{
    const QString sessionId = m_fixture.scalarText(
        QStringLiteral("INSERT INTO sessions (user_id, expires_at) VALUES (?::uuid, now() + "
                       "interval '1 day') RETURNING id"),
        {m_admin.id});
    QVERIFY(!sessionId.isEmpty());
    auto codec = Auth::JwtCodec::create(
        {{QStringLiteral("test"), QByteArray::fromBase64(OrderFixture::kSecretB64.toLatin1())}},
        QStringLiteral("test"),
        {QStringLiteral("shop"), QStringLiteral("shop-api"), std::chrono::seconds(30)});
    SHOP_VERIFY_OK(codec);
    Auth::TokenClaims claims;
    claims.subject = m_admin.id;
    claims.sessionId = sessionId;
    claims.type = QStringLiteral("access");
    claims.role = QStringLiteral("admin");
    claims.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    SseClient stream(m_b->port(), "/api/admin/events",
                     {{"Authorization", "Bearer " + codec->sign(claims)}});
    QCOMPARE(stream.status, 200);
    stream.pump(500);
    QVERIFY(!stream.isClosed());
    QVERIFY(m_fixture.exec(QStringLiteral("UPDATE sessions SET revoked_at = now(), "
                                          "revoked_reason = 'test' WHERE id = ?::uuid"),
                           {sessionId}));
    QVERIFY(stream.waitForClosed(30000));
}

void TestEventsApi::shutdownClosesStreams()
{
    auto c = std::make_unique<TestServer>(m_configB);
    QVERIFY2(c->isRunning(), qPrintable(c->errorString()));
    SseClient stream(c->port(), "/api/admin/events", adminHeaders());
    QCOMPARE(stream.status, 200);
    stream.pump(200);
    c->runInServerThread([&c] { c->http()->shutdown(); });
    QVERIFY(stream.waitForClosed(15000));
    QVERIFY(c->waitForOpenConnections(0, 10000));
    c.reset();
}

QTEST_GUILESS_MAIN(TestEventsApi)
#include "tst_eventsapi.moc"
