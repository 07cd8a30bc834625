// The orders module over HTTP against the whole server (real PostgreSQL, real sockets, the job
// workers and shop-sandbox's inbox): checkout and its totals, Idempotency-Key, stock shortages,
// addresses, the customer's orders and cancel, IDOR, the staff's routes with the state machine
// and the audit log, expiry, low stock, and malformed requests.

#include "db/transaction.h"
#include "orderfixture.h"

#include <QTest>

using namespace Shop;
using namespace Shop::Tests;

namespace {

QStringList fields(const HttpReply &reply)
{
    QStringList names;
    for (const QJsonValue &e : reply.json().value(QStringLiteral("errors")).toArray()) {
        names << e[QStringLiteral("field")].toString();
    }
    return names;
}

QByteArray key()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

} // namespace

class TestOrdersApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void placesAnOrderFromTheCart();
    void totalsFollowTheRules();
    void idempotencyKeyReplays();
    void oldKeysArePruned();
    void emptyCartIsRefused();
    void shortageNamesTheLinesAndChangesNothing();
    void addresses();
    void otherCustomersOrdersAre404();
    void customerCancelsAndStockReturns();
    void customerOnStaffRoutesIs403();
    void staffMoveOrdersThroughTheStateMachine();
    void staffListFiltersAndPagesByKeyset();
    void expiryCancelsUnpaidOrdersOnce();
    void lowStockForStaff();
    void takingStockTouchesNoIndex();
    void malformedRequests();

private:
    OrderFixture f;
};

void TestOrdersApi::initTestCase()
{
    const QString error = f.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestOrdersApi::cleanupTestCase()
{
    f.stop();
}

void TestOrdersApi::placesAnOrderFromTheCart()
{
    const Customer ada = f.customer();
    const QString lamp = f.product(2500, 10, QStringLiteral("Lamp"));
    const QString mug = f.product(1000, 5, QStringLiteral("Mug"));
    f.addToCart(ada, lamp, 2);
    f.addToCart(ada, mug, 1);

    const HttpReply reply = f.placeOrder(ada, key());
    QCOMPARE(reply.status, 201);
    const QJsonObject order = reply.json();
    const QString id = order[u"id"].toString();
    QCOMPARE(reply.header("location"), QByteArray("/api/orders/" + id.toLatin1()));
    QCOMPARE(order[u"status"].toString(), QStringLiteral("pending"));
    QVERIFY(order[u"order_number"].toString().startsWith(u"SO-"));
    // 2 x 25.00 + 10.00 = 60.00; NY 8.875 % = 5.325 -> 5.33 (half-up, once per order); free
    // shipping from 50.00.
    QCOMPARE(order[u"subtotal"].toInteger(), 6000);
    QCOMPARE(order[u"tax"].toInteger(), 533);
    QCOMPARE(order[u"shipping_cost"].toInteger(), 0);
    QCOMPARE(order[u"total"].toInteger(), 6533);
    QCOMPARE(order[u"item_count"].toInt(), 3);
    QCOMPARE(order[u"items"].toArray().size(), 2);
    QCOMPARE(order[u"shipping_address"][u"city"].toString(), QStringLiteral("New York"));
    QCOMPARE(order[u"history"].toArray().size(), 1);
    QVERIFY(!order[u"expires_at"].isNull());
    QVERIFY(order[u"customer_email"].isNull());

    // The stock is taken, the cart is empty, the rows are there, the jobs are queued.
    QCOMPARE(f.stock(lamp), 8);
    QCOMPARE(f.stock(mug), 4);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM cart_items ci JOIN carts c ON "
                                     "c.id = ci.cart_id WHERE c.user_id = ?::uuid"),
                      {ada.id}),
             0);
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT count(*) FROM order_items WHERE order_id = ?::uuid"), {id}),
        2);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE unique_key = ? AND "
                                     "abs(extract(epoch FROM run_at - now()) - 1800) < 60"),
                      {QString(QStringLiteral("order-expire:") + id)}),
             1);
    // The confirmation email reaches the inbox.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QJsonValue &m : f.inbox()) {
                if (m[u"to"].toArray().contains(ada.email)
                    && m[u"subject"].toString().contains(order[u"order_number"].toString())) {
                    return true;
                }
            }
            return false;
        }(),
        30000);

    // The customer reads it back, alone and in the list.
    const HttpReply read = f.call("GET", "/api/orders/" + id.toLatin1(), ada);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json()[u"total"].toInteger(), 6533);
    QCOMPARE(read.json()[u"items"].toArray(), order[u"items"].toArray());
    const HttpReply list = f.call("GET", "/api/orders", ada);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json()[u"total"].toInt(), 1);
    QCOMPARE(list.json()[u"items"][0][u"id"].toString(), id);
}

