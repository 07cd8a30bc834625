// The staff's stock adjustments against the whole server (real PostgreSQL, real sockets):
// adjustments with reasons, their movements and audit entries, 409 with what is available; every
// bad input answers 422 with the field and its code and changes nothing; 50 concurrent orders
// racing adjustments never take the stock below zero or lose an update; an Idempotency-Key applies
// an adjustment at most once (replays, mismatches, its scope, concurrent requests with one key).
// The rest of the staff's catalog management is tst_admincatalog; both share
// admincatalogfixture.h.

#include "admincatalogfixture.h"

#include <QRandomGenerator>
#include <QTest>

#include <functional>
#include <tuple>
#include <vector>

using namespace Shop;
using namespace Shop::Tests;

class TestAdminStock final : public AdminCatalogFixture
{
    Q_OBJECT

private Q_SLOTS:
    void stockAdjustments();
    void stockValidation_data();
    void stockValidation();
    void stockRacesOrders();
    void stockIdempotencyKey();
};

void TestAdminStock::stockAdjustments()
{
    const QJsonObject product = createdProduct();
    const QString id = product[u"id"].toString();
    const QByteArray path = "/api/admin/products/" + id.toLatin1() + "/stock";
    HttpReply reply = send("POST", path,
                           {{QStringLiteral("delta"), 5},
                            {QStringLiteral("reason"), QStringLiteral("received")},
                            {QStringLiteral("note"), QStringLiteral("pallet 7")}});
    QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
    QCOMPARE(reply.json()[u"stock_quantity"].toInt(), 15);
    QCOMPARE(reply.json()[u"delta"].toInt(), 5);
    QCOMPARE(reply.json()[u"reason"].toString(), QStringLiteral("received"));
    QCOMPARE(reply.json()[u"note"].toString(), QStringLiteral("pallet 7"));
    QCOMPARE(reply.json()[u"actor_id"].toString(), m_admin.id);
    QCOMPARE(f.stock(id), 15);
    QJsonObject audit = lastAudit(id);
    QCOMPARE(audit[u"action"].toString(), QStringLiteral("product.stock"));
    QCOMPARE(audit[u"before"][u"stock_quantity"].toInt(), 10);
    QCOMPARE(audit[u"after"][u"stock_quantity"].toInt(), 15);
    QCOMPARE(audit[u"after"][u"reason"].toString(), QStringLiteral("received"));

    for (const auto &[delta, reason, expected] :
         {std::tuple {-3, "damaged", 12}, std::tuple {2, "returned", 14},
          std::tuple {-4, "counted", 10}, std::tuple {1, "counted", 11}}) {
        reply = send("POST", path,
                     {{QStringLiteral("delta"), delta},
                      {QStringLiteral("reason"), QString::fromLatin1(reason)}});
        QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
        QCOMPARE(reply.json()[u"stock_quantity"].toInt(), expected);
    }
    // Below zero: 409 naming what is available; nothing changes.
    const qint64 audits = auditCount();
    reply = send("POST", path,
                 {{QStringLiteral("delta"), -12}, {QStringLiteral("reason"), u"damaged"_qs}});
    QCOMPARE(reply.status, 409);
    const QJsonObject line = reply.json()[u"lines"][0].toObject();
    QCOMPARE(line[u"available"].toInt(), 11);
    QCOMPARE(line[u"requested"].toInt(), 12);
    QCOMPARE(line[u"product_id"].toString(), id);
    QCOMPARE(line[u"reason"].toString(), QStringLiteral("insufficient_stock"));
    QCOMPARE(f.stock(id), 11);
    QCOMPARE(auditCount(), audits);
    // Exactly to zero: sold out, and the public catalog knows at once.
    QCOMPARE(f.server().get("/api/products/" + id.toLatin1()).json()[u"in_stock"].toBool(), true);
    reply = send("POST", path,
                 {{QStringLiteral("delta"), -11}, {QStringLiteral("reason"), u"counted"_qs}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[u"stock_quantity"].toInt(), 0);
    QCOMPARE(f.server().get("/api/products/" + id.toLatin1()).json()[u"in_stock"].toBool(), false);
    // Above the column's range: 422.
    QCOMPARE(f.exec(QStringLiteral("UPDATE products SET stock_quantity = 2147483000 WHERE id = "
                                   "?::uuid"),
                    {id}),
             true);
    reply = send("POST", path,
                 {{QStringLiteral("delta"), 1000}, {QStringLiteral("reason"), u"received"_qs}});
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.json()[u"errors"][0][u"code"].toString(), QStringLiteral("too_large"));
    QCOMPARE(
        f.exec(QStringLiteral("UPDATE products SET stock_quantity = 0 WHERE id = ?::uuid"), {id}),
        true);

    // The movements, newest first; the revision never moved.
    reply = send("GET", "/api/admin/products/" + id.toLatin1() + "/stock-movements?limit=3");
    QCOMPARE(reply.status, 200);
    const QJsonArray items = reply.json()[u"items"].toArray();
    QCOMPARE(items.size(), 3);
    QCOMPARE(items[0][u"delta"].toInt(), -11);
    QCOMPARE(items[0][u"stock_quantity"].toInt(), 0);
    QCOMPARE(items[1][u"delta"].toInt(), 1);
    QCOMPARE(send("GET", "/api/admin/products/" + id.toLatin1() + "/stock-movements")
                 .json()[u"items"]
                 .toArray()
                 .size(),
             7); // the initial stock and six adjustments
    QCOMPARE(
        send("GET", "/api/admin/products/" + id.toLatin1() + "/stock-movements?limit=0").status,
        422);
    QCOMPARE(send("GET", "/api/admin/products/" + id.toLatin1() + "/stock-movements?page=2").status,
             422);
    QCOMPARE(send("GET", "/api/admin/products/" + kUnknownId + "/stock-movements").status, 404);
    QCOMPARE(send("GET", "/api/admin/products/" + id.toLatin1()).header("etag"),
             QByteArrayLiteral("\"1\""));
    // Unknown product.
    QCOMPARE(send("POST", "/api/admin/products/" + kUnknownId + "/stock",
                  {{QStringLiteral("delta"), 1}, {QStringLiteral("reason"), u"received"_qs}})
                 .status,
             404);
    QCOMPARE(send("POST", "/api/admin/products/" + kUnknownId + "/stock",
                  {{QStringLiteral("delta"), -1}, {QStringLiteral("reason"), u"damaged"_qs}})
                 .status,
             404);
}

