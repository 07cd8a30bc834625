#include "client/adminevents.h"
#include "client/apiclient.h"
#include "client/authenticator.h"

#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Shop;
using namespace Shop::Client;

namespace {

// A tiny server on a real socket that speaks the live feed's wire format (docs/events.md) for
// the client's tests: it records each request's headers and answers as the test says.
class FakeEventServer final : public QObject
{
public:
    struct Request
    {
        QByteArray head; // request line and headers
        [[nodiscard]] QByteArray header(const QByteArray &name) const
        {
            for (const QByteArray &line : head.split('\n')) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower()) {
                    return line.mid(colon + 1).trimmed();
                }
            }
            return {};
        }
    };
    // What to answer a request: the status and, for 200, the first bytes of the stream.
    std::function<QByteArray(const Request &)> answer = [](const Request &) {
        return QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                          "Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 50\n\n");
    };
    QList<Request> requests;
    QPointer<QTcpSocket> current;

    FakeEventServer()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto *buffer = new QByteArray;
                connect(socket, &QObject::destroyed, this, [buffer] { delete buffer; });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0 || socket->property("answered").toBool()) {
                        return;
                    }
                    socket->setProperty("answered", true);
                    Request request {buffer->left(end)};
                    requests.append(request);
                    const QByteArray reply = answer(request);
                    socket->write(reply);
                    if (!reply.contains("text/event-stream")) {
                        socket->disconnectFromHost();
                    } else {
                        current = socket;
                    }
                });
            }
        });
    }
    [[nodiscard]] QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_server.serverPort()));
    }
    void send(const QByteArray &bytes)
    {
        QVERIFY(current);
        current->write(bytes);
        current->flush();
    }
    void closeStream()
    {
        if (current) {
            current->disconnectFromHost();
        }
    }

private:
    QTcpServer m_server;
};

// Adds "Authorization: Bearer token-N"; refresh() moves to N+1 (or fails when told).
class CountingAuthenticator final : public Authenticator
{
public:
    int generation = 1;
    int refreshes = 0;
    bool refreshSucceeds = true;
    void authorize(QNetworkRequest &request) override
    {
        request.setRawHeader("Authorization", "Bearer token-" + QByteArray::number(generation));
    }
    void refresh(std::function<void(bool)> done) override
    {
        ++refreshes;
        if (refreshSucceeds) {
            ++generation;
        }
        done(refreshSucceeds);
    }
};

QList<ServerSentEvent> parseWhole(QByteArrayView bytes)
{
    EventStreamParser parser;
    return parser.feed(bytes);
}

QByteArray describe(const QList<ServerSentEvent> &events)
{
    QByteArray text;
    for (const ServerSentEvent &event : events) {
        text += "[" + event.id + "|" + event.type.toUtf8() + "|" + event.data + "]";
    }
    return text;
}

} // namespace

// The live feed's client: the event-stream parser (the HTML standard's rules, every chunking),
// and AdminEvents against a fake server on a real socket (headers, signals per type,
// reconnect with Last-Event-ID and the server's retry, refresh on 401, 403 stops, reset).
class TestAdminEvents final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parser_data();
    void parser();
    void parserKeepsIdAndRetry();
    void eventsCarryParsedData();
    void reconnectsWithLastEventId();
    void refreshesOnUnauthorized();
    void forbiddenStops();
    void resetAsksForRefetch();
    void backoffGrows();
};