void TestOrdersApi::totalsFollowTheRules()
{
    struct Case
    {
        const char *country;
        const char *region;
        qint64 price;
        int quantity;
        qint64 tax;
        qint64 shipping;
    };
    const Case cases[] = {
        {"US", "NY", 1000, 1, 89, 499}, // 10.00 x 8.875 % = 0.8875 -> 0.89; below 50.00: 4.99
        {"US", "CA", 1000, 1, 0, 499}, // no CA rate in this test's table: the country's 0
        {"DE", "", 4000, 1, 760, 499}, // 19 %
        {"DE", "BY", 5000, 1, 950, 0}, // the region falls back to the country; free at 50.00
        {"FR", "", 200, 3, 0, 499}, // no rate for the country: no tax
    };
    for (const Case &c : cases) {
        const Customer buyer = f.customer();
        const QString product = f.product(c.price, 10);
        f.addToCart(buyer, product, c.quantity);
        const HttpReply reply = f.placeOrder(
            buyer, key(),
            OrderFixture::address(QString::fromLatin1(c.country), QString::fromLatin1(c.region)));
        QCOMPARE(reply.status, 201);
        const QJsonObject order = reply.json();
        QCOMPARE(order[u"subtotal"].toInteger(), c.price * c.quantity);
        QCOMPARE(order[u"tax"].toInteger(), c.tax);
        QCOMPARE(order[u"shipping_cost"].toInteger(), c.shipping);
        QCOMPARE(order[u"total"].toInteger(), c.price * c.quantity + c.tax + c.shipping);
    }
}

void TestOrdersApi::idempotencyKeyReplays()
{
    const Customer ada = f.customer();
    const QString product = f.product(1500, 10);
    f.addToCart(ada, product, 2);

    // Without a key, or with a bad one: refused before anything happens.
    QCOMPARE(f.placeOrder(ada, {}).status, 400);
    QCOMPARE(f.placeOrder(ada, QByteArray(256, 'k')).status, 400);
    QCOMPARE(f.placeOrder(ada, "with space").status, 400);
    QCOMPARE(f.stock(product), 10);

    const QByteArray k = key();
    const HttpReply first = f.placeOrder(ada, k);
    QCOMPARE(first.status, 201);
    QVERIFY(first.header("idempotent-replayed").isEmpty());
    // The same key and body: the same answer, byte for byte, and no second order.
    const HttpReply again = f.placeOrder(ada, k);
    QCOMPARE(again.status, 201);
    QCOMPARE(again.body, first.body);
    QCOMPARE(again.header("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(again.header("location"), first.header("location"));
    // The same JSON formatted differently is the same request.
    Headers headers {{"Authorization", "Bearer " + ada.token},
                     {"Content-Type", "application/json"},
                     {"Idempotency-Key", k}};
    const QByteArray spaced =
        QJsonDocument(OrderFixture::address()).toJson(QJsonDocument::Indented);
    QCOMPARE(f.server().request("POST", "/api/orders", headers, spaced, 30000).body, first.body);
    // The same key with another body: 422.
    const HttpReply other = f.placeOrder(ada, k, OrderFixture::address(u"DE"_qs, {}));
    QCOMPARE(other.status, 422);
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT count(*) FROM orders WHERE user_id = ?::uuid"), {ada.id}),
        1);
    QCOMPARE(f.stock(product), 8);

    // Keys are per user: another customer's identical key is a request of its own.
    const Customer alan = f.customer();
    f.addToCart(alan, product, 1);
    QCOMPARE(f.placeOrder(alan, k).status, 201);
    QCOMPARE(f.stock(product), 7);

    // An invalid request does not keep the key: corrected, it goes through with the same key.
    const Customer grace = f.customer();
    f.addToCart(grace, product, 1);
    const QByteArray k2 = key();
    QJsonObject incomplete = OrderFixture::address();
    QJsonObject shipTo = incomplete[u"shipping_address"].toObject();
    shipTo.remove(u"city"_qs);
    incomplete[u"shipping_address"] = shipTo;
    QCOMPARE(f.placeOrder(grace, k2, incomplete).status, 422);
    QCOMPARE(f.placeOrder(grace, k2).status, 201);
}

void TestOrdersApi::oldKeysArePruned()
{
    // Keys are kept at least 24 hours; the job workers' housekeeping removes older ones.
    const Customer ada = f.customer();
    QVERIFY(f.exec(QStringLiteral("INSERT INTO idempotency_keys (user_id, key, request_digest, "
                                  "state, created_at) VALUES (?::uuid, 'old', '\\x00', 'done', "
                                  "now() - interval '25 hours'), (?::uuid, 'recent', '\\x00', "
                                  "'done', now() - interval '23 hours')"),
                   {ada.id, ada.id}));
    QTRY_COMPARE_WITH_TIMEOUT(
        f.scalar(QStringLiteral("SELECT count(*) FROM idempotency_keys WHERE user_id = ?::uuid "
                                "AND key = 'old'"),
                 {ada.id}),
        0, 30000);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM idempotency_keys WHERE user_id = "
                                     "?::uuid AND key = 'recent'"),
                      {ada.id}),
             1);
}