void TestAdminStock::stockValidation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("code");
    const QString invalid = QStringLiteral("invalid");
    const QString received = QStringLiteral("received");
    QTest::newRow("delta missing")
        << QJsonObject {{u"reason"_qs, received}} << u"delta"_qs << u"required"_qs;
    QTest::newRow("delta zero") << QJsonObject {{u"delta"_qs, 0}, {u"reason"_qs, u"counted"_qs}}
                                << u"delta"_qs << invalid;
    QTest::newRow("delta fraction")
        << QJsonObject {{u"delta"_qs, 1.5}, {u"reason"_qs, received}} << u"delta"_qs << invalid;
    QTest::newRow("delta text") << QJsonObject {{u"delta"_qs, u"3"_qs}, {u"reason"_qs, received}}
                                << u"delta"_qs << invalid;
    QTest::newRow("delta too large")
        << QJsonObject {{u"delta"_qs, 1000001}, {u"reason"_qs, received}} << u"delta"_qs << invalid;
    QTest::newRow("delta too small")
        << QJsonObject {{u"delta"_qs, -1000001}, {u"reason"_qs, u"counted"_qs}} << u"delta"_qs
        << invalid;
    QTest::newRow("reason missing")
        << QJsonObject {{u"delta"_qs, 1}} << u"reason"_qs << u"required"_qs;
    QTest::newRow("reason unknown")
        << QJsonObject {{u"delta"_qs, 1}, {u"reason"_qs, u"found"_qs}} << u"reason"_qs << invalid;
    QTest::newRow("reason order (the orders module's)")
        << QJsonObject {{u"delta"_qs, -1}, {u"reason"_qs, u"order"_qs}} << u"reason"_qs << invalid;
    QTest::newRow("reason number")
        << QJsonObject {{u"delta"_qs, 1}, {u"reason"_qs, 1}} << u"reason"_qs << invalid;
    QTest::newRow("received negative")
        << QJsonObject {{u"delta"_qs, -1}, {u"reason"_qs, received}} << u"delta"_qs << u"sign"_qs;
    QTest::newRow("returned negative")
        << QJsonObject {{u"delta"_qs, -1}, {u"reason"_qs, u"returned"_qs}} << u"delta"_qs
        << u"sign"_qs;
    QTest::newRow("damaged positive")
        << QJsonObject {{u"delta"_qs, 1}, {u"reason"_qs, u"damaged"_qs}} << u"delta"_qs
        << u"sign"_qs;
    QTest::newRow("note too long") << QJsonObject {{u"delta"_qs, 1},
                                                   {u"reason"_qs, received},
                                                   {u"note"_qs, QString(501, u'n')}}
                                   << u"note"_qs << u"too_long"_qs;
    QTest::newRow("note control") << QJsonObject {{u"delta"_qs, 1},
                                                  {u"reason"_qs, received},
                                                  {u"note"_qs, u"a\u0007"_qs}}
                                  << u"note"_qs << invalid;
    QTest::newRow("note number") << QJsonObject {{u"delta"_qs, 1},
                                                 {u"reason"_qs, received},
                                                 {u"note"_qs, 7}}
                                 << u"note"_qs << invalid;
    QTest::newRow("unknown member")
        << QJsonObject {{u"delta"_qs, 1}, {u"reason"_qs, received}, {u"quantity"_qs, 7}}
        << u"quantity"_qs << u"unknown"_qs;
}