void TestAdminEvents::parser_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("lf") << QByteArray("id: 1\nevent: order.placed\ndata: {\"a\":1}\n\n")
                        << QByteArray("[1|order.placed|{\"a\":1}]");
    QTest::newRow("crlf") << QByteArray("id: 1\r\nevent: x\r\ndata: y\r\n\r\n")
                          << QByteArray("[1|x|y]");
    QTest::newRow("cr") << QByteArray("id: 7\revent: x\rdata: y\r\r") << QByteArray("[7|x|y]");
    QTest::newRow("mixed line ends") << QByteArray("data: a\r\ndata: b\rdata: c\n\r\ndata: d\n\n")
                                     << QByteArray("[|message|a\nb\nc][|message|d]");
    QTest::newRow("multi-line data")
        << QByteArray("data: one\ndata: two\ndata:\n\n") << QByteArray("[|message|one\ntwo\n]");
    QTest::newRow("comments and keepalive")
        << QByteArray(": keepalive\n\n:another\ndata: x\n: inside\n\n")
        << QByteArray("[|message|x]");
    QTest::newRow("no space after colon")
        << QByteArray("event:t\ndata:v\n\n") << QByteArray("[|t|v]");
    QTest::newRow("only one space removed")
        << QByteArray("data:  two spaces\n\n") << QByteArray("[|message| two spaces]");
    QTest::newRow("field without colon")
        << QByteArray("data\ndata\n\n") << QByteArray("[|message|\n]");
    QTest::newRow("no data, no event")
        << QByteArray("event: x\nid: 3\n\ndata: y\n\n") << QByteArray("[3|message|y]");
    QTest::newRow("unknown fields ignored")
        << QByteArray("foo: bar\ndata: y\nDATA: z\n\n") << QByteArray("[|message|y]");
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF"
                                       "data: y\n\n")
                         << QByteArray("[|message|y]");
    QTest::newRow("id with NUL ignored")
        << QByteArray("id: 5\n\nid: 6\0x\ndata: y\n\n", 25) << QByteArray("[5|message|y]");
    QTest::newRow("empty id clears") << QByteArray("id: 5\ndata: a\n\nid\ndata: b\n\n")
                                     << QByteArray("[5|message|a][|message|b]");
    QTest::newRow("unfinished event dropped")
        << QByteArray("data: a\n\ndata: b\n") << QByteArray("[|message|a]");
    QTest::newRow("unfinished line")
        << QByteArray("data: a\n\ndata: b") << QByteArray("[|message|a]");
    QTest::newRow("utf-8 data") << QByteArray("data: {\"name\":\"Grüße\"}\n\n")
                                << QByteArray("[|message|{\"name\":\"Grüße\"}]");
    QTest::newRow("colon in value")
        << QByteArray("data: a: b\n\n") << QByteArray("[|message|a: b]");
    QTest::newRow("type resets after dispatch")
        << QByteArray("event: x\ndata: 1\n\ndata: 2\n\n") << QByteArray("[|x|1][|message|2]");
    QTest::newRow("the server's format")
        << QByteArray("retry: 2000\n\nid: 41\nevent: order.placed\ndata: {\"order_id\":\"a\"}\n\n"
                      ": keepalive\n\nid: 42\nevent: dashboard.changed\ndata: {}\n\n")
        << QByteArray("[41|order.placed|{\"order_id\":\"a\"}][42|dashboard.changed|{}]");
}

void TestAdminEvents::parser()
{
    QFETCH(QByteArray, stream);
    QFETCH(QByteArray, expected);
    QCOMPARE(describe(parseWhole(stream)), expected);

    // Split into two chunks at every byte boundary.
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        EventStreamParser parser;
        QList<ServerSentEvent> events = parser.feed(QByteArrayView(stream).first(cut));
        events += parser.feed(QByteArrayView(stream).sliced(cut));
        QVERIFY2(
            describe(events) == expected,
            qPrintable(
                QStringLiteral("cut at %1: %2").arg(cut).arg(QString::fromUtf8(describe(events)))));
    }
    // Three chunks at every pair of boundaries.
    for (qsizetype a = 0; a <= stream.size(); ++a) {
        for (qsizetype b = a; b <= stream.size(); ++b) {
            EventStreamParser parser;
            QList<ServerSentEvent> events = parser.feed(QByteArrayView(stream).first(a));
            events += parser.feed(QByteArrayView(stream).sliced(a, b - a));
            events += parser.feed(QByteArrayView(stream).sliced(b));
            QVERIFY2(describe(events) == expected,
                     qPrintable(QStringLiteral("cuts at %1, %2").arg(a).arg(b)));
        }
    }
    // One byte at a time.
    EventStreamParser parser;
    QList<ServerSentEvent> events;
    for (char c : stream) {
        events += parser.feed(QByteArrayView(&c, 1));
    }
    QCOMPARE(describe(events), expected);
}

