// A request's id follows the work it causes: an order placed with X-Request-Id enqueues its jobs
// with that id (jobs.request_id), and the job workers run them under it, so the confirmation
// email's log lines carry the id of the checkout that caused them (http/requestcontext.h). A
// request without the header gets a generated id, which its jobs carry the same way.

#include "http/requestcontext.h"
#include "orderfixture.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

using namespace Shop;
using namespace Shop::Tests;

namespace {

struct Seen
{
    QString category;
    QString message;
    QString requestId;
};

QMutex g_mutex;
QList<Seen> g_seen;
QtMessageHandler g_previous = nullptr;

void recordingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&g_mutex);
        g_seen.append({QString::fromLatin1(context.category), message, Http::currentRequestId()});
    }
    if (g_previous) {
        g_previous(type, context, message);
    }
}

QList<Seen> seenWith(const QString &requestId)
{
    const QMutexLocker lock(&g_mutex);
    QList<Seen> found;
    for (const Seen &s : std::as_const(g_seen)) {
        if (s.requestId == requestId) {
            found.append(s);
        }
    }
    return found;
}

bool mailSentUnder(const QString &requestId)
{
    for (const Seen &s : seenWith(requestId)) {
        if (s.category == u"shop.outbox.mail" && s.message.contains(u"order_confirmation")
            && s.message.contains(u"sent")) {
            return true;
        }
    }
    return false;
}

} // namespace

class TestRequestIds final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void jobsCarryTheCheckoutsRequestId();
    void generatedIdsAreCarriedToo();

private:
    OrderFixture f;
};

void TestRequestIds::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("shop.*.info=true"));
    g_previous = qInstallMessageHandler(recordingHandler);
    const QString error = f.start(2);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestRequestIds::cleanupTestCase()
{
    f.stop();
    qInstallMessageHandler(g_previous);
}

void TestRequestIds::jobsCarryTheCheckoutsRequestId()
{
    const Customer ada = f.customer();
    const QString lamp = f.product(2500, 10, QStringLiteral("Lamp"));
    f.addToCart(ada, lamp, 1);
    const QByteArray requestId = "checkout-trace-0001";
    const HttpReply placed = f.server().request("POST", "/api/orders",
                                                {{"Authorization", "Bearer " + ada.token},
                                                 {"Content-Type", "application/json"},
                                                 {"Idempotency-Key", "request-ids-1"},
                                                 {"X-Request-Id", requestId}},
                                                OrderFixture::json(OrderFixture::address()), 60000);
    QCOMPARE(placed.status, 201);
    QCOMPARE(placed.header("x-request-id"), requestId);
    const QString orderId = QJsonDocument::fromJson(placed.body).object().value(u"id").toString();

    // Both jobs the checkout enqueued (the confirmation email and the expiry) carry the id.
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE request_id = ?"),
                      {QString::fromLatin1(requestId)}),
             2);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE request_id = ? AND "
                                     "payload::text LIKE '%' || ? || '%'"),
                      {QString::fromLatin1(requestId), orderId}),
             2);
    // The handler's own lines ran under it, and so did the email job on a worker thread.
    QTRY_VERIFY_WITH_TIMEOUT(!seenWith(QString::fromLatin1(requestId)).isEmpty(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(mailSentUnder(QString::fromLatin1(requestId)), 60000);
    // Nothing else leaked into this id: every line under it is the checkout's or its jobs'.
    for (const Seen &s : seenWith(QString::fromLatin1(requestId))) {
        QVERIFY2(s.category.startsWith(u"shop."), qPrintable(s.category + u' ' + s.message));
    }
}

void TestRequestIds::generatedIdsAreCarriedToo()
{
    const Customer bob = f.customer();
    const QString mug = f.product(1000, 10, QStringLiteral("Mug"));
    f.addToCart(bob, mug, 1);
    const HttpReply placed = f.placeOrder(bob, "request-ids-2");
    QCOMPARE(placed.status, 201);
    const QString generated = QString::fromLatin1(placed.header("x-request-id"));
    QCOMPARE(generated.size(), 32);
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE request_id = ?"), {generated}), 2);
    QTRY_VERIFY_WITH_TIMEOUT(mailSentUnder(generated), 60000);
    // Jobs enqueued outside any request carry none.
    QVERIFY(f.exec(QStringLiteral("INSERT INTO jobs (kind, payload) VALUES ('noop', '{}')")));
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE kind = 'noop' AND "
                                     "request_id IS NULL")),
             1);
}

QTEST_GUILESS_MAIN(TestRequestIds)
#include "tst_requestids.moc"
