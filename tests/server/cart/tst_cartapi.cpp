// The cart module end to end: the whole shop-server in process on a real socket and a fresh
// PostgreSQL database; customers registered and signed in through the API (Bearer tokens).
// - add, merge, change, remove, empty; the cart made on first use;
// - the rules: quantities 0, -1, 100, 1e9, 1.5, "x" (on add and on change), 99 + 1 by merging;
//   unknown, inactive, malformed and foreign-currency products;
// - a price changed after adding (both prices shown), an inactive product left out of the totals;
// - tax by a saved address, by country and region, by the default address, or none; free
//   shipping from the threshold;
// - IDOR: another customer's line ids are 404 on PUT and DELETE and change nothing;
// - anonymous 401, malformed JSON 400, wrong content type 415;
// - 8 concurrent adds of one product: all succeed and add up, never beyond 99.

#include "db/database.h"
#include "serialize/commercejson.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace Shop;
using namespace Shop::Tests;
using Headers = QList<std::pair<QByteArray, QByteArray>>;

namespace {

const QString kSecretB64 =
    QStringLiteral("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="); // 32 bytes
const QString kPassword = QStringLiteral("correct horse battery 42");

// The store: fixed ids so that the tests can name them.
const QString kMug = QStringLiteral("10000000-0000-4000-8000-000000000001"); // 1299 USD, 5 left
const QString kLamp = QStringLiteral("10000000-0000-4000-8000-000000000002"); // 2500 USD, none left
const QString kRetired = QStringLiteral("10000000-0000-4000-8000-000000000003"); // inactive
const QString kEuro = QStringLiteral("10000000-0000-4000-8000-000000000004"); // 1000 EUR
const QString kPen = QStringLiteral("10000000-0000-4000-8000-000000000005"); // 100 USD
const QString kUnknown = QStringLiteral("10000000-0000-4000-8000-0000000000ff");

struct Customer
{
    QString id;
    QByteArray token;
};

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QStringList fieldCodes(const HttpReply &reply)
{
    QStringList codes;
    for (const QJsonValue &e : reply.json().value(QStringLiteral("errors")).toArray()) {
        codes << e[QStringLiteral("field")].toString() + u':'
                + e[QStringLiteral("code")].toString();
    }
    return codes;
}

QJsonArray items(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("items")).toArray();
}

QJsonObject line(const HttpReply &reply, const QString &productId)
{
    for (const QJsonValue &item : items(reply)) {
        if (item[QStringLiteral("product_id")].toString() == productId) {
            return item.toObject();
        }
    }
    return {};
}

qint64 number(const HttpReply &reply, const char *field)
{
    return reply.json().value(QLatin1StringView(field)).toInteger(-1);
}

QJsonObject add(const QString &productId, const QJsonValue &quantity)
{
    return {{QStringLiteral("product_id"), productId}, {QStringLiteral("quantity"), quantity}};
}

} // namespace

class TestCartApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void anonymousIs401();
    void addMergeChangeRemoveClear();
    void quantitiesAreChecked_data();
    void quantitiesAreChecked();
    void mergingBeyond99IsRefused();
    void productsAreChecked_data();
    void productsAreChecked();
    void malformedRequests();
    void priceChangeAndInactiveProduct();
    void otherCustomersLinesAre404();
    void taxByDestination();
    void taxParametersAreChecked_data();
    void taxParametersAreChecked();
    void freeShippingFromTheThreshold();
    void concurrentAddsOfOneProduct();

private:
    [[nodiscard]] Customer signUp(const QString &email);
    [[nodiscard]] HttpReply call(const QByteArray &method, const QByteArray &target,
                                 const Customer &who, const QJsonObject &body = {}) const;
    [[nodiscard]] HttpReply get(const Customer &who, const QByteArray &query = {}) const
    {
        return call("GET", "/api/cart" + query, who);
    }
    [[nodiscard]] HttpReply addItem(const Customer &who, const QString &productId,
                                    const QJsonValue &quantity) const
    {
        return call("POST", "/api/cart/items", who, add(productId, quantity));
    }
    [[nodiscard]] bool sql(const QString &statement, const QVariantList &values = {}) const;
    [[nodiscard]] qint64 scalar(const QString &sql, const QVariantList &values = {}) const;

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_server;
    int m_counter = 0;
};