void TestOrdersApi::emptyCartIsRefused()
{
    const Customer nobody = f.customer();
    const QByteArray k = key();
    const HttpReply reply = f.placeOrder(nobody, k);
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.header("content-type"), QByteArray("application/problem+json"));
    QVERIFY(reply.json()[u"detail"].toString().contains(u"empty"));
    // The refusal is the request's answer: replayed for the same key.
    const HttpReply again = f.placeOrder(nobody, k);
    QCOMPARE(again.status, 422);
    QCOMPARE(again.body, reply.body);
}

void TestOrdersApi::shortageNamesTheLinesAndChangesNothing()
{
    const Customer ada = f.customer();
    const QString plenty = f.product(1000, 50);
    const QString scarce = f.product(1000, 2, QStringLiteral("Scarce"));
    const QString gone = f.product(1000, 9, QStringLiteral("Gone"));
    f.addToCart(ada, plenty, 5);
    f.addToCart(ada, scarce, 3);
    f.addToCart(ada, gone, 1);
    QVERIFY(
        f.exec(QStringLiteral("UPDATE products SET is_active = false WHERE id = ?::uuid"), {gone}));
    const qint64 ordersBefore = f.scalar(QStringLiteral("SELECT count(*) FROM orders"));

    const HttpReply reply = f.placeOrder(ada, key());
    QCOMPARE(reply.status, 409);
    const QJsonArray lines = reply.json()[u"lines"].toArray();
    QCOMPARE(lines.size(), 2);
    QHash<QString, QJsonObject> byProduct;
    for (const QJsonValue &line : lines) {
        byProduct.insert(line[u"product_id"].toString(), line.toObject());
    }
    QCOMPARE(byProduct[scarce][u"requested"].toInt(), 3);
    QCOMPARE(byProduct[scarce][u"available"].toInt(), 2);
    QCOMPARE(byProduct[scarce][u"reason"].toString(), QStringLiteral("insufficient_stock"));
    QCOMPARE(byProduct[gone][u"available"].toInt(), 0);
    QCOMPARE(byProduct[gone][u"reason"].toString(), QStringLiteral("unavailable"));
    // Nothing changed: stock, cart, orders.
    QCOMPARE(f.stock(plenty), 50);
    QCOMPARE(f.stock(scarce), 2);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM orders")), ordersBefore);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM cart_items ci JOIN carts c ON "
                                     "c.id = ci.cart_id WHERE c.user_id = ?::uuid"),
                      {ada.id}),
             3);
}