void TestAdminStock::stockValidation()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);
    QFETCH(QString, code);
    static QJsonObject target;
    if (target.isEmpty()) {
        target = createdProduct();
        QVERIFY(!target.isEmpty());
    }
    const QString id = target[u"id"].toString();
    const qint64 movements = f.scalar(QStringLiteral("SELECT count(*) FROM stock_movements"));
    const HttpReply reply = send("POST", "/api/admin/products/" + id.toLatin1() + "/stock", body);
    QVERIFY2(reply.status == 422, qPrintable(describe(reply)));
    const QJsonArray errors = reply.json()[u"errors"].toArray();
    QVERIFY2(errors.size() == 1, reply.body.constData());
    QCOMPARE(errors[0][u"field"].toString(), field);
    QCOMPARE(errors[0][u"code"].toString(), code);
    QCOMPARE(f.stock(id), 10);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM stock_movements")), movements);
}

void TestAdminStock::stockRacesOrders()
{
    constexpr int Orders = 50;
    constexpr int Adjustments = 30;
    constexpr int Rounds = 3;
    QRandomGenerator random(20261205);
    for (int round = 0; round < Rounds; ++round) {
        constexpr int Initial = 60;
        const QString product = f.product(250, Initial);
        std::vector<Customer> customers;
        for (int i = 0; i < Orders; ++i) {
            customers.push_back(f.customer());
            f.addToCart(customers.back(), product, 1 + int(random.bounded(3)));
        }
        struct Outcome
        {
            bool order = false;
            int delta = 0;
            int status = 0;
            QByteArray body;
        };
        std::vector<std::function<Outcome()>> tasks;
        for (const Customer &c : customers) {
            tasks.emplace_back([this, c] {
                const HttpReply reply = f.placeOrder(c, QUuid::createUuid().toByteArray());
                return Outcome {true, 0, reply.status, reply.body};
            });
        }
        for (int i = 0; i < Adjustments; ++i) {
            // Mostly removals, enough of them to hit zero now and then.
            const int delta = random.bounded(3) == 0 ? 1 + int(random.bounded(10))
                                                     : -(1 + int(random.bounded(8)));
            const QString reason =
                delta > 0 ? QStringLiteral("received") : QStringLiteral("damaged");
            tasks.emplace_back([this, product, delta, reason] {
                const HttpReply reply =
                    send("POST", "/api/admin/products/" + product.toLatin1() + "/stock",
                         {{QStringLiteral("delta"), delta}, {QStringLiteral("reason"), reason}});
                return Outcome {false, delta, reply.status, reply.body};
            });
        }
        const std::vector<Outcome> outcomes = race<Outcome>(tasks);
        int applied = 0;
        int appliedCount = 0;
        int refusedAdjustments = 0;
        int placed = 0;
        for (const Outcome &o : outcomes) {
            if (o.order) {
                QVERIFY2(o.status == 201 || o.status == 409,
                         qPrintable(QString::number(o.status) + u' ' + QString::fromUtf8(o.body)));
                placed += o.status == 201 ? 1 : 0;
            } else if (o.status == 200) {
                applied += o.delta;
                ++appliedCount;
            } else {
                QVERIFY2(o.status == 409 && o.delta < 0,
                         qPrintable(QString::number(o.status) + u' ' + QString::fromUtf8(o.body)));
                const QJsonObject line =
                    QJsonDocument::fromJson(o.body).object()[u"lines"][0].toObject();
                QVERIFY(line[u"available"].toInt() >= 0);
                QVERIFY(line[u"available"].toInt() < -o.delta);
                ++refusedAdjustments;
            }
        }
        const qint64 ordered = f.scalar(QStringLiteral("SELECT coalesce(sum(quantity), 0) FROM "
                                                       "order_items WHERE product_id = ?::uuid"),
                                        {product});
        const int stock = f.stock(product);
        qInfo("round %d: %d orders placed (%lld units), %d adjustments applied (sum %d), %d "
              "refused, stock %d",
              round, placed, ordered, appliedCount, applied, refusedAdjustments, stock);
        QVERIFY(stock >= 0);
        QCOMPARE(qint64(stock), Initial + applied - ordered);
        // Every applied adjustment is one movement, whose resulting stocks were never negative.
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE product_id "
                                         "= ?::uuid"),
                          {product}),
                 appliedCount);
        QCOMPARE(f.scalar(QStringLiteral("SELECT coalesce(sum(delta), 0) FROM stock_movements "
                                         "WHERE product_id = ?::uuid"),
                          {product}),
                 applied);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE product_id "
                                         "= ?::uuid AND resulting_stock < 0"),
                          {product}),
                 0);
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE target_id = ? "
                                         "AND action = 'product.stock'"),
                          {product}),
                 appliedCount);
        QVERIFY(placed > 0);
        QVERIFY(appliedCount > 0);
    }
}