void TestAdminEvents::parserKeepsIdAndRetry()
{
    EventStreamParser parser;
    QVERIFY(!parser.retry());
    (void)parser.feed("retry: 1500\nretry: 15x\nretry:\nid: 9\ndata: a\n\ndata: unfin");
    QCOMPARE(parser.retry().value_or(-1), 1500);
    QCOMPARE(parser.lastEventId(), QByteArray("9"));
    QVERIFY(parser.pendingLineBytes() > 0);
    parser.reset(); // a new connection
    QCOMPARE(parser.pendingLineBytes(), 0);
    QCOMPARE(parser.lastEventId(), QByteArray("9"));
    QCOMPARE(parser.retry().value_or(-1), 1500);
    // The unfinished event of the old connection is gone.
    QCOMPARE(describe(parser.feed("ished\n\ndata: b\n\n")), QByteArray("[9|message|b]"));
}

void TestAdminEvents::eventsCarryParsedData()
{
    FakeEventServer server;
    ApiClient api;
    api.setBaseUrl(server.url());
    CountingAuthenticator auth;
    api.setAuthenticator(&auth);
    AdminEvents events(&api);
    QSignalSpy placed(&events, &AdminEvents::orderPlaced);
    QSignalSpy paid(&events, &AdminEvents::orderPaid);
    QSignalSpy stock(&events, &AdminEvents::stockLow);
    QSignalSpy catalog(&events, &AdminEvents::catalogChanged);
    QSignalSpy dashboard(&events, &AdminEvents::dashboardChanged);
    QSignalSpy any(&events, &AdminEvents::eventReceived);
    events.start();
    QTRY_COMPARE_WITH_TIMEOUT(events.state(), AdminEvents::State::Connected, 20000);
    QCOMPARE(server.requests.size(), 1);
    const auto &request = server.requests.first();
    QVERIFY2(request.head.startsWith("GET /api/admin/events HTTP/1.1"), request.head.constData());
    QCOMPARE(request.header("Accept"), QByteArray("text/event-stream"));
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer token-1"));
    QVERIFY(request.header("Last-Event-ID").isEmpty());

    server.send(
        "id: 10\nevent: order.placed\ndata: {\"order_id\":\"0a\",\"order_number\":\"SO-1\","
        "\"status\":\"pending\",\"total\":{\"amount\":12345,\"currency\":\"EUR\"},"
        "\"customer_email\":\"a@b.example\",\"created_at\":\"2026-12-05T10:00:00.250Z\"}\n\n"
        "id: 11\nevent: order.paid\ndata: {\"order_id\":\"0a\",\"order_number\":\"SO-1\","
        "\"status\":\"paid\",\"total\":{\"amount\":12345,\"currency\":\"EUR\"},"
        "\"customer_email\":\"a@b.example\",\"created_at\":\"2026-12-05T10:00:00Z\","
        "\"from\":\"pending\",\"to\":\"paid\"}\n\n: keepalive\n\n"
        "id: 12\nevent: stock.low\ndata: {\"product_id\":\"p1\",\"sku\":\"S-1\",\"name\":\"Mug\","
        "\"stock_quantity\":2,\"threshold\":5}\n\n"
        "id: 13\nevent: catalog.changed\ndata: {\"product_id\":null,\"category_id\":\"c9\","
        "\"action\":\"category.move\"}\n\nid: 14\nevent: dashboard.changed\ndata: {}\n\n");
    QTRY_COMPARE_WITH_TIMEOUT(any.size(), 5, 20000);
    const auto order = placed.first().first().value<AdminOrderEvent>();
    QCOMPARE(order.orderId, QStringLiteral("0a"));
    QCOMPARE(order.orderNumber, QStringLiteral("SO-1"));
    QCOMPARE(order.status, QStringLiteral("pending"));
    QCOMPARE(order.total.minorUnits(), 12345);
    QCOMPARE(order.total.currency().code(), QStringLiteral("EUR"));
    QCOMPARE(order.customerEmail, QStringLiteral("a@b.example"));
    QCOMPARE(order.createdAt.toMSecsSinceEpoch() % 1000, 250);
    const auto paidOrder = paid.first().first().value<AdminOrderEvent>();
    QCOMPARE(paidOrder.from, QStringLiteral("pending"));
    QCOMPARE(paidOrder.to, QStringLiteral("paid"));
    const auto low = stock.first().first().value<StockLowEvent>();
    QCOMPARE(low.sku, QStringLiteral("S-1"));
    QCOMPARE(low.stockQuantity, 2);
    QCOMPARE(low.threshold, 5);
    const auto changed = catalog.first().first().value<CatalogChangedEvent>();
    QVERIFY(changed.productId.isEmpty());
    QCOMPARE(changed.categoryId, QStringLiteral("c9"));
    QCOMPARE(changed.action, QStringLiteral("category.move"));
    QCOMPARE(dashboard.size(), 1);
    QCOMPARE(events.lastEventId(), QByteArray("14"));
    events.stop();
    QCOMPARE(events.state(), AdminEvents::State::Stopped);
}