void TestOrdersApi::addresses()
{
    const Customer ada = f.customer();
    const QString product = f.product(1000, 100);
    f.addToCart(ada, product, 1);

    // Neither or both.
    HttpReply reply = f.placeOrder(ada, key(), QJsonObject {});
    QCOMPARE(reply.status, 422);
    QJsonObject both = OrderFixture::address();
    both[u"address_id"] = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(f.placeOrder(ada, key(), both).status, 422);
    // Mass assignment and unknown members.
    QJsonObject extra = OrderFixture::address();
    extra[u"total"] = 1;
    reply = f.placeOrder(ada, key(), extra);
    QCOMPARE(reply.status, 422);
    QVERIFY(fields(reply).contains(u"total"_qs));
    // Field errors name the address's members.
    QJsonObject bad = OrderFixture::address(u"USA"_qs, {});
    QJsonObject shipTo = bad[u"shipping_address"].toObject();
    shipTo.remove(u"line1"_qs);
    shipTo[u"city"] = 42;
    bad[u"shipping_address"] = shipTo;
    reply = f.placeOrder(ada, key(), bad);
    QCOMPARE(reply.status, 422);
    QVERIFY2(fields(reply).contains(u"shipping_address.line1"_qs), reply.body.constData());
    QVERIFY(fields(reply).contains(u"shipping_address.city"_qs));
    QVERIFY(fields(reply).contains(u"shipping_address.country"_qs));
    QCOMPARE(f.placeOrder(ada, key(), QJsonObject {{u"shipping_address"_qs, u"here"_qs}}).status,
             422);

    // A saved address: the caller's works, anyone else's is refused like an unknown one.
    const Customer other = f.customer();
    const QString mine = f.scalarText(
        QStringLiteral("INSERT INTO addresses (user_id, recipient_name, address_line1, city, "
                       "postal_code, state, country) VALUES (?::uuid, 'Ada', '2 Main St', "
                       "'Albany', '12207', 'NY', 'US') RETURNING id"),
        {ada.id});
    const QString theirs = f.scalarText(
        QStringLiteral("INSERT INTO addresses (user_id, address_line1, city, postal_code, "
                       "country) VALUES (?::uuid, 'x', 'y', '1', 'DE') RETURNING id"),
        {other.id});
    reply = f.placeOrder(ada, key(), {{u"address_id"_qs, theirs}});
    QCOMPARE(reply.status, 422);
    QVERIFY(fields(reply).contains(u"address_id"_qs));
    QCOMPARE(f.placeOrder(ada, key(), {{u"address_id"_qs, u"not-an-id"_qs}}).status, 422);
    QCOMPARE(f.placeOrder(ada, key(), {{u"address_id"_qs, 7}}).status, 422);
    reply = f.placeOrder(ada, key(), {{u"address_id"_qs, mine}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json()[u"shipping_address"][u"city"].toString(), QStringLiteral("Albany"));
    QCOMPARE(reply.json()[u"tax"].toInteger(), 89); // NY: the saved address's region
    // The order keeps its snapshot when the address book entry goes.
    QVERIFY(f.exec(QStringLiteral("DELETE FROM addresses WHERE id = ?::uuid"), {mine}));
    const HttpReply read =
        f.call("GET", "/api/orders/" + reply.json()[u"id"].toString().toLatin1(), ada);
    QCOMPARE(read.json()[u"shipping_address"][u"line1"].toString(), QStringLiteral("2 Main St"));
}

void TestOrdersApi::otherCustomersOrdersAre404()
{
    const Customer ada = f.customer();
    const Customer mallory = f.customer();
    const QString product = f.product(1000, 100);
    f.addToCart(ada, product, 1);
    const HttpReply placed = f.placeOrder(ada, key());
    QCOMPARE(placed.status, 201);
    const QByteArray id = placed.json()[u"id"].toString().toLatin1();

    const HttpReply read = f.call("GET", "/api/orders/" + id, mallory);
    QCOMPARE(read.status, 404);
    // The same answer as for an order that does not exist.
    const HttpReply unknown = f.call(
        "GET", "/api/orders/" + QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1(),
        mallory);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(read.json()[u"detail"], unknown.json()[u"detail"]);
    QCOMPARE(f.call("PUT", "/api/orders/" + id + "/cancel", mallory).status, 404);
    QCOMPARE(f.call("GET", "/api/orders/not-a-uuid", mallory).status, 404);
    QCOMPARE(f.call("GET", "/api/orders", mallory).json()[u"total"].toInt(), 0);
    // Untouched.
    QCOMPARE(f.call("GET", "/api/orders/" + id, ada).json()[u"status"].toString(),
             QStringLiteral("pending"));
}

void TestOrdersApi::customerCancelsAndStockReturns()
{
    const Customer ada = f.customer();
    const QString product = f.product(1000, 10);
    f.addToCart(ada, product, 4);
    const HttpReply placed = f.placeOrder(ada, key());
    QCOMPARE(placed.status, 201);
    QCOMPARE(f.stock(product), 6);
    const QByteArray id = placed.json()[u"id"].toString().toLatin1();

    const HttpReply cancelled = f.call("PUT", "/api/orders/" + id + "/cancel", ada,
                                       {{u"reason"_qs, u"changed my mind"_qs}});
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.json()[u"status"].toString(), QStringLiteral("cancelled"));
    QVERIFY(cancelled.json()[u"expires_at"].isNull());
    const QJsonArray history = cancelled.json()[u"history"].toArray();
    QCOMPARE(history.size(), 2);
    QCOMPARE(history[1][u"from_status"].toString(), QStringLiteral("pending"));
    QCOMPARE(history[1][u"actor"].toString(), QStringLiteral("customer"));
    QCOMPARE(history[1][u"reason"].toString(), QStringLiteral("changed my mind"));
    QCOMPARE(f.stock(product), 10);
    // Twice: refused, and the stock does not come back twice.
    QCOMPARE(f.call("PUT", "/api/orders/" + id + "/cancel", ada).status, 409);
    QCOMPARE(f.stock(product), 10);

    // Paid orders may be cancelled by the customer; processing ones not.
    f.addToCart(ada, product, 1);
    const QByteArray paid = f.placeOrder(ada, key()).json()[u"id"].toString().toLatin1();
    QVERIFY(f.exec(QStringLiteral("UPDATE orders SET status = 'paid' WHERE id = ?::uuid"),
                   {QString::fromLatin1(paid)}));
    QCOMPARE(f.call("PUT", "/api/orders/" + paid + "/cancel", ada).status, 200);
    f.addToCart(ada, product, 1);
    const QByteArray busy = f.placeOrder(ada, key()).json()[u"id"].toString().toLatin1();
    QVERIFY(f.exec(QStringLiteral("UPDATE orders SET status = 'processing' WHERE id = ?::uuid"),
                   {QString::fromLatin1(busy)}));
    const HttpReply late = f.call("PUT", "/api/orders/" + busy + "/cancel", ada);
    QCOMPARE(late.status, 403); // in the table, but for staff only
    QCOMPARE(f.stock(product), 9);
}

