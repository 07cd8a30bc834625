// Checkout under concurrency, against the whole server on a real socket and a real database:
// many clients, each on its own connection and thread, released at the same instant.
// - 50 customers race for the last unit of a product, 100 rounds: exactly one order a round, the
//   stock ends at 0, never below;
// - random concurrent orders over a small stock: units sold never exceed the stock, the stock
//   taken equals the units ordered, refused orders leave no rows;
// - one cart checked out twice at once (two keys) gives one order, 20 rounds;
// - one Idempotency-Key sent ten times at once gives one order and identical answers;
// - the expiry job and the customer's cancel racing each other return the stock once, 20 rounds.

#include "orderfixture.h"
#include "race.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTest>

#include <functional>
#include <vector>

using namespace Shop;
using namespace Shop::Tests;

namespace {

QByteArray newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

} // namespace

class TestOrderConcurrency final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void lastUnitGoesToExactlyOne();
    void randomOrdersNeverOversell();
    void oneCartCheckedOutTwiceGivesOneOrder();
    void oneKeySentAtOnceGivesOneOrder();
    void expiryAndCancelRestoreStockOnce();

private:
    OrderFixture f;
};

void TestOrderConcurrency::initTestCase()
{
    // Thousands of requests: the access log and the per-order lines would bury the test's output.
    QLoggingCategory::setFilterRules(
        QStringLiteral("shop.http.access.info=false\nshop.orders.*.info=false"));
    const QString error = f.start(8);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestOrderConcurrency::cleanupTestCase()
{
    f.stop();
}

void TestOrderConcurrency::lastUnitGoesToExactlyOne()
{
    constexpr int Clients = 50;
    constexpr int Rounds = 100;
    std::vector<Customer> customers;
    for (int i = 0; i < Clients; ++i) {
        customers.push_back(f.customer());
    }
    for (int round = 0; round < Rounds; ++round) {
        const QString product = f.product(999, 1);
        f.addToCarts(customers, product, 1);
        std::vector<std::function<HttpReply()>> tasks;
        for (const Customer &c : customers) {
            tasks.emplace_back([this, c] { return f.placeOrder(c, newKey()); });
        }
        const std::vector<HttpReply> replies = race<HttpReply>(tasks);
        int placed = 0;
        int refused = 0;
        for (const HttpReply &reply : replies) {
            if (reply.status == 201) {
                ++placed;
            } else if (reply.status == 409) {
                ++refused;
                QCOMPARE(reply.json()[u"lines"][0][u"available"].toInt(), 0);
            } else {
                QFAIL(qPrintable(QStringLiteral("round %1: answer %2 %3")
                                     .arg(round)
                                     .arg(reply.status)
                                     .arg(QString::fromUtf8(reply.body))));
            }
        }
        QCOMPARE(placed, 1);
        QCOMPARE(refused, Clients - 1);
        QCOMPARE(f.stock(product), 0);
        QCOMPARE(f.scalar(QStringLiteral("SELECT coalesce(sum(quantity), 0) FROM order_items "
                                         "WHERE product_id = ?::uuid"),
                          {product}),
                 1);
        // The losers keep their carts; empty them for the next round.
        QVERIFY(
            f.exec(QStringLiteral("DELETE FROM cart_items WHERE product_id = ?::uuid"), {product}));
    }
}

void TestOrderConcurrency::randomOrdersNeverOversell()
{
    constexpr int Products = 5;
    constexpr int Stock = 20;
    constexpr int Clients = 40;
    QStringList products;
    for (int i = 0; i < Products; ++i) {
        products << f.product(500 + i, Stock);
    }
    const QString productArray = u'{' + products.join(u',') + u'}';
    const qint64 ordersBefore = f.scalar(QStringLiteral("SELECT count(*) FROM orders"));
    QRandomGenerator random(20261205);
    std::vector<Customer> customers;
    for (int i = 0; i < Clients; ++i) {
        const Customer c = f.customer();
        const int lines = 1 + int(random.bounded(3));
        QStringList chosen = products;
        for (int l = 0; l < lines; ++l) {
            const QString product = chosen.takeAt(int(random.bounded(int(chosen.size()))));
            f.addToCart(c, product, 1 + int(random.bounded(5)));
        }
        customers.push_back(c);
    }
    std::vector<std::function<HttpReply()>> tasks;
    for (const Customer &c : customers) {
        tasks.emplace_back([this, c] { return f.placeOrder(c, newKey()); });
    }
    const std::vector<HttpReply> replies = race<HttpReply>(tasks);
    int placed = 0;
    for (const HttpReply &reply : replies) {
        QVERIFY2(reply.status == 201 || reply.status == 409, reply.body.constData());
        placed += reply.status == 201 ? 1 : 0;
    }
    QVERIFY(placed > 0);
    // Refused orders left nothing behind; sold units equal the stock taken, never above it.
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM orders")) - ordersBefore, placed);
    for (const QString &product : std::as_const(products)) {
        const qint64 sold =
            f.scalar(QStringLiteral("SELECT coalesce(sum(quantity), 0) FROM order_items "
                                    "WHERE product_id = ?::uuid"),
                     {product});
        const int left = f.stock(product);
        QVERIFY(left >= 0);
        QCOMPARE(sold + left, qint64(Stock));
    }
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM order_items i JOIN orders o ON "
                                     "o.id = i.order_id WHERE i.product_id = ANY(?::uuid[]) "
                                     "AND o.status <> 'pending'"),
                      {productArray}),
             0);
}