void TestAdminEvents::reconnectsWithLastEventId()
{
    FakeEventServer server;
    ApiClient api;
    api.setBaseUrl(server.url());
    AdminEvents events(&api);
    QSignalSpy any(&events, &AdminEvents::eventReceived);
    QSignalSpy states(&events, &AdminEvents::stateChanged);
    events.start();
    QTRY_COMPARE_WITH_TIMEOUT(events.state(), AdminEvents::State::Connected, 20000);
    // An event split across writes, then the stream ends in the middle of the next one.
    server.send("id: 41\nevent: order.pl");
    QTest::qWait(50);
    server.send("aced\ndata: {}\n\nid: 42\nevent: order.placed\ndata: {\"x\"");
    QTRY_COMPARE_WITH_TIMEOUT(any.size(), 1, 20000);
    server.closeStream();
    // The server's retry (50 ms) applies; the unfinished event 42 is not dispatched.
    QTRY_COMPARE_WITH_TIMEOUT(server.requests.size(), 2, 20000);
    QCOMPARE(server.requests.at(1).header("Last-Event-ID"), QByteArray("41"));
    QTRY_COMPARE_WITH_TIMEOUT(events.state(), AdminEvents::State::Connected, 20000);
    QVERIFY(std::any_of(states.cbegin(), states.cend(), [](const QVariantList &args) {
        return args.at(0).value<AdminEvents::State>() == AdminEvents::State::Reconnecting;
    }));
    server.send("id: 42\nevent: order.placed\ndata: {}\n\n");
    QTRY_COMPARE_WITH_TIMEOUT(any.size(), 2, 20000);
    QCOMPARE(any.at(1).at(2).toByteArray(), QByteArray("42"));
    QCOMPARE(events.connectionCount(), 2);

    // The server is gone for a while: attempts fail, then it answers again and the id is kept.
    server.answer = [](const FakeEventServer::Request &) {
        return QByteArray("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                          "Connection: close\r\n\r\n");
    };
    server.closeStream();
    QTRY_VERIFY_WITH_TIMEOUT(server.requests.size() >= 4, 20000);
    QVERIFY(events.state() != AdminEvents::State::Connected);
    server.answer = [](const FakeEventServer::Request &) {
        return QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
    };
    QTRY_COMPARE_WITH_TIMEOUT(events.state(), AdminEvents::State::Connected, 20000);
    QCOMPARE(server.requests.last().header("Last-Event-ID"), QByteArray("42"));
}

void TestAdminEvents::refreshesOnUnauthorized()
{
    FakeEventServer server;
    ApiClient api;
    api.setBaseUrl(server.url());
    CountingAuthenticator auth;
    api.setAuthenticator(&auth);
    // token-1 is expired: 401; the refreshed token-2 is accepted.
    server.answer = [](const FakeEventServer::Request &request) {
        if (request.header("Authorization") != "Bearer token-2") {
            return QByteArray("HTTP/1.1 401 Unauthorized\r\nContent-Type: "
                              "application/problem+json\r\nContent-Length: 2\r\n\r\n{}");
        }
        return QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
    };
    AdminEvents events(&api);
    events.start();
    QTRY_COMPARE_WITH_TIMEOUT(events.state(), AdminEvents::State::Connected, 20000);
    QCOMPARE(auth.refreshes, 1);
    QCOMPARE(server.requests.size(), 2);

    // A refresh that is refused: the feed stops as Unauthorized (no loop).
    auth.refreshSucceeds = false;
    auth.generation = 5;
    events.setDefaultRetry(std::chrono::milliseconds(20));
    server.closeStream();
    QTRY_COMPARE_WITH_TIMEOUT(events.state(), AdminEvents::State::Unauthorized, 20000);
    QCOMPARE(auth.refreshes, 2);
    const qsizetype requests = server.requests.size();
    QTest::qWait(300);
    QCOMPARE(server.requests.size(), requests);
}

void TestAdminEvents::forbiddenStops()
{
    FakeEventServer server;
    server.answer = [](const FakeEventServer::Request &) {
        return QByteArray("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    };
    ApiClient api;
    api.setBaseUrl(server.url());
    CountingAuthenticator auth;
    api.setAuthenticator(&auth);
    AdminEvents events(&api);
    events.start();
    QTRY_COMPARE_WITH_TIMEOUT(events.state(), AdminEvents::State::Unauthorized, 20000);
    QTest::qWait(300);
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(auth.refreshes, 0);
}

void TestAdminEvents::resetAsksForRefetch()
{
    FakeEventServer server;
    ApiClient api;
    api.setBaseUrl(server.url());
    AdminEvents events(&api);
    QSignalSpy reset(&events, &AdminEvents::resetRequired);
    events.start();
    QTRY_COMPARE_WITH_TIMEOUT(events.state(), AdminEvents::State::Connected, 20000);
    server.send("id: 900\nevent: reset\ndata: {}\n\n");
    QTRY_COMPARE_WITH_TIMEOUT(reset.size(), 1, 20000);
    QCOMPARE(events.lastEventId(), QByteArray("900"));
}

void TestAdminEvents::backoffGrows()
{
    FakeEventServer server;
    server.answer = [](const FakeEventServer::Request &) {
        return QByteArray("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
    };
    ApiClient api;
    api.setBaseUrl(server.url());
    AdminEvents events(&api);
    events.setDefaultRetry(std::chrono::milliseconds(40));
    events.start();
    QTRY_VERIFY_WITH_TIMEOUT(server.requests.size() >= 3, 20000);
    // 40, 80, 160, ... up to kMaxRetry.
    QTRY_VERIFY_WITH_TIMEOUT(events.nextDelay() >= std::chrono::milliseconds(160), 20000);
    QVERIFY(events.nextDelay() <= AdminEvents::kMaxRetry);
    QCOMPARE(events.state(), AdminEvents::State::Reconnecting);
    events.stop();
    const qsizetype requests = server.requests.size();
    QTest::qWait(500);
    QCOMPARE(server.requests.size(), requests);
}

QTEST_GUILESS_MAIN(TestAdminEvents)
#include "tst_adminevents.moc"