void TestOrdersApi::customerOnStaffRoutesIs403()
{
    const Customer ada = f.customer();
    const QByteArray someId = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
    QCOMPARE(f.call("GET", "/api/admin/orders", ada).status, 403);
    QCOMPARE(f.call("GET", "/api/admin/orders/" + someId, ada).status, 403);
    QCOMPARE(f.call("PUT", "/api/admin/orders/" + someId + "/status", ada,
                    {{u"status"_qs, u"shipped"_qs}})
                 .status,
             403);
    QCOMPARE(f.call("GET", "/api/admin/inventory/low-stock", ada).status, 403);
    // Anonymous: 401 everywhere.
    QCOMPARE(f.server().get("/api/orders").status, 401);
    QCOMPARE(f.server().get("/api/admin/orders").status, 401);
    QCOMPARE(f.server()
                 .request("POST", "/api/orders", {{"Content-Type", "application/json"}}, "{}")
                 .status,
             401);
}

void TestOrdersApi::staffMoveOrdersThroughTheStateMachine()
{
    const Customer ada = f.customer();
    const Customer staff = f.customer(QStringLiteral("admin"));
    const QString product = f.product(3000, 10);
    f.addToCart(ada, product, 2);
    const HttpReply placed = f.placeOrder(ada, key());
    QCOMPARE(placed.status, 201);
    const QByteArray id = placed.json()[u"id"].toString().toLatin1();
    const QByteArray path = "/api/admin/orders/" + id + "/status";

    // Staff see the customer's email.
    const HttpReply read = f.call("GET", "/api/admin/orders/" + id, staff);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json()[u"customer_email"].toString(), ada.email);

    // pending -> processing is not in the table; pending -> paid is the webhook's (system) only.
    QCOMPARE(f.call("PUT", path, staff, {{u"status"_qs, u"processing"_qs}}).status, 409);
    QCOMPARE(f.call("PUT", path, staff, {{u"status"_qs, u"paid"_qs}}).status, 403);
    // Bad bodies.
    QCOMPARE(f.call("PUT", path, staff, {{u"status"_qs, u"teleported"_qs}}).status, 422);
    QCOMPARE(f.call("PUT", path, staff, {}).status, 422);
    QCOMPARE(
        f.call("PUT", path, staff, {{u"status"_qs, u"cancelled"_qs}, {u"carrier"_qs, u"DHL"_qs}})
            .status,
        422);

    // The payment (the payments issue) moves it to paid; staff take it from there.
    QVERIFY(f.exec(QStringLiteral("UPDATE orders SET status = 'paid' WHERE id = ?::uuid"),
                   {QString::fromLatin1(id)}));
    HttpReply step = f.call("PUT", path, staff, {{u"status"_qs, u"processing"_qs}});
    QVERIFY2(step.status == 200, step.body.constData());
    step = f.call("PUT", path, staff,
                  {{u"status"_qs, u"shipped"_qs},
                   {u"carrier"_qs, u"DHL"_qs},
                   {u"tracking_number"_qs, u"JD0146"_qs},
                   {u"reason"_qs, u"two boxes"_qs}});
    QCOMPARE(step.status, 200);
    QCOMPARE(step.json()[u"carrier"].toString(), QStringLiteral("DHL"));
    QCOMPARE(step.json()[u"tracking_number"].toString(), QStringLiteral("JD0146"));
    const QJsonArray history = step.json()[u"history"].toArray();
    QCOMPARE(history.last()[u"actor"].toString(), QStringLiteral("staff"));
    QCOMPARE(history.last()[u"actor_id"].toString(), staff.id);
    QCOMPARE(history.last()[u"reason"].toString(), QStringLiteral("two boxes"));
    // Shipped orders are not cancelled; delivered is the end.
    QCOMPARE(f.call("PUT", path, staff, {{u"status"_qs, u"cancelled"_qs}}).status, 409);
    QCOMPARE(f.stock(product), 8);
    QCOMPARE(f.call("PUT", path, staff, {{u"status"_qs, u"delivered"_qs}}).status, 200);
    QCOMPARE(f.call("PUT", path, staff, {{u"status"_qs, u"shipped"_qs}}).status, 409);

    // The shipping email reaches the customer with the tracking number.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QJsonValue &m : f.inbox()) {
                if (m[u"to"].toArray().contains(ada.email)
                    && QJsonDocument(m.toObject()).toJson().contains("JD0146")) {
                    return true;
                }
            }
            return false;
        }(),
        30000);
    // Every change is in the audit log with before and after.
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                     "'order.status' AND target_id = ?"),
                      {QString::fromLatin1(id)}),
             3);
    QCOMPARE(f.scalarText(QStringLiteral("SELECT before->>'status' || '>' || (after->>'status') "
                                         "FROM audit_log WHERE target_id = ? ORDER BY id LIMIT 1"),
                          {QString::fromLatin1(id)}),
             QStringLiteral("paid>processing"));

    // Staff cancelling a processing order puts the stock back.
    f.addToCart(ada, product, 3);
    const QByteArray second = f.placeOrder(ada, key()).json()[u"id"].toString().toLatin1();
    QCOMPARE(f.stock(product), 5);
    QVERIFY(f.exec(QStringLiteral("UPDATE orders SET status = 'processing' WHERE id = ?::uuid"),
                   {QString::fromLatin1(second)}));
    QCOMPARE(f.call("PUT", "/api/admin/orders/" + second + "/status", staff,
                    {{u"status"_qs, u"cancelled"_qs}, {u"reason"_qs, u"damaged in stock"_qs}})
                 .status,
             200);
    QCOMPARE(f.stock(product), 8);
    QCOMPARE(f.call("PUT",
                    "/api/admin/orders/"
                        + QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1() + "/status",
                    staff, {{u"status"_qs, u"cancelled"_qs}})
                 .status,
             404);
}