void TestOrderConcurrency::oneCartCheckedOutTwiceGivesOneOrder()
{
    for (int round = 0; round < 20; ++round) {
        const Customer c = f.customer();
        const QString product = f.product(700, 10);
        f.addToCart(c, product, 2);
        const std::vector<HttpReply> replies =
            race<HttpReply>({[this, c] { return f.placeOrder(c, newKey()); },
                             [this, c] {
                                 return f.placeOrder(c, newKey());
                             }});
        QStringList statuses;
        for (const HttpReply &reply : replies) {
            statuses << QString::number(reply.status);
        }
        statuses.sort();
        // One order; the other finds the cart empty (422).
        QCOMPARE(statuses, QStringList({QStringLiteral("201"), QStringLiteral("422")}));
        QCOMPARE(
            f.scalar(QStringLiteral("SELECT count(*) FROM orders WHERE user_id = ?::uuid"), {c.id}),
            1);
        QCOMPARE(f.stock(product), 8);
    }
}

void TestOrderConcurrency::oneKeySentAtOnceGivesOneOrder()
{
    for (int round = 0; round < 5; ++round) {
        const Customer c = f.customer();
        const QString product = f.product(700, 10);
        f.addToCart(c, product, 1);
        const QByteArray key = newKey();
        std::vector<std::function<HttpReply()>> tasks;
        for (int i = 0; i < 10; ++i) {
            tasks.emplace_back([this, c, key] { return f.placeOrder(c, key); });
        }
        const std::vector<HttpReply> replies = race<HttpReply>(tasks);
        QByteArray body;
        for (const HttpReply &reply : replies) {
            // The first places it; the others either see it still running (409) or replay it.
            QVERIFY2(reply.status == 201 || reply.status == 409, reply.body.constData());
            if (reply.status == 201) {
                if (body.isEmpty()) {
                    body = reply.body;
                }
                QCOMPARE(reply.body, body);
            }
        }
        QVERIFY(!body.isEmpty());
        QCOMPARE(
            f.scalar(QStringLiteral("SELECT count(*) FROM orders WHERE user_id = ?::uuid"), {c.id}),
            1);
        QCOMPARE(f.stock(product), 9);
        // Afterwards the key replays the same answer.
        const HttpReply later = f.placeOrder(c, key);
        QCOMPARE(later.status, 201);
        QCOMPARE(later.body, body);
    }
}

void TestOrderConcurrency::expiryAndCancelRestoreStockOnce()
{
    for (int round = 0; round < 20; ++round) {
        const Customer c = f.customer();
        const QString product = f.product(700, 10);
        f.addToCart(c, product, 4);
        const HttpReply placed = f.placeOrder(c, newKey());
        QCOMPARE(placed.status, 201);
        const QString id = placed.json()[u"id"].toString();
        QCOMPARE(f.stock(product), 6);
        // The order's time is up and its job is due at the moment the customer cancels.
        QVERIFY(f.exec(QStringLiteral("UPDATE orders SET expires_at = now() WHERE id = ?::uuid"),
                       {id}));
        QVERIFY(f.exec(QStringLiteral("UPDATE jobs SET run_at = now() WHERE unique_key = ?"),
                       {QString(QStringLiteral("order-expire:") + id)}));
        const HttpReply cancel = f.call("PUT", "/api/orders/" + id.toLatin1() + "/cancel", c);
        // Whoever came first cancelled it; the other found it cancelled.
        QVERIFY2(cancel.status == 200 || cancel.status == 409, cancel.body.constData());
        QTRY_COMPARE_WITH_TIMEOUT(
            f.scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE unique_key = ? AND "
                                    "state IN ('done', 'dead')"),
                     {QString(QStringLiteral("order-expire:") + id)}),
            1, 30000);
        QCOMPARE(f.stock(product), 10);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM order_status_history WHERE "
                                         "order_id = ?::uuid AND to_status = 'cancelled'"),
                          {id}),
                 1);
    }
}

QTEST_GUILESS_MAIN(TestOrderConcurrency)
#include "tst_orderconcurrency.moc"