void TestCartApi::initTestCase()
{
    auto db = TestDatabase::create();
    SHOP_VERIFY_OK(db);
    m_db = std::move(*db);
    QVERIFY(
        sql(QStringLiteral(
                "INSERT INTO products (id, name, price, currency, sku, stock_quantity, image_url, "
                "is_active) VALUES "
                "('%1', 'Blue mug', 1299, 'USD', 'MUG-1', 5, '/media/products/mug-1.svg', true), "
                "('%2', 'Desk lamp', 2500, 'USD', 'LAMP-1', 0, NULL, true), "
                "('%3', 'Old radio', 999, 'USD', 'RADIO-1', 3, NULL, false), "
                "('%4', 'Euro clock', 1000, 'EUR', 'CLOCK-1', 3, NULL, true), "
                "('%5', 'Pen', 100, 'USD', 'PEN-1', 1000, NULL, true)")
                .arg(kMug, kLamp, kRetired, kEuro, kPen)));
    QVERIFY(sql(QStringLiteral("INSERT INTO tax_rates (country, region, rate_ppm) VALUES "
                               "('US', 'NY', 88750), ('US', 'CA', 72500), ('DE', '', 190000)")));

    Server::ServerConfig config;
    config.database = m_db->config();
    config.database.poolSize = 4;
    config.auth.signingKeys = QStringLiteral("test:") + kSecretB64;
    config.auth.hashThreads = 2;
    config.jobs.workers = 0; // the welcome emails stay queued: no mail here
    config.http.rateLimit.authPer15Min = 100000;
    config.http.rateLimit.accountPerMin = 100000;
    config.auth.registrationsPerIp = 1000;
    m_server = std::make_unique<TestServer>(config);
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
}

void TestCartApi::cleanupTestCase()
{
    m_server.reset();
    m_db.reset();
}

Customer TestCartApi::signUp(const QString &email)
{
    const HttpReply reply =
        m_server->request("POST", "/api/auth/register", {{"Content-Type", "application/json"}},
                          json({{QStringLiteral("email"), email},
                                {QStringLiteral("password"), kPassword},
                                {QStringLiteral("first_name"), QStringLiteral("Ada")}}),
                          30000);
    if (reply.status != 201) {
        qWarning() << "register" << reply.status << reply.body;
        return {};
    }
    return {reply.json()[QStringLiteral("user")][QStringLiteral("id")].toString(),
            reply.json()[QStringLiteral("access_token")].toString().toLatin1()};
}

HttpReply TestCartApi::call(const QByteArray &method, const QByteArray &target, const Customer &who,
                            const QJsonObject &body) const
{
    Headers headers;
    if (!who.token.isEmpty()) {
        headers.append(std::pair<QByteArray, QByteArray>("Authorization", "Bearer " + who.token));
    }
    if (method == "POST" || method == "PUT") {
        headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
        return m_server->request(method, target, headers, json(body), 30000);
    }
    return m_server->request(method, target, headers, {}, 30000);
}

bool TestCartApi::sql(const QString &statement, const QVariantList &values) const
{
    auto db = Db::threadConnection();
    return db && Db::exec(*db, statement, values).has_value();
}