void TestOrdersApi::staffListFiltersAndPagesByKeyset()
{
    const Customer staff = f.customer(QStringLiteral("admin"));
    const Customer grace = f.customer();
    const QString product = f.product(100, 1000);
    QStringList placed;
    for (int i = 0; i < 7; ++i) {
        f.addToCart(grace, product, 1);
        const HttpReply reply = f.placeOrder(grace, key());
        QCOMPARE(reply.status, 201);
        placed.prepend(reply.json()[u"id"].toString()); // newest first
    }
    // Her orders, three at a time, by the cursor: all seven, newest first, none twice.
    QStringList seen;
    QByteArray target = "/api/admin/orders?limit=3&email=" + grace.email.toUpper().toLatin1();
    for (int page = 0; page < 5; ++page) {
        const HttpReply reply = f.call("GET", target, staff);
        QCOMPARE(reply.status, 200);
        for (const QJsonValue &item : reply.json()[u"items"].toArray()) {
            seen << item[u"id"].toString();
            QCOMPARE(item[u"customer_email"].toString(), grace.email);
        }
        const QJsonValue next = reply.json()[u"next_cursor"];
        if (next.isNull()) {
            break;
        }
        target = "/api/admin/orders?limit=3&email=" + grace.email.toLatin1()
            + "&after=" + QUrl::toPercentEncoding(next.toString());
    }
    QCOMPARE(seen, placed);

    // By number (typed loosely), by status, by date.
    const QString number = f.scalarText(
        QStringLiteral("SELECT order_number FROM orders WHERE id = ?::uuid"), {placed.first()});
    HttpReply reply = f.call("GET",
                             "/api/admin/orders?number="
                                 + QUrl::toPercentEncoding(u' ' + number.toLower() + u' '),
                             staff);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[u"items"].toArray().size(), 1);
    QVERIFY(f.exec(QStringLiteral("UPDATE orders SET status = 'paid' WHERE id = ?::uuid"),
                   {placed.last()}));
    reply = f.call("GET", "/api/admin/orders?status=paid&email=" + grace.email.toLatin1(), staff);
    QCOMPARE(reply.json()[u"items"].toArray().size(), 1);
    QCOMPARE(reply.json()[u"items"][0][u"id"].toString(), placed.last());
    reply =
        f.call("GET", "/api/admin/orders?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z", staff);
    QCOMPARE(reply.json()[u"items"].toArray().size(), 0);
    // Bad filters.
    for (const QByteArray &query :
         {QByteArray("status=lost"), QByteArray("from=yesterday"), QByteArray("number=42"),
          QByteArray("after=garbage"), QByteArray("limit=0"), QByteArray("limit=201"),
          QByteArray("colour=red")}) {
        QCOMPARE(f.call("GET", "/api/admin/orders?" + query, staff).status, 422);
    }
}