void TestAdminStock::stockIdempotencyKey()
{
    const QString id = createdProduct()[u"id"].toString(); // 10 in stock
    const QString other = createdProduct()[u"id"].toString();
    const QByteArray path = "/api/admin/products/" + id.toLatin1() + "/stock";
    const QJsonObject body {{QStringLiteral("delta"), 4},
                            {QStringLiteral("reason"), QStringLiteral("received")},
                            {QStringLiteral("note"), QStringLiteral("scanner 2")}};
    const auto movements = [this](const QString &product) {
        return f.scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE product_id = "
                                       "?::uuid AND note = 'scanner 2'"),
                        {product});
    };
    const qint64 audits = auditCount();

    // The same key twice (a scanner retrying after a timeout): one movement, the same answer.
    const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const HttpReply first = send("POST", path, body, {{"Idempotency-Key", key}});
    QVERIFY2(first.status == 200, qPrintable(describe(first)));
    QCOMPARE(first.json()[u"stock_quantity"].toInt(), 14);
    QVERIFY(first.header("idempotent-replayed").isEmpty());
    const HttpReply again = send("POST", path, body, {{"Idempotency-Key", key}});
    QVERIFY2(again.status == 200, qPrintable(describe(again)));
    QCOMPARE(again.body, first.body);
    QCOMPARE(again.header("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(f.stock(id), 14);
    QCOMPARE(movements(id), 1);
    QCOMPARE(auditCount(), audits + 1);

    // The same key with another body, or for another product: refused, nothing changes.
    QJsonObject changed = body;
    changed[u"delta"_qs] = 5;
    const HttpReply mismatch = send("POST", path, changed, {{"Idempotency-Key", key}});
    QCOMPARE(mismatch.status, 422);
    QCOMPARE(mismatch.header("content-type"), QByteArray("application/problem+json"));
    QCOMPARE(send("POST", "/api/admin/products/" + other.toLatin1() + "/stock", body,
                  {{"Idempotency-Key", key}})
                 .status,
             422);
    QCOMPARE(f.stock(id), 14);
    QCOMPARE(f.stock(other), 10);
    QCOMPARE(movements(other), 0);

    // Scoped to the route: the same key for an order is another key (here: refused for the
    // order's own reasons, an empty cart, not as a mismatch of this adjustment).
    const HttpReply order = f.server().request("POST", "/api/orders",
                                               {{"Authorization", "Bearer " + m_admin.token},
                                                {"Content-Type", "application/json"},
                                                {"Idempotency-Key", key}},
                                               OrderFixture::json({}), 60000);
    QVERIFY2(!order.body.contains("different request"), qPrintable(describe(order)));
    // Scoped to the user: another admin's identical request with the key is its own.
    const Customer second = f.customer(QStringLiteral("admin"));
    const HttpReply theirs = f.server().request("POST", path,
                                                {{"Authorization", "Bearer " + second.token},
                                                 {"Content-Type", "application/json"},
                                                 {"Idempotency-Key", key}},
                                                OrderFixture::json(body), 60000);
    QVERIFY2(theirs.status == 200, qPrintable(describe(theirs)));
    QVERIFY(theirs.header("idempotent-replayed").isEmpty());
    QCOMPARE(f.stock(id), 18);

    // Invalid input is not kept: the key is released and may be used for the corrected request.
    const QByteArray fixedKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    QCOMPARE(send("POST", path,
                  {{QStringLiteral("delta"), -1}, {QStringLiteral("reason"), u"received"_qs}},
                  {{"Idempotency-Key", fixedKey}})
                 .status,
             422);
    const HttpReply fixed = send(
        "POST", path, {{QStringLiteral("delta"), 1}, {QStringLiteral("reason"), u"received"_qs}},
        {{"Idempotency-Key", fixedKey}});
    QVERIFY2(fixed.status == 200, qPrintable(describe(fixed)));
    QCOMPARE(f.stock(id), 19);
    // Too little stock is a final answer, replayed as it was.
    const QByteArray shortKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QJsonObject removal {{QStringLiteral("delta"), -500},
                               {QStringLiteral("reason"), u"damaged"_qs}};
    const HttpReply refused = send("POST", path, removal, {{"Idempotency-Key", shortKey}});
    QCOMPARE(refused.status, 409);
    const HttpReply refusedAgain = send("POST", path, removal, {{"Idempotency-Key", shortKey}});
    QCOMPARE(refusedAgain.status, 409);
    QCOMPARE(refusedAgain.body, refused.body);
    QCOMPARE(refusedAgain.header("idempotent-replayed"), QByteArray("true"));
    // A malformed key: 400.
    QCOMPARE(send("POST", path, body, {{"Idempotency-Key", QByteArray(256, 'k')}}).status, 400);
    QCOMPARE(f.stock(id), 19);

    // Concurrent requests with one key: exactly one movement; each answer is the movement
    // (first or replayed) or 409 while the first still runs.
    const QString racing = createdProduct()[u"id"].toString();
    const QByteArray racingPath = "/api/admin/products/" + racing.toLatin1() + "/stock";
    const QByteArray racingKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    std::vector<std::function<HttpReply()>> tasks;
    for (int i = 0; i < 12; ++i) {
        tasks.emplace_back([this, racingPath, racingKey, body] {
            return send("POST", racingPath, body, {{"Idempotency-Key", racingKey}});
        });
    }
    const std::vector<HttpReply> replies = race<HttpReply>(tasks);
    QByteArray answer;
    int answered = 0;
    for (const HttpReply &r : replies) {
        QVERIFY2(r.status == 200 || r.status == 409, qPrintable(describe(r)));
        if (r.status == 200) {
            QVERIFY(answer.isEmpty() || answer == r.body);
            answer = r.body;
            ++answered;
        }
    }
    QVERIFY(answered >= 1);
    QCOMPARE(movements(racing), 1);
    QCOMPARE(f.stock(racing), 14);
    // Once the first has answered, a retry reads its answer.
    const HttpReply late = send("POST", racingPath, body, {{"Idempotency-Key", racingKey}});
    QCOMPARE(late.status, 200);
    QCOMPARE(late.body, answer);
}

QTEST_GUILESS_MAIN(TestAdminStock)
#include "tst_adminstock.moc"
