// Fault: a server instance killed with SIGKILL mid-checkout (issue 12, "Operations: Faults").
// Two REAL shop-server processes on one database (ExternalServer, the second with
// Options::sharedDatabaseUrl). Instance A takes orders from concurrent customers; its job workers
// are stuck sending email to a server that never answers (a black hole), so A holds claimed jobs
// when it is killed with SIGKILL in the middle of the checkouts. Then:
// - no order is partial: each has its items, its subtotal is theirs, and the stock went down by
//   exactly what the orders hold (checkout is one transaction; a killed process commits nothing);
// - instance B (its mail going to shop-sandbox) takes A's jobs over once their lease (5 s here)
//   has run out, and every email job ends done; B takes orders.

#include "faultshopper.h"
#include "support/externalserver.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Shop;
using namespace Shop::Tests;

class TestFaultKill final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedMidCheckout();
};

void TestFaultKill::killedMidCheckout()
{
    // Accepts connections (the kernel does, into the backlog) and never answers.
    QTcpServer blackHole;
    QVERIFY(blackHole.listen(QHostAddress::LocalHost, 0));

    ExternalServer a;
    ExternalServer::Options optionsA;
    optionsA.environment = {
        {QStringLiteral("SHOP_MAIL_SENDGRID_BASE_URL"),
         QStringLiteral("http://127.0.0.1:%1").arg(blackHole.serverPort())},
        {QStringLiteral("SHOP_MAIL_SENDGRID_API_KEY"), QStringLiteral("SG.fault-test")},
        {QStringLiteral("SHOP_MAIL_TIMEOUT_SEC"), QStringLiteral("600")},
        {QStringLiteral("SHOP_JOBS_WORKERS"), QStringLiteral("2")},
        {QStringLiteral("SHOP_JOBS_LEASE_SEC"), QStringLiteral("5")},
        {QStringLiteral("SHOP_JOBS_POLL_MS"), QStringLiteral("200")},
        {QStringLiteral("SHOP_RATELIMIT_ENABLED"), QStringLiteral("false")},
    };
    QVERIFY2(a.start(optionsA), qPrintable(a.errorString()));

    const QString productId =
        a.queryValue(QStringLiteral("SELECT id::text FROM products WHERE is_active "
                                    "ORDER BY stock_quantity DESC, id LIMIT 1"))
            .toString();
    QVERIFY2(!productId.isEmpty(), qPrintable(a.errorString()));
    // Stock no burst of checkouts can exhaust (an exhausted product answers 409, not 201).
    const qint64 stockBefore =
        a.queryValue(QStringLiteral("UPDATE products SET stock_quantity = 1000000 "
                                    "WHERE id = ?::uuid RETURNING stock_quantity"),
                     {productId})
            .toLongLong();
    QCOMPARE(stockBefore, qint64(1000000));

    constexpr int kShoppers = 4;
    QList<std::shared_ptr<FaultShopper>> shoppers;
    for (int i = 0; i < kShoppers; ++i) {
        shoppers.append(std::make_shared<FaultShopper>(a.port()));
        QVERIFY(shoppers.last()->registerNew(QStringLiteral("killfault%1").arg(i)));
    }
    // A's two workers have claimed welcome emails and hang in the send.
    const QString heldByA =
        QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'running' AND locked_by LIKE ?");
    const QString pidPattern = QStringLiteral("%:%1:%").arg(a.serverPid());
    QTRY_VERIFY_WITH_TIMEOUT(a.queryValue(heldByA, {pidPattern}).toLongLong() == 2, 30000);

    // Concurrent checkouts on A, then SIGKILL in their middle.
    std::atomic<bool> running {true};
    std::atomic<int> placed {0};
    QList<QThread *> threads;
    for (const auto &shopper : std::as_const(shoppers)) {
        threads.append(QThread::create([&running, &placed, shopper, productId] {
            while (running.load()) {
                const QList<Outcome> outcomes = shopper->checkout(productId, 10000);
                if (outcomes.size() == 2 && outcomes.at(1).status == 201) {
                    ++placed;
                }
                if (outcomes.last().status == 0) {
                    QThread::msleep(50); // the server is gone
                }
            }
        }));
        threads.last()->start();
    }
    QTRY_VERIFY_WITH_TIMEOUT(placed.load() >= 3, 60000);
    const QList<qint64> held = [&] {
        QList<qint64> ids;
        // The ids A holds right now (read twice through queryValue's single value: min and max).
        ids << a.queryValue(QStringLiteral("SELECT min(id) FROM jobs WHERE state = 'running' "
                                           "AND locked_by LIKE ?"),
                            {pidPattern})
                   .toLongLong()
            << a.queryValue(QStringLiteral("SELECT max(id) FROM jobs WHERE state = 'running' "
                                           "AND locked_by LIKE ?"),
                            {pidPattern})
                   .toLongLong();
        return ids;
    }();
    a.killServing();
    QTest::qWait(500);
    running.store(false);
    for (QThread *thread : std::as_const(threads)) {
        thread->wait();
        delete thread;
    }
    qInfo("%d orders answered 201 before the SIGKILL; A held jobs %lld and %lld", placed.load(),
          held.at(0), held.at(1));
    QVERIFY(held.at(0) > 0 && held.at(1) > held.at(0));

    // Instance B on the same database, its mail going to shop-sandbox.
    ExternalServer b;
    ExternalServer::Options optionsB;
    optionsB.sandbox = true;
    optionsB.sharedDatabaseUrl = a.databaseUrl();
    optionsB.environment = {
        {QStringLiteral("SHOP_JOBS_LEASE_SEC"), QStringLiteral("5")},
        {QStringLiteral("SHOP_RATELIMIT_ENABLED"), QStringLiteral("false")},
    };
    QVERIFY2(b.start(optionsB), qPrintable(b.errorString()));

    // A's claims run out and B runs those jobs, and every other email job, to the end.
    const QString stateOf = QStringLiteral("SELECT state FROM jobs WHERE id = ?");
    QTRY_COMPARE_WITH_TIMEOUT(b.queryValue(stateOf, {held.at(0)}).toString(),
                              QStringLiteral("done"), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(b.queryValue(stateOf, {held.at(1)}).toString(),
                              QStringLiteral("done"), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(
        b.queryValue(QStringLiteral("SELECT count(*) FROM jobs WHERE kind = 'mail' "
                                    "AND state <> 'done'"))
            .toLongLong(),
        qint64(0), 60000);
    QCOMPARE(b.queryValue(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'running' "
                                         "AND locked_by LIKE ?"),
                          {pidPattern})
                 .toLongLong(),
             qint64(0));

    // B takes orders.
    FaultShopper customer(b.port());
    QVERIFY(customer.registerNew(QStringLiteral("killfault-b")));
    const QList<Outcome> viaB = customer.checkout(productId);
    QCOMPARE(viaB.size(), 2);
    QCOMPARE(viaB.at(1).status, 201);

    // No partial order.
    QCOMPARE(b.queryValue(QStringLiteral("SELECT count(*) FROM orders o WHERE NOT EXISTS "
                                         "(SELECT 1 FROM order_items i WHERE i.order_id = o.id)"))
                 .toLongLong(),
             qint64(0));
    QCOMPARE(b.queryValue(QStringLiteral("SELECT count(*) FROM orders o WHERE o.subtotal <> "
                                         "(SELECT coalesce(sum(i.price * i.quantity), 0) "
                                         "FROM order_items i WHERE i.order_id = o.id)"))
                 .toLongLong(),
             qint64(0));
    const qint64 ordered =
        b.queryValue(QStringLiteral("SELECT coalesce(sum(i.quantity), 0) FROM order_items i "
                                    "JOIN orders o ON o.id = i.order_id "
                                    "WHERE i.product_id = ?::uuid AND o.status <> 'cancelled'"),
                     {productId})
            .toLongLong();
    const qint64 stockAfter =
        b.queryValue(QStringLiteral("SELECT stock_quantity FROM products WHERE id = ?::uuid"),
                     {productId})
            .toLongLong();
    QCOMPARE(stockBefore - stockAfter, ordered);
    QVERIFY(b.queryValue(QStringLiteral("SELECT count(*) FROM orders")).toLongLong()
            >= placed.load() + 1);
    // Each order's confirmation email is among the jobs (enqueued in the order's transaction).
    QCOMPARE(b.queryValue(QStringLiteral("SELECT count(*) FROM orders o WHERE NOT EXISTS "
                                         "(SELECT 1 FROM jobs j WHERE j.kind = 'mail' AND "
                                         "j.unique_key = 'order-confirmation:' || o.id::text)"))
                 .toLongLong(),
             qint64(0));
}

QTEST_GUILESS_MAIN(TestFaultKill)
#include "tst_faultkill.moc"