void TestOrdersApi::expiryCancelsUnpaidOrdersOnce()
{
    const Customer ada = f.customer();
    const QString product = f.product(1000, 10);
    f.addToCart(ada, product, 3);
    const HttpReply placed = f.placeOrder(ada, key());
    QCOMPARE(placed.status, 201);
    const QString id = placed.json()[u"id"].toString();
    QCOMPARE(f.stock(product), 7);

    // Its time comes: the job runs, cancels it and returns the stock.
    QVERIFY(f.exec(QStringLiteral("UPDATE orders SET expires_at = now() - interval '1 second' "
                                  "WHERE id = ?::uuid"),
                   {id}));
    QVERIFY(f.exec(QStringLiteral("UPDATE jobs SET run_at = now() WHERE unique_key = ?"),
                   {QString(QStringLiteral("order-expire:") + id)}));
    QTRY_COMPARE_WITH_TIMEOUT(
        f.scalarText(QStringLiteral("SELECT status FROM orders WHERE id = ?::uuid"), {id}),
        QStringLiteral("cancelled"), 30000);
    QCOMPARE(f.stock(product), 10);
    QCOMPARE(f.scalarText(QStringLiteral("SELECT actor || ':' || reason FROM "
                                         "order_status_history WHERE order_id = ?::uuid AND "
                                         "to_status = 'cancelled'"),
                          {id}),
             QStringLiteral("system:expired"));

    // A paid order is left alone by its expiry job.
    f.addToCart(ada, product, 1);
    const QString paid = f.placeOrder(ada, key()).json()[u"id"].toString();
    QVERIFY(f.exec(QStringLiteral("UPDATE orders SET status = 'paid', expires_at = NULL WHERE "
                                  "id = ?::uuid"),
                   {paid}));
    QVERIFY(f.exec(QStringLiteral("UPDATE jobs SET run_at = now() WHERE unique_key = ?"),
                   {QString(QStringLiteral("order-expire:") + paid)}));
    QTRY_COMPARE_WITH_TIMEOUT(f.scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE "
                                                      "unique_key = ? AND state = 'done'"),
                                       {QString(QStringLiteral("order-expire:") + paid)}),
                              1, 30000);
    QCOMPARE(f.scalarText(QStringLiteral("SELECT status FROM orders WHERE id = ?::uuid"), {paid}),
             QStringLiteral("paid"));
    QCOMPARE(f.stock(product), 9);
}

void TestOrdersApi::lowStockForStaff()
{
    const Customer staff = f.customer(QStringLiteral("admin"));
    const QString none = f.product(100, 0, QStringLiteral("Sold out"));
    const QString few = f.product(100, 2, QStringLiteral("Nearly gone"));
    HttpReply reply = f.call("GET", "/api/admin/inventory/low-stock?threshold=2&limit=500", staff);
    QCOMPARE(reply.status, 200);
    QStringList ids;
    int previous = -1;
    for (const QJsonValue &item : reply.json()[u"items"].toArray()) {
        ids << item[u"product_id"].toString();
        QVERIFY(item[u"stock_quantity"].toInt() <= 2);
        QVERIFY(item[u"stock_quantity"].toInt() >= previous);
        previous = item[u"stock_quantity"].toInt();
    }
    QVERIFY(ids.contains(none));
    QVERIFY(ids.contains(few));
    reply = f.call("GET", "/api/admin/inventory/low-stock?threshold=0&limit=500", staff);
    QCOMPARE(reply.json()[u"threshold"].toInt(), 0);
    for (const QJsonValue &item : reply.json()[u"items"].toArray()) {
        QCOMPARE(item[u"stock_quantity"].toInt(), 0);
    }
    QCOMPARE(f.call("GET", "/api/admin/inventory/low-stock?threshold=-1", staff).status, 422);
    QCOMPARE(f.call("GET", "/api/admin/inventory/low-stock?threshold=1001", staff).status, 422);

    // The list follows the stock both ways across the watch level (1,000 units), whoever writes
    // it, and leaves out deactivated products.
    const auto listed = [&](int threshold) {
        QStringList found;
        const HttpReply r = f.call("GET",
                                   QByteArray("/api/admin/inventory/low-stock?limit=500&threshold=")
                                       + QByteArray::number(threshold),
                                   staff);
        for (const QJsonValue &item : r.json()[u"items"].toArray()) {
            found << item[u"product_id"].toString() + u':'
                    + QString::number(item[u"stock_quantity"].toInt());
        }
        return found;
    };
    QVERIFY(f.exec(QStringLiteral("UPDATE products SET stock_quantity = 5000 WHERE id = ?::uuid"),
                   {few}));
    QVERIFY(!listed(1000).contains(few + u":5000"));
    QVERIFY(!listed(1000).join(u',').contains(few));
    QVERIFY(f.exec(QStringLiteral("UPDATE products SET stock_quantity = 1000 WHERE id = ?::uuid"),
                   {few}));
    QVERIFY(listed(1000).contains(few + u":1000"));
    QVERIFY(
        f.exec(QStringLiteral("UPDATE products SET stock_quantity = 1 WHERE id = ?::uuid"), {few}));
    QVERIFY(listed(1).contains(few + u":1"));
    QVERIFY(
        f.exec(QStringLiteral("UPDATE products SET is_active = false WHERE id = ?::uuid"), {few}));
    QVERIFY(!listed(1).join(u',').contains(few));
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM products p FULL JOIN "
                                     "product_stock_watch w ON w.product_id = p.id "
                                     "WHERE (p.stock_quantity <= 1000) IS DISTINCT FROM "
                                     "(w.product_id IS NOT NULL)")),
             0);
    QCOMPARE(f.call("GET", "/api/admin/inventory/low-stock?limit=x", staff).status, 422);
}