qint64 TestCartApi::scalar(const QString &sql, const QVariantList &values) const
{
    auto db = Db::threadConnection();
    if (!db) {
        return -1;
    }
    auto q = Db::exec(*db, sql, values);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

void TestCartApi::anonymousIs401()
{
    const Customer anonymous;
    const QByteArray line = "/api/cart/items/" + kMug.toLatin1();
    for (const auto &[method, target] :
         QList<std::pair<QByteArray, QByteArray>> {{"GET", "/api/cart"},
                                                   {"DELETE", "/api/cart"},
                                                   {"POST", "/api/cart/items"},
                                                   {"PUT", line},
                                                   {"DELETE", line}}) {
        const HttpReply reply = call(method, target, anonymous, add(kMug, 1));
        QVERIFY2(reply.status == 401, QByteArray(method + ' ' + target).constData());
        QVERIFY(reply.header("www-authenticate").startsWith("Bearer"));
    }
    const HttpReply forged = call("GET", "/api/cart", Customer {{}, "not.a.token"});
    QCOMPARE(forged.status, 401);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM carts")), 0);
}

void TestCartApi::addMergeChangeRemoveClear()
{
    const Customer ada = signUp(QStringLiteral("flow@cart.test"));
    QVERIFY(!ada.token.isEmpty());

    // No cart yet: an empty one, never written.
    HttpReply reply = get(ada);
    QCOMPARE(reply.status, 200);
    QCOMPARE(items(reply).size(), 0);
    QCOMPARE(number(reply, "total"), 0);
    QCOMPARE(number(reply, "shipping_cost"), 0);
    QVERIFY(reply.json().value(QStringLiteral("updated_at")).isNull());
    QCOMPARE(reply.header("cache-control"), QByteArrayLiteral("no-store"));

    reply = addItem(ada, kMug, 2);
    QCOMPARE(reply.status, 201);
    QCOMPARE(items(reply).size(), 1);
    QJsonObject mug = line(reply, kMug);
    QCOMPARE(mug[QStringLiteral("quantity")].toInt(), 2);
    QCOMPARE(mug[QStringLiteral("unit_price")].toInteger(), 1299);
    QCOMPARE(mug[QStringLiteral("price_at_add")].toInteger(), 1299);
    QCOMPARE(mug[QStringLiteral("line_total")].toInteger(), 2598);
    QCOMPARE(mug[QStringLiteral("price_changed")].toBool(), false);
    QCOMPARE(mug[QStringLiteral("available")].toBool(), true);
    QCOMPARE(mug[QStringLiteral("stock_quantity")].toInt(), 5);
    QCOMPARE(mug[QStringLiteral("name")].toString(), QStringLiteral("Blue mug"));
    QCOMPARE(mug[QStringLiteral("sku")].toString(), QStringLiteral("MUG-1"));
    QCOMPARE(mug[QStringLiteral("image_url")].toString(),
             QStringLiteral("/media/products/mug-1.svg"));
    QCOMPARE(number(reply, "subtotal"), 2598);
    QCOMPARE(number(reply, "tax"), 0);
    QCOMPARE(reply.json().value(QStringLiteral("tax_basis")).toString(), QStringLiteral("none"));
    QCOMPARE(number(reply, "shipping_cost"), 499);
    QCOMPARE(number(reply, "total"), 2598 + 499);
    QCOMPARE(number(reply, "item_count"), 2);
    QCOMPARE(reply.json().value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
    QVERIFY(!reply.json().value(QStringLiteral("updated_at")).isNull());
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM carts WHERE user_id = ?::uuid"), {ada.id}),
             1);
    // The apps read the answer with the shared wire format (the tax fields beside it).
    const auto view = Commerce::cartViewFromJson(reply.json());
    SHOP_VERIFY_OK(view);
    QCOMPARE(view->lines.size(), 1);
    QCOMPARE(view->lines.first().priceAtAdd.minorUnits(), 1299);
    QCOMPARE(view->totals.total.minorUnits(), 2598 + 499);
    QCOMPARE(view->totals.shipping.minorUnits(), 499);

    // The same product again adds to its line.
    reply = addItem(ada, kMug, 3);
    QCOMPARE(reply.status, 201);
    QCOMPARE(items(reply).size(), 1);
    QCOMPARE(line(reply, kMug)[QStringLiteral("quantity")].toInt(), 5);
    const QString mugLine = line(reply, kMug)[QStringLiteral("id")].toString();

    // A product out of stock can be added: stock is shown, not reserved.
    reply = addItem(ada, kLamp, 1);
    QCOMPARE(reply.status, 201);
    QCOMPARE(items(reply).size(), 2);
    QCOMPARE(line(reply, kLamp)[QStringLiteral("stock_quantity")].toInt(), 0);
    QVERIFY(line(reply, kLamp)[QStringLiteral("image_url")].isNull());
    const QString lampLine = line(reply, kLamp)[QStringLiteral("id")].toString();
    QCOMPARE(number(reply, "subtotal"), 5 * 1299 + 2500);
    QCOMPARE(number(reply, "item_count"), 6);

    reply = call("PUT", "/api/cart/items/" + mugLine.toLatin1(), ada,
                 {{QStringLiteral("quantity"), 1}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(line(reply, kMug)[QStringLiteral("quantity")].toInt(), 1);
    QCOMPARE(number(reply, "subtotal"), 1299 + 2500);

    reply = call("DELETE", "/api/cart/items/" + lampLine.toLatin1(), ada);
    QCOMPARE(reply.status, 200);
    QCOMPARE(items(reply).size(), 1);
    QCOMPARE(number(reply, "subtotal"), 1299);
    // Gone: a second delete and a change are 404.
    QCOMPARE(call("DELETE", "/api/cart/items/" + lampLine.toLatin1(), ada).status, 404);
    QCOMPARE(call("PUT", "/api/cart/items/" + lampLine.toLatin1(), ada,
                  {{QStringLiteral("quantity"), 2}})
                 .status,
             404);

    reply = call("DELETE", "/api/cart", ada);
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());
    reply = get(ada);
    QCOMPARE(items(reply).size(), 0);
    QCOMPARE(number(reply, "total"), 0);
    QCOMPARE(number(reply, "shipping_cost"), 0);
    // Emptying an empty cart, or a cart never made, is fine too.
    QCOMPARE(call("DELETE", "/api/cart", ada).status, 204);
    const Customer never = signUp(QStringLiteral("never@cart.test"));
    QCOMPARE(call("DELETE", "/api/cart", never).status, 204);
}

void TestCartApi::quantitiesAreChecked_data()
{
    QTest::addColumn<QJsonValue>("quantity");
    QTest::addColumn<QString>("code");
    QTest::newRow("0") << QJsonValue(0) << QStringLiteral("quantity:out_of_range");
    QTest::newRow("-1") << QJsonValue(-1) << QStringLiteral("quantity:out_of_range");
    QTest::newRow("100") << QJsonValue(100) << QStringLiteral("quantity:out_of_range");
    QTest::newRow("1e9") << QJsonValue(1e9) << QStringLiteral("quantity:out_of_range");
    QTest::newRow("1.5") << QJsonValue(1.5) << QStringLiteral("quantity:not_an_integer");
    QTest::newRow("\"x\"") << QJsonValue(QStringLiteral("x"))
                           << QStringLiteral("quantity:not_an_integer");
    QTest::newRow("\"2\"") << QJsonValue(QStringLiteral("2"))
                           << QStringLiteral("quantity:not_an_integer");
    QTest::newRow("null") << QJsonValue(QJsonValue::Null)
                          << QStringLiteral("quantity:not_an_integer");
    QTest::newRow("true") << QJsonValue(true) << QStringLiteral("quantity:not_an_integer");
}

void TestCartApi::quantitiesAreChecked()
{
    QFETCH(QJsonValue, quantity);
    QFETCH(QString, code);
    const Customer ada = signUp(QStringLiteral("quantity%1@cart.test").arg(++m_counter));
    HttpReply reply = addItem(ada, kMug, quantity);
    QCOMPARE(reply.status, 422);
    QCOMPARE(fieldCodes(reply), QStringList {code});
    QCOMPARE(items(get(ada)).size(), 0);

    // The same values when changing a line.
    reply = addItem(ada, kMug, 3);
    QCOMPARE(reply.status, 201);
    const QByteArray target = "/api/cart/items/" + items(reply)[0][u"id"].toString().toLatin1();
    reply = call("PUT", target, ada, {{QStringLiteral("quantity"), quantity}});
    QCOMPARE(reply.status, 422);
    QCOMPARE(fieldCodes(reply), QStringList {code});
    QCOMPARE(line(get(ada), kMug)[QStringLiteral("quantity")].toInt(), 3);
    // A missing quantity is refused as well; boundaries 1 and 99 are fine.
    reply = call("PUT", target, ada, {});
    QCOMPARE(reply.status, 422);
    QCOMPARE(fieldCodes(reply), QStringList {QStringLiteral("quantity:not_an_integer")});
    QCOMPARE(call("PUT", target, ada, {{QStringLiteral("quantity"), 99}}).status, 200);
    QCOMPARE(call("PUT", target, ada, {{QStringLiteral("quantity"), 1}}).status, 200);
}

void TestCartApi::mergingBeyond99IsRefused()
{
    const Customer ada = signUp(QStringLiteral("ninetynine@cart.test"));
    QCOMPARE(addItem(ada, kPen, 98).status, 201);
    HttpReply reply = addItem(ada, kPen, 2);
    QCOMPARE(reply.status, 422);
    QCOMPARE(fieldCodes(reply), QStringList {QStringLiteral("quantity:out_of_range")});
    QCOMPARE(line(get(ada), kPen)[QStringLiteral("quantity")].toInt(), 98);
    QCOMPARE(addItem(ada, kPen, 1).status, 201);
    reply = addItem(ada, kPen, 1);
    QCOMPARE(reply.status, 422);
    QCOMPARE(fieldCodes(reply), QStringList {QStringLiteral("quantity:out_of_range")});
    QCOMPARE(line(get(ada), kPen)[QStringLiteral("quantity")].toInt(), 99);
}

void TestCartApi::productsAreChecked_data()
{
    QTest::addColumn<QJsonValue>("product");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown") << QJsonValue(kUnknown) << QStringLiteral("product_id:unknown");
    QTest::newRow("inactive") << QJsonValue(kRetired) << QStringLiteral("product_id:inactive");
    QTest::newRow("other currency") << QJsonValue(kEuro) << QStringLiteral("product_id:currency");
    QTest::newRow("malformed") << QJsonValue(QStringLiteral("not-a-uuid"))
                               << QStringLiteral("product_id:invalid");
    QTest::newRow("braced") << QJsonValue(u'{' + kMug + u'}')
                            << QStringLiteral("product_id:invalid");
    QTest::newRow("injection") << QJsonValue(QStringLiteral("' OR 1=1 --"))
                               << QStringLiteral("product_id:invalid");
    QTest::newRow("number") << QJsonValue(5) << QStringLiteral("product_id:invalid");
    QTest::newRow("missing") << QJsonValue(QJsonValue::Null)
                             << QStringLiteral("product_id:required");
}

void TestCartApi::productsAreChecked()
{
    QFETCH(QJsonValue, product);
    QFETCH(QString, code);
    const Customer ada = signUp(QStringLiteral("product%1@cart.test").arg(++m_counter));
    // With a line in the cart, so that the other-currency case is a mixed cart.
    QCOMPARE(addItem(ada, kMug, 1).status, 201);
    const HttpReply reply =
        call("POST", "/api/cart/items", ada,
             {{QStringLiteral("product_id"), product}, {QStringLiteral("quantity"), 1}});
    QCOMPARE(reply.status, 422);
    QCOMPARE(fieldCodes(reply), QStringList {code});
    QCOMPARE(items(get(ada)).size(), 1);
}

void TestCartApi::malformedRequests()
{
    const Customer ada = signUp(QStringLiteral("malformed@cart.test"));
    const HttpReply added = addItem(ada, kMug, 1);
    QCOMPARE(added.status, 201);
    const QByteArray target = "/api/cart/items/" + items(added)[0][u"id"].toString().toLatin1();
    const Headers bearer {{"Authorization", "Bearer " + ada.token}};
    for (const auto &[method, path] :
         QList<std::pair<QByteArray, QByteArray>> {{"POST", "/api/cart/items"}, {"PUT", target}}) {
        const HttpReply notJson = m_server->request(
            method, path, bearer + Headers {{"Content-Type", "application/json"}}, "{nope", 30000);
        QVERIFY2(notJson.status == 400, path.constData());
        QCOMPARE(notJson.header("content-type"), QByteArrayLiteral("application/problem+json"));
        const HttpReply array = m_server->request(
            method, path, bearer + Headers {{"Content-Type", "application/json"}}, "[1]", 30000);
        QVERIFY2(array.status == 400, path.constData());
        const HttpReply wrongType = m_server->request(
            method, path, bearer + Headers {{"Content-Type", "text/plain"}}, "{}", 30000);
        QVERIFY2(wrongType.status == 415, path.constData());
    }
    // Unknown members are refused (no mass assignment of prices).
    HttpReply reply = call("POST", "/api/cart/items", ada,
                           {{QStringLiteral("product_id"), kMug},
                            {QStringLiteral("quantity"), 1},
                            {QStringLiteral("price_at_add"), 1}});
    QCOMPARE(reply.status, 422);
    QCOMPARE(fieldCodes(reply), QStringList {QStringLiteral("price_at_add:unknown")});
    reply = call("PUT", target, ada,
                 {{QStringLiteral("quantity"), 2}, {QStringLiteral("unit_price"), 1}});
    QCOMPARE(reply.status, 422);
    // Malformed line ids are 404 like unknown ones, never 500.
    for (const QByteArray &id : {QByteArray("nope"), QByteArray("1"), QByteArray("%27%20OR%201")}) {
        QCOMPARE(
            call("PUT", "/api/cart/items/" + id, ada, {{QStringLiteral("quantity"), 1}}).status,
            404);
        QCOMPARE(call("DELETE", "/api/cart/items/" + id, ada).status, 404);
    }
    QCOMPARE(line(get(ada), kMug)[QStringLiteral("quantity")].toInt(), 1);
}

void TestCartApi::priceChangeAndInactiveProduct()
{
    const Customer ada = signUp(QStringLiteral("prices@cart.test"));
    QCOMPARE(addItem(ada, kMug, 2).status, 201);
    QCOMPARE(addItem(ada, kLamp, 1).status, 201);
    QVERIFY(sql(QStringLiteral("UPDATE products SET price = 1499 WHERE id = ?::uuid"), {kMug}));
    auto restore = qScopeGuard([this] {
        QVERIFY(sql(QStringLiteral("UPDATE products SET price = 1299 WHERE id = ?::uuid"), {kMug}));
        QVERIFY(sql(QStringLiteral("UPDATE products SET is_active = true WHERE id = ?::uuid"),
                    {kLamp}));
    });
    HttpReply reply = get(ada);
    QCOMPARE(reply.status, 200);
    QJsonObject mug = line(reply, kMug);
    QCOMPARE(mug[QStringLiteral("unit_price")].toInteger(), 1499);
    QCOMPARE(mug[QStringLiteral("price_at_add")].toInteger(), 1299);
    QCOMPARE(mug[QStringLiteral("price_changed")].toBool(), true);
    QCOMPARE(mug[QStringLiteral("line_total")].toInteger(), 2998);
    QCOMPARE(line(reply, kLamp)[QStringLiteral("price_changed")].toBool(), false);
    // The totals use the current price.
    QCOMPARE(number(reply, "subtotal"), 2998 + 2500);
    QCOMPARE(number(reply, "shipping_cost"), 0); // 54.98 >= 50.00

    // A product no longer sold stays in the cart, marked, and out of the totals.
    QVERIFY(
        sql(QStringLiteral("UPDATE products SET is_active = false WHERE id = ?::uuid"), {kLamp}));
    reply = get(ada);
    QCOMPARE(items(reply).size(), 2);
    QCOMPARE(line(reply, kLamp)[QStringLiteral("available")].toBool(), false);
    QCOMPARE(line(reply, kMug)[QStringLiteral("available")].toBool(), true);
    QCOMPARE(number(reply, "subtotal"), 2998);
    QCOMPARE(number(reply, "item_count"), 2);
    QCOMPARE(number(reply, "shipping_cost"), 499);
    QCOMPARE(number(reply, "total"), 2998 + 499);
    // Adding it again is refused; the line can still be removed.
    reply = addItem(ada, kLamp, 1);
    QCOMPARE(fieldCodes(reply), QStringList {QStringLiteral("product_id:inactive")});

    // Adding the product again takes the price of that moment.
    reply = addItem(ada, kMug, 1);
    QCOMPARE(reply.status, 201);
    mug = line(reply, kMug);
    QCOMPARE(mug[QStringLiteral("quantity")].toInt(), 3);
    QCOMPARE(mug[QStringLiteral("price_at_add")].toInteger(), 1499);
    QCOMPARE(mug[QStringLiteral("price_changed")].toBool(), false);
}

void TestCartApi::otherCustomersLinesAre404()
{
    const Customer ada = signUp(QStringLiteral("victim@cart.test"));
    const Customer eve = signUp(QStringLiteral("attacker@cart.test"));
    HttpReply reply = addItem(ada, kMug, 2);
    QCOMPARE(reply.status, 201);
    const QByteArray adasLine = "/api/cart/items/" + items(reply)[0][u"id"].toString().toLatin1();
    const QByteArray before = get(ada).body;

    // Eve without a cart, then with one: Ada's line is not found either way.
    for (int round = 0; round < 2; ++round) {
        reply = call("PUT", adasLine, eve, {{QStringLiteral("quantity"), 9}});
        QCOMPARE(reply.status, 404);
        QCOMPARE(call("DELETE", adasLine, eve).status, 404);
        QCOMPARE(addItem(eve, kPen, 1).status, 201);
    }
    QCOMPARE(call("DELETE", "/api/cart", eve).status, 204);
    // A line id that never existed answers exactly the same as Ada's.
    const QByteArray unknown = "/api/cart/items/" + kUnknown.toLatin1();
    QCOMPARE(call("PUT", unknown, eve, {{QStringLiteral("quantity"), 9}}).json()[u"detail"],
             call("PUT", adasLine, eve, {{QStringLiteral("quantity"), 9}}).json()[u"detail"]);
    // Ada's cart is as it was, and Eve sees only her own.
    QCOMPARE(get(ada).body, before);
    QCOMPARE(line(get(ada), kMug)[QStringLiteral("quantity")].toInt(), 2);
    QCOMPARE(items(get(eve)).size(), 0);
}

void TestCartApi::taxByDestination()
{
    const Customer ada = signUp(QStringLiteral("tax@cart.test"));
    QCOMPARE(addItem(ada, kMug, 2).status, 201); // 25.98
    const auto address = [&](const QString &country, const QString &region, bool isDefault) {
        const HttpReply reply = call("POST", "/api/users/me/addresses", ada,
                                     {{QStringLiteral("recipient_name"), QStringLiteral("Ada")},
                                      {QStringLiteral("line1"), QStringLiteral("1 Main St")},
                                      {QStringLiteral("city"), QStringLiteral("Somewhere")},
                                      {QStringLiteral("postal_code"), QStringLiteral("10001")},
                                      {QStringLiteral("country"), country},
                                      {QStringLiteral("region"), region},
                                      {QStringLiteral("is_default"), isDefault}});
        return reply.json()[QStringLiteral("id")].toString().toLatin1();
    };

    // No address: no tax, and the answer says so.
    HttpReply reply = get(ada);
    QCOMPARE(reply.json()[u"tax_basis"].toString(), QStringLiteral("none"));
    QCOMPARE(number(reply, "tax"), 0);
    QVERIFY(reply.json()[u"tax_destination"].isNull());

    const QByteArray newYork = address(QStringLiteral("US"), QStringLiteral("NY"), false);
    const QByteArray berlin = address(QStringLiteral("DE"), QString(), true);
    QVERIFY(!newYork.isEmpty() && !berlin.isEmpty());

    // The default address: Germany, 19 %: 25.98 x 0.19 = 4.9362 -> 4.94.
    reply = get(ada);
    QCOMPARE(reply.json()[u"tax_basis"].toString(), QStringLiteral("address"));
    QCOMPARE(number(reply, "tax_rate_ppm"), 190000);
    QCOMPARE(number(reply, "tax"), 494);
    QCOMPARE(reply.json()[u"tax_destination"][u"country"].toString(), QStringLiteral("DE"));
    QCOMPARE(number(reply, "total"), 2598 + 494 + 499);

    // A chosen address: New York, 8.875 %: 25.98 x 0.08875 = 2.305725 -> 2.31.
    reply = get(ada, "?address_id=" + newYork);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[u"tax_basis"].toString(), QStringLiteral("address"));
    QCOMPARE(number(reply, "tax_rate_ppm"), 88750);
    QCOMPARE(number(reply, "tax"), 231);
    QCOMPARE(number(reply, "total"), 2598 + 231 + 499);

    // A destination: California 7.25 % (25.98 x 0.0725 = 1.88355 -> 1.88); a state without a
    // rate and no rate for the country: 0; the country's rate when the region has none.
    reply = get(ada, "?country=us&region=ca");
    QCOMPARE(reply.json()[u"tax_basis"].toString(), QStringLiteral("destination"));
    QCOMPARE(number(reply, "tax_rate_ppm"), 72500);
    QCOMPARE(number(reply, "tax"), 188);
    QCOMPARE(reply.json()[u"tax_destination"][u"country"].toString(), QStringLiteral("US"));
    reply = get(ada, "?country=US&region=TX");
    QCOMPARE(number(reply, "tax_rate_ppm"), 0);
    QCOMPARE(number(reply, "tax"), 0);
    reply = get(ada, "?country=DE&region=BE");
    QCOMPARE(number(reply, "tax_rate_ppm"), 190000);
    reply = get(ada, "?country=FR");
    QCOMPARE(number(reply, "tax"), 0);
    QCOMPARE(reply.json()[u"tax_basis"].toString(), QStringLiteral("destination"));

    // Another customer's address, or one that does not exist: 404.
    const Customer eve = signUp(QStringLiteral("taxthief@cart.test"));
    QCOMPARE(get(eve, "?address_id=" + newYork).status, 404);
    QCOMPARE(get(ada, "?address_id=" + kUnknown.toLatin1()).status, 404);
}

void TestCartApi::taxParametersAreChecked_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("code");
    QTest::newRow("malformed address")
        << QByteArray("?address_id=nope") << QStringLiteral("address_id:");
    QTest::newRow("country too long") << QByteArray("?country=USA") << QStringLiteral("country:");
    QTest::newRow("country digits") << QByteArray("?country=12") << QStringLiteral("country:");
    QTest::newRow("region alone") << QByteArray("?region=NY") << QStringLiteral("country:required");
    QTest::newRow("both") << QByteArray("?address_id=" + kUnknown.toLatin1() + "&country=US")
                          << QStringLiteral("address_id:conflict");
    QTest::newRow("unknown parameter")
        << QByteArray("?coupon=FREE") << QStringLiteral("coupon:unknown");
    QTest::newRow("region too long")
        << QByteArray("?country=US&region=" + QByteArray(101, 'A')) << QStringLiteral("region:");
}