// Placing orders at speed depends on the stock update being a HOT update (no index entry
// written, the GIN search index above all): no index of products may cover stock_quantity, and
// the update an order makes is counted as HOT by PostgreSQL's own per-transaction statistics.
void TestOrdersApi::takingStockTouchesNoIndex()
{
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM pg_indexes WHERE tablename = "
                                     "'products' AND indexdef ILIKE '%stock_quantity%'")),
             0);
    const QString product = f.product(100, 50, QStringLiteral("Hot seller"));
    auto db = Db::threadConnection();
    SHOP_VERIFY_OK(db);
    auto tx = Db::Transaction::begin(*db);
    SHOP_VERIFY_OK(tx);
    // The per-transaction view also holds this backend's counts not yet flushed: compare.
    const auto counts = [&]() -> std::pair<int, int> {
        auto q = Db::exec(*db,
                          QStringLiteral("SELECT n_tup_upd, n_tup_hot_upd FROM "
                                         "pg_stat_xact_user_tables WHERE relname = "
                                         "'products'"));
        return q && q->next() ? std::pair {q->value(0).toInt(), q->value(1).toInt()}
                              : std::pair {-1, -1};
    };
    const auto before = counts();
    QVERIFY(before.first >= 0);
    auto updated =
        Db::exec(*db,
                 QStringLiteral("UPDATE products SET stock_quantity = stock_quantity - 1 "
                                "WHERE id = ?::uuid"),
                 {product});
    SHOP_VERIFY_OK(updated);
    const auto after = counts();
    QCOMPARE(after.first - before.first, 1); // updated
    QCOMPARE(after.second - before.second, 1); // and HOT
    tx->rollback();
}

void TestOrdersApi::malformedRequests()
{
    const Customer ada = f.customer();
    const QString product = f.product(1000, 10);
    f.addToCart(ada, product, 1);
    const Headers auth {{"Authorization", "Bearer " + ada.token}};
    Headers jsonKey = auth;
    jsonKey.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
    jsonKey.append(std::pair<QByteArray, QByteArray>("Idempotency-Key", key()));
    QCOMPARE(
        f.server().request("POST", "/api/orders", jsonKey, "{\"shipping_address\":", 30000).status,
        400);
    QCOMPARE(f.server().request("POST", "/api/orders", jsonKey, "[1,2]", 30000).status, 400);
    Headers textKey = auth;
    textKey.append(std::pair<QByteArray, QByteArray>("Content-Type", "text/plain"));
    textKey.append(std::pair<QByteArray, QByteArray>("Idempotency-Key", key()));
    QCOMPARE(f.server().request("POST", "/api/orders", textKey, "hello", 30000).status, 415);
    QCOMPARE(f.call("GET", "/api/orders?page=0", ada).status, 422);
    QCOMPARE(f.call("GET", "/api/orders?limit=1000", ada).status, 422);
    QCOMPARE(f.call("GET", "/api/orders?sort=asc", ada).status, 422);
    const HttpReply placed = f.placeOrder(ada, key());
    QCOMPARE(placed.status, 201);
    const QByteArray id = placed.json()[u"id"].toString().toLatin1();
    Headers cancelText = auth;
    cancelText.append(std::pair<QByteArray, QByteArray>("Content-Type", "text/plain"));
    QCOMPARE(
        f.server().request("PUT", "/api/orders/" + id + "/cancel", cancelText, "x", 30000).status,
        415);
    QCOMPARE(f.call("PUT", "/api/orders/" + id + "/cancel", ada, {{u"reason"_qs, 5}}).status, 422);
    QCOMPARE(f.stock(product), 9);
}

QTEST_GUILESS_MAIN(TestOrdersApi)
#include "tst_ordersapi.moc"