void TestCartApi::taxParametersAreChecked()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, code);
    const Customer ada = signUp(QStringLiteral("taxquery%1@cart.test").arg(++m_counter));
    const HttpReply reply = get(ada, query);
    QCOMPARE(reply.status, 422);
    QCOMPARE(fieldCodes(reply), QStringList {code});
}

void TestCartApi::freeShippingFromTheThreshold()
{
    const Customer ada = signUp(QStringLiteral("shipping@cart.test"));
    HttpReply reply = addItem(ada, kLamp, 1); // 25.00
    QCOMPARE(number(reply, "shipping_cost"), 499);
    reply = addItem(ada, kPen, 24); // 49.00
    QCOMPARE(number(reply, "subtotal"), 4900);
    QCOMPARE(number(reply, "shipping_cost"), 499);
    reply = addItem(ada, kPen, 1); // 50.00: free from here
    QCOMPARE(number(reply, "subtotal"), 5000);
    QCOMPARE(number(reply, "shipping_cost"), 0);
    QCOMPARE(number(reply, "total"), 5000);
}

void TestCartApi::concurrentAddsOfOneProduct()
{
    // A new customer: the cart itself is made by the racing requests.
    for (const int each : {5, 12, 20}) {
        const Customer ada = signUp(QStringLiteral("race%1@cart.test").arg(each));
        QVERIFY(!ada.token.isEmpty());
        std::atomic<int> created {0};
        std::atomic<int> refused {0};
        std::atomic<int> other {0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 8; ++i) {
            threads.emplace_back([&] {
                const HttpReply reply = addItem(ada, kPen, each);
                if (reply.status == 201) {
                    ++created;
                } else if (reply.status == 422
                           && fieldCodes(reply)
                               == QStringList {QStringLiteral("quantity:out_of_range")}) {
                    ++refused;
                } else {
                    qWarning() << reply.status << reply.body;
                    ++other;
                }
            });
        }
        for (std::thread &thread : threads) {
            thread.join();
        }
        const int fit = std::min(8, 99 / each);
        QCOMPARE(other.load(), 0);
        QCOMPARE(created.load(), fit);
        QCOMPARE(refused.load(), 8 - fit);
        const HttpReply reply = get(ada);
        QCOMPARE(items(reply).size(), 1);
        QCOMPARE(line(reply, kPen)[QStringLiteral("quantity")].toInt(), fit * each);
        QCOMPARE(
            scalar(QStringLiteral("SELECT count(*) FROM carts WHERE user_id = ?::uuid"), {ada.id}),
            1);
    }
}

QTEST_GUILESS_MAIN(TestCartApi)
#include "tst_cartapi.moc"
