// The staff's catalog management against the whole server (real PostgreSQL, real sockets):
// - every new route refuses anonymous callers (401) and customers (403) and changes nothing;
// - products: create, replace, soft delete, restore; every field's bad inputs answer 422 with
//   the field and its code, for POST and PUT; ETag / If-Match (412 on a stale tag, stock changes
//   do not make a tag stale); a changed price and a deactivation are visible through the public
//   catalog (cached) right after the write; the audit log has before and after;
// - categories: create, rename, move (cycles refused), delete only when empty;
// - stock: adjustments with reasons, their movements and audit entries, 409 with what is
//   available; 50 concurrent orders racing adjustments never take the stock below zero or lose an
//   update.

#include "../orders/orderfixture.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTest>

#include <functional>
#include <latch>
#include <thread>
#include <vector>

using namespace Shop;
using namespace Shop::Tests;

namespace {

const QByteArray kUnknownId = "00000000-0000-4000-8000-000000000000";

// Runs every task on a thread of its own; they start together and the call returns when all are
// done.
template<typename T>
std::vector<T> race(const std::vector<std::function<T()>> &tasks)
{
    std::vector<T> results(tasks.size());
    std::latch ready(std::ptrdiff_t(tasks.size()));
    std::vector<std::thread> threads;
    threads.reserve(tasks.size());
    for (size_t i = 0; i < tasks.size(); ++i) {
        threads.emplace_back([&, i] {
            ready.arrive_and_wait();
            results[i] = tasks[i]();
        });
    }
    for (std::thread &t : threads) {
        t.join();
    }
    return results;
}

QString describe(const HttpReply &reply)
{
    return QString::number(reply.status) + u' ' + QString::fromUtf8(reply.body.left(600));
}

} // namespace

class TestAdminCatalog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void authorisation_data();
    void authorisation();
    void createProduct();
    void productValidation_data();
    void productValidation();
    void skuTakenAndCategoryMissing();
    void readOnlyMembersAreIgnored();
    void replaceKeepsOrSetsStock();
    void etagAndIfMatch();
    void priceChangeVisibleAtOnce();
    void softDeleteHidesAtOnce();
    void categories();
    void categoryValidation_data();
    void categoryValidation();
    void categoryCycles();
    void categoryDeleteOnlyWhenEmpty();
    void stockAdjustments();
    void stockValidation_data();
    void stockValidation();
    void stockRacesOrders();
    void stockIdempotencyKey();

private:
    HttpReply send(const QByteArray &method, const QByteArray &path, const QJsonObject &body = {},
                   const Headers &extra = {}) const
    {
        Headers headers {{"Authorization", "Bearer " + m_admin.token}};
        headers += extra;
        if (method == "POST" || method == "PUT") {
            headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
            return f.server().request(method, path, headers, OrderFixture::json(body), 60000);
        }
        return f.server().request(method, path, headers, {}, 60000);
    }

    static QJsonObject validProduct(const QString &sku)
    {
        return {{QStringLiteral("sku"), sku},
                {QStringLiteral("name"), QStringLiteral("Enamel mug")},
                {QStringLiteral("description"), QStringLiteral("A mug.\nEnamel.")},
                {QStringLiteral("price"), 1299},
                {QStringLiteral("currency"), QStringLiteral("USD")},
                {QStringLiteral("brand"), QStringLiteral("Acme")},
                {QStringLiteral("image_url"), QStringLiteral("/media/products/mug.svg")},
                {QStringLiteral("stock_quantity"), 10}};
    }

    QString newSku() { return QStringLiteral("ADM-%1").arg(++m_counter); }

    // A product made through the API: its JSON.
    QJsonObject createdProduct(QJsonObject body = {})
    {
        QJsonObject product = validProduct(newSku());
        for (auto it = body.begin(); it != body.end(); ++it) {
            product.insert(it.key(), it.value());
        }
        const HttpReply reply = send("POST", "/api/products", product);
        if (reply.status != 201) {
            qWarning() << "create product:" << describe(reply);
            return {};
        }
        return reply.json();
    }

    QJsonObject createdCategory(const QString &name, const QString &parent = {})
    {
        QJsonObject body {{QStringLiteral("name"), name}};
        if (!parent.isEmpty()) {
            body.insert(QStringLiteral("parent_id"), parent);
        }
        const HttpReply reply = send("POST", "/api/admin/categories", body);
        if (reply.status != 201) {
            qWarning() << "create category:" << describe(reply);
            return {};
        }
        return reply.json();
    }

    qint64 auditCount() const { return f.scalar(QStringLiteral("SELECT count(*) FROM audit_log")); }

    // The audit entry of the latest action on a target: {action, before, after}.
    QJsonObject lastAudit(const QString &targetId) const
    {
        const QString text = f.scalarText(
            QStringLiteral("SELECT json_build_object('action', action, 'before', before, "
                           "'after', after, 'actor', actor_id, 'email', actor_email)::text FROM "
                           "audit_log WHERE target_id = ? ORDER BY id DESC LIMIT 1"),
            {targetId});
        return QJsonDocument::fromJson(text.toUtf8()).object();
    }

    OrderFixture f;
    Customer m_admin;
    Customer m_customer;
    int m_counter = 0;
};

void TestAdminCatalog::initTestCase()
{
    QLoggingCategory::setFilterRules(
        QStringLiteral("shop.http.access.info=false\nshop.orders.*.info=false\n"
                       "shop.catalog.admin.info=false"));
    const QString error = f.start(8);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_admin = f.customer(QStringLiteral("admin"));
    m_customer = f.customer();
}

void TestAdminCatalog::cleanupTestCase()
{
    f.stop();
}

void TestAdminCatalog::authorisation_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QJsonObject>("body");
    const QJsonObject product = createdProduct();
    QVERIFY(!product.isEmpty());
    const QJsonObject category = createdCategory(QStringLiteral("Auth test"));
    QVERIFY(!category.isEmpty());
    const QByteArray id = product[u"id"].toString().toLatin1();
    const QByteArray categoryId = category[u"id"].toString().toLatin1();
    const QJsonObject change = validProduct(QStringLiteral("AUTH-CHANGED"));
    QTest::newRow("create product") << QByteArray("POST") << QByteArray("/api/products") << change;
    QTest::newRow("replace product")
        << QByteArray("PUT") << QByteArray("/api/products/" + id) << change;
    QTest::newRow("delete product")
        << QByteArray("DELETE") << QByteArray("/api/products/" + id) << QJsonObject();
    QTest::newRow("admin product")
        << QByteArray("GET") << QByteArray("/api/admin/products/" + id) << QJsonObject();
    QTest::newRow("restore product")
        << QByteArray("POST") << QByteArray("/api/admin/products/" + id + "/restore")
        << QJsonObject();
    QTest::newRow("adjust stock") << QByteArray("POST")
                                  << QByteArray("/api/admin/products/" + id + "/stock")
                                  << QJsonObject {
                                         {QStringLiteral("delta"), -5},
                                         {QStringLiteral("reason"), QStringLiteral("damaged")}};
    QTest::newRow("stock movements")
        << QByteArray("GET") << QByteArray("/api/admin/products/" + id + "/stock-movements")
        << QJsonObject();
    QTest::newRow("create category")
        << QByteArray("POST") << QByteArray("/api/admin/categories")
        << QJsonObject {{QStringLiteral("name"), QStringLiteral("Intruders")}};
    QTest::newRow("change category")
        << QByteArray("PUT") << QByteArray("/api/admin/categories/" + categoryId)
        << QJsonObject {{QStringLiteral("name"), QStringLiteral("Renamed")}};
    QTest::newRow("delete category")
        << QByteArray("DELETE") << QByteArray("/api/admin/categories/" + categoryId)
        << QJsonObject();
}

void TestAdminCatalog::authorisation()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QJsonObject, body);
    const QString state = QStringLiteral(
        "SELECT (SELECT count(*) FROM products) || '/' || (SELECT count(*) FROM categories) || "
        "'/' || (SELECT coalesce(sum(stock_quantity), 0) FROM products) || '/' || (SELECT "
        "count(*) FROM products WHERE is_active) || '/' || (SELECT coalesce(sum(revision), 0) "
        "FROM products) || '/' || (SELECT count(*) FROM stock_movements) || '/' || (SELECT "
        "string_agg(name, ',' ORDER BY id) FROM categories)");
    const QString before = f.scalarText(state);
    const qint64 audits = auditCount();
    const QByteArray json = OrderFixture::json(body);
    const Headers content {{"Content-Type", "application/json"}};
    const bool withBody = method == "POST" || method == "PUT";

    const HttpReply anonymous = f.server().request(method, path, withBody ? content : Headers {},
                                                   withBody ? json : "", 60000);
    QCOMPARE(anonymous.status, 401);
    QVERIFY(anonymous.header("www-authenticate").startsWith("Bearer"));

    Headers customer {{"Authorization", "Bearer " + m_customer.token}};
    if (withBody) {
        customer += content;
    }
    const HttpReply refused =
        f.server().request(method, path, customer, withBody ? json : "", 60000);
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.json()[u"code"].toString(), QStringLiteral("forbidden"));

    QCOMPARE(f.scalarText(state), before);
    QCOMPARE(auditCount(), audits);
}

void TestAdminCatalog::createProduct()
{
    const Customer other = f.customer(QStringLiteral("admin"));
    const QJsonObject category = createdCategory(QStringLiteral("Mugs and cups"));
    QCOMPARE(category[u"slug"].toString(), QStringLiteral("mugs-and-cups"));
    QJsonObject body = validProduct(newSku());
    body.insert(QStringLiteral("category_id"), category[u"id"]);
    body.insert(QStringLiteral("name"), QStringLiteral("  Enamel mug  "));
    const HttpReply reply = send("POST", "/api/products", body);
    QVERIFY2(reply.status == 201, qPrintable(describe(reply)));
    const QJsonObject p = reply.json();
    const QString id = p[u"id"].toString();
    QCOMPARE(reply.header("location"), "/api/admin/products/" + id.toLatin1());
    QCOMPARE(reply.header("etag"), QByteArrayLiteral("\"1\""));
    QCOMPARE(reply.header("cache-control"), QByteArrayLiteral("no-store"));
    QCOMPARE(p[u"revision"].toInteger(), 1);
    QCOMPARE(p[u"name"].toString(), QStringLiteral("Enamel mug")); // trimmed
    QCOMPARE(p[u"sku"].toString(), body[u"sku"].toString());
    QCOMPARE(p[u"price"].toInteger(), 1299);
    QCOMPARE(p[u"currency"].toString(), QStringLiteral("USD"));
    QCOMPARE(p[u"stock_quantity"].toInt(), 10);
    QCOMPARE(p[u"category_slug"].toString(), QStringLiteral("mugs-and-cups"));
    QCOMPARE(p[u"description"].toString(), QStringLiteral("A mug.\nEnamel."));
    QVERIFY(p[u"is_active"].toBool());

    // The public catalog shows it at once.
    const HttpReply pub = f.server().get("/api/products/" + id.toLatin1());
    QCOMPARE(pub.status, 200);
    QCOMPARE(pub.json()[u"price"].toInteger(), 1299);
    QVERIFY(!pub.json().contains(u"revision"));

    // Audited with the state after; the initial stock is a movement.
    const QJsonObject audit = lastAudit(id);
    QCOMPARE(audit[u"action"].toString(), QStringLiteral("product.create"));
    QCOMPARE(audit[u"actor"].toString(), m_admin.id);
    QCOMPARE(audit[u"email"].toString(), m_admin.email);
    QCOMPARE(audit[u"before"].toObject(), QJsonObject());
    QCOMPARE(audit[u"after"][u"price"].toInteger(), 1299);
    QCOMPARE(audit[u"after"][u"sku"].toString(), body[u"sku"].toString());
    QCOMPARE(f.scalarText(QStringLiteral("SELECT reason || ' ' || delta || ' ' || "
                                         "resulting_stock FROM stock_movements WHERE product_id "
                                         "= ?::uuid"),
                          {id}),
             QStringLiteral("received 10 10"));

    // Defaults: no description, brand, picture, category, stock; the store's currency.
    const HttpReply minimal = send("POST", "/api/products",
                                   {{QStringLiteral("sku"), newSku()},
                                    {QStringLiteral("name"), QStringLiteral("Minimal")},
                                    {QStringLiteral("price"), 0}});
    QVERIFY2(minimal.status == 201, qPrintable(describe(minimal)));
    const QJsonObject m = minimal.json();
    QCOMPARE(m[u"description"].toString(), QString());
    QVERIFY(m[u"brand"].isNull());
    QVERIFY(m[u"image_url"].isNull());
    QVERIFY(m[u"category_id"].isNull());
    QCOMPARE(m[u"stock_quantity"].toInt(), 0);
    QCOMPARE(m[u"currency"].toString(), QStringLiteral("USD"));
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM stock_movements WHERE product_id = "
                                     "?::uuid"),
                      {m[u"id"].toString()}),
             0);

    // A second admin reads it with the same tag.
    const HttpReply read = f.call("GET", "/api/admin/products/" + id.toLatin1(), other);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.header("etag"), QByteArrayLiteral("\"1\""));
    QCOMPARE(read.json()[u"id"].toString(), id);
}

void TestAdminCatalog::productValidation_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("member");
    QTest::addColumn<QJsonValue>("value"); // Undefined: left out
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("code");

    const QString invalid = QStringLiteral("invalid");
    const QString required = QStringLiteral("required");
    const QString tooLong = QStringLiteral("too_long");
    const QJsonValue missing(QJsonValue::Undefined);
    const auto row = [](const char *name, const QString &member, const QJsonValue &value,
                        const QString &field, const QString &code) {
        for (const QByteArray &method : {QByteArray("POST"), QByteArray("PUT")}) {
            QTest::addRow("%s %s", method.constData(), name)
                << method << member << value << field << code;
        }
    };
    row("sku missing", u"sku"_qs, missing, u"sku"_qs, required);
    row("sku null", u"sku"_qs, QJsonValue(QJsonValue::Null), u"sku"_qs, required);
    row("sku empty", u"sku"_qs, u"  "_qs, u"sku"_qs, required);
    row("sku number", u"sku"_qs, 17, u"sku"_qs, invalid);
    row("sku spaces", u"sku"_qs, u"AB CD"_qs, u"sku"_qs, invalid);
    row("sku leading dash", u"sku"_qs, u"-AB"_qs, u"sku"_qs, invalid);
    row("sku too long", u"sku"_qs, QString(65, u'A'), u"sku"_qs, invalid);
    row("name missing", u"name"_qs, missing, u"name"_qs, required);
    row("name empty", u"name"_qs, u""_qs, u"name"_qs, required);
    row("name not a string", u"name"_qs, true, u"name"_qs, invalid);
    row("name too long", u"name"_qs, QString(301, u'n'), u"name"_qs, tooLong);
    row("name line break", u"name"_qs, u"two\nlines"_qs, u"name"_qs, invalid);
    row("name control", u"name"_qs, u"bell\u0007"_qs, u"name"_qs, invalid);
    row("description too long", u"description"_qs, QString(20001, u'd'), u"description"_qs,
        tooLong);
    row("description control", u"description"_qs, u"nul\u0001"_qs, u"description"_qs, invalid);
    row("description number", u"description"_qs, 5, u"description"_qs, invalid);
    row("price missing", u"price"_qs, missing, u"price"_qs, required);
    row("price negative", u"price"_qs, -1, u"price"_qs, invalid);
    row("price fraction", u"price"_qs, 12.5, u"price"_qs, invalid);
    row("price decimal text", u"price"_qs, u"12.50"_qs, u"price"_qs, invalid);
    row("price too large", u"price"_qs, 1e13, u"price"_qs, invalid);
    row("currency unknown", u"currency"_qs, u"XYZ"_qs, u"currency"_qs, invalid);
    row("currency lower case", u"currency"_qs, u"usd"_qs, u"currency"_qs, invalid);
    row("currency number", u"currency"_qs, 840, u"currency"_qs, invalid);
    row("currency not the store's", u"currency"_qs, u"EUR"_qs, u"currency"_qs, u"unsupported"_qs);
    row("category not an id", u"category_id"_qs, u"kitchen"_qs, u"category_id"_qs, invalid);
    row("category unknown", u"category_id"_qs, QString::fromLatin1(kUnknownId), u"category_id"_qs,
        u"not_found"_qs);
    row("brand too long", u"brand"_qs, QString(101, u'b'), u"brand"_qs, tooLong);
    row("brand line break", u"brand"_qs, u"Ac\nme"_qs, u"brand"_qs, invalid);
    row("image javascript", u"image_url"_qs, u"javascript:alert(1)"_qs, u"image_url"_qs, invalid);
    row("image relative", u"image_url"_qs, u"media/x.svg"_qs, u"image_url"_qs, invalid);
    row("image protocol-relative", u"image_url"_qs, u"//evil.example/x.svg"_qs, u"image_url"_qs,
        invalid);
    row("image too long", u"image_url"_qs,
        QString(u"https://example.com/"_qs + QString(2000, u'x')), u"image_url"_qs, tooLong);
    row("is_active text", u"is_active"_qs, u"yes"_qs, u"is_active"_qs, invalid);
    row("stock negative", u"stock_quantity"_qs, -1, u"stock_quantity"_qs, invalid);
    row("stock fraction", u"stock_quantity"_qs, 1.5, u"stock_quantity"_qs, invalid);
    row("stock too large", u"stock_quantity"_qs, 2147483648.0, u"stock_quantity"_qs, invalid);
    row("unknown member", u"colour"_qs, u"blue"_qs, u"colour"_qs, u"unknown"_qs);
}

void TestAdminCatalog::productValidation()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, member);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);
    QFETCH(QString, code);
    static QJsonObject target; // one product for every PUT row
    if (target.isEmpty()) {
        target = createdProduct();
        QVERIFY(!target.isEmpty());
    }
    QJsonObject body = validProduct(method == "POST" ? newSku() : target[u"sku"].toString());
    if (value.isUndefined()) {
        body.remove(member);
    } else {
        body.insert(member, value);
    }
    const QString state = QStringLiteral(
        "SELECT count(*) || '/' || sum(revision) || '/' || sum(stock_quantity) FROM products");
    const QString before = f.scalarText(state);
    const qint64 audits = auditCount();
    const HttpReply reply =
        send(method,
             method == "POST" ? QByteArray("/api/products")
                              : "/api/products/" + target[u"id"].toString().toLatin1(),
             body);
    QVERIFY2(reply.status == 422, qPrintable(describe(reply)));
    const QJsonObject problem = reply.json();
    QCOMPARE(problem[u"code"].toString(), QStringLiteral("validation"));
    const QJsonArray errors = problem[u"errors"].toArray();
    QVERIFY2(errors.size() == 1, reply.body.constData());
    QCOMPARE(errors[0][u"field"].toString(), field);
    QCOMPARE(errors[0][u"code"].toString(), code);
    QVERIFY(!errors[0][u"message"].toString().isEmpty());
    QCOMPARE(f.scalarText(state), before);
    QCOMPARE(auditCount(), audits);
}

void TestAdminCatalog::skuTakenAndCategoryMissing()
{
    const QJsonObject first = createdProduct();
    const QJsonObject second = createdProduct();
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    // POST and PUT with another product's SKU.
    HttpReply reply = send("POST", "/api/products", validProduct(first[u"sku"].toString()));
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.json()[u"errors"][0][u"field"].toString(), QStringLiteral("sku"));
    QCOMPARE(reply.json()[u"errors"][0][u"code"].toString(), QStringLiteral("taken"));
    reply = send("PUT", "/api/products/" + second[u"id"].toString().toLatin1(),
                 validProduct(first[u"sku"].toString()));
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.json()[u"errors"][0][u"code"].toString(), QStringLiteral("taken"));
    // Its own SKU is fine.
    reply = send("PUT", "/api/products/" + second[u"id"].toString().toLatin1(),
                 validProduct(second[u"sku"].toString()));
    QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
    // Many errors at once: each field named.
    reply = send("POST", "/api/products",
                 {{QStringLiteral("sku"), first[u"sku"]},
                  {QStringLiteral("name"), QString()},
                  {QStringLiteral("price"), -5},
                  {QStringLiteral("category_id"), QString::fromLatin1(kUnknownId)}});
    QCOMPARE(reply.status, 422);
    QStringList fields;
    for (const QJsonValue &e : reply.json()[u"errors"].toArray()) {
        fields << e[u"field"].toString();
    }
    fields.sort();
    QCOMPARE(fields, QStringList({u"category_id"_qs, u"name"_qs, u"price"_qs, u"sku"_qs}));
    // Unknown product: 404 for PUT, DELETE, GET, restore; a malformed id too.
    for (const QByteArray &id : {kUnknownId, QByteArray("not-a-uuid")}) {
        QCOMPARE(send("PUT", "/api/products/" + id, validProduct(newSku())).status, 404);
        QCOMPARE(send("DELETE", "/api/products/" + id).status, 404);
        QCOMPARE(send("GET", "/api/admin/products/" + id).status, 404);
        QCOMPARE(send("POST", "/api/admin/products/" + id + "/restore").status, 404);
    }
    // Not JSON.
    reply = f.server().request(
        "POST", "/api/products",
        {{"Authorization", "Bearer " + m_admin.token}, {"Content-Type", "application/json"}},
        "{nope", 60000);
    QCOMPARE(reply.status, 400);
    reply = f.server().request(
        "POST", "/api/products",
        {{"Authorization", "Bearer " + m_admin.token}, {"Content-Type", "text/plain"}}, "{}",
        60000);
    QCOMPARE(reply.status, 415);
}

void TestAdminCatalog::readOnlyMembersAreIgnored()
{
    // A client may send back what it read: the read-only members change nothing.
    const QJsonObject product = createdProduct();
    QVERIFY(!product.isEmpty());
    QJsonObject body = product;
    body.insert(QStringLiteral("id"), QString::fromLatin1(kUnknownId));
    body.insert(QStringLiteral("revision"), 999);
    body.insert(QStringLiteral("created_at"), QStringLiteral("2000-01-01T00:00:00Z"));
    body.insert(QStringLiteral("in_stock"), false);
    body.insert(QStringLiteral("name"), QStringLiteral("Renamed mug"));
    const QByteArray path = "/api/products/" + product[u"id"].toString().toLatin1();
    const HttpReply reply = send("PUT", path, body);
    QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
    const QJsonObject after = reply.json();
    QCOMPARE(after[u"id"], product[u"id"]);
    QCOMPARE(after[u"revision"].toInteger(), 2);
    QCOMPARE(after[u"created_at"], product[u"created_at"]);
    QCOMPARE(after[u"name"].toString(), QStringLiteral("Renamed mug"));
    // The audit entry holds both versions.
    const QJsonObject audit = lastAudit(product[u"id"].toString());
    QCOMPARE(audit[u"action"].toString(), QStringLiteral("product.update"));
    QCOMPARE(audit[u"before"][u"name"].toString(), QStringLiteral("Enamel mug"));
    QCOMPARE(audit[u"after"][u"name"].toString(), QStringLiteral("Renamed mug"));
    QCOMPARE(audit[u"before"][u"revision"].toInteger(), 1);
    QCOMPARE(audit[u"after"][u"revision"].toInteger(), 2);
    // The same PUT again changes nothing: same revision, no audit entry.
    const qint64 audits = auditCount();
    const HttpReply again = send("PUT", path, body);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.header("etag"), QByteArrayLiteral("\"2\""));
    QCOMPARE(auditCount(), audits);
}

void TestAdminCatalog::replaceKeepsOrSetsStock()
{
    const QJsonObject product = createdProduct();
    const QByteArray path = "/api/products/" + product[u"id"].toString().toLatin1();
    QJsonObject body = validProduct(product[u"sku"].toString());
    body.remove(QStringLiteral("stock_quantity"));
    body.insert(QStringLiteral("price"), 1500);
    // PUT replaces: left-out optional members take their defaults.
    body.remove(QStringLiteral("brand"));
    HttpReply reply = send("PUT", path, body);
    QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
    QCOMPARE(reply.json()[u"stock_quantity"].toInt(), 10); // kept
    QVERIFY(reply.json()[u"brand"].isNull());
    QCOMPARE(reply.json()[u"price"].toInteger(), 1500);
    body.insert(QStringLiteral("stock_quantity"), 4);
    reply = send("PUT", path, body);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[u"stock_quantity"].toInt(), 4);
    QCOMPARE(f.stock(product[u"id"].toString()), 4);
    QCOMPARE(f.scalarText(QStringLiteral("SELECT reason || ' ' || delta || ' ' || "
                                         "resulting_stock FROM stock_movements WHERE product_id "
                                         "= ?::uuid ORDER BY id DESC LIMIT 1"),
                          {product[u"id"].toString()}),
             QStringLiteral("counted -6 4"));
}

void TestAdminCatalog::etagAndIfMatch()
{
    const QJsonObject product = createdProduct();
    const QString id = product[u"id"].toString();
    const QByteArray path = "/api/products/" + id.toLatin1();
    const QByteArray adminPath = "/api/admin/products/" + id.toLatin1();
    HttpReply read = send("GET", adminPath);
    QCOMPARE(read.status, 200);
    const QByteArray first = read.header("etag");
    QCOMPARE(first, QByteArrayLiteral("\"1\""));
    QCOMPARE(read.header("cache-control"), QByteArrayLiteral("no-store"));

    // Orders and stock adjustments do not make the tag stale.
    const Customer buyer = f.customer();
    f.addToCart(buyer, id, 2);
    const HttpReply order = f.placeOrder(buyer, QUuid::createUuid().toByteArray());
    QVERIFY2(order.status == 201, qPrintable(describe(order)));
    QCOMPARE(send("POST", adminPath + "/stock",
                  {{QStringLiteral("delta"), 5}, {QStringLiteral("reason"), u"received"_qs}})
                 .status,
             200);
    read = send("GET", adminPath);
    QCOMPARE(read.header("etag"), first);
    QCOMPARE(read.json()[u"stock_quantity"].toInt(), 13);

    // A change with the tag read: accepted, new tag.
    QJsonObject body = validProduct(product[u"sku"].toString());
    body.remove(QStringLiteral("stock_quantity"));
    body.insert(QStringLiteral("price"), 1399);
    HttpReply put = send("PUT", path, body, {{"If-Match", first}});
    QVERIFY2(put.status == 200, qPrintable(describe(put)));
    const QByteArray second = put.header("etag");
    QCOMPARE(second, QByteArrayLiteral("\"2\""));

    // The first tag is stale now: 412 for PUT, DELETE and restore, and nothing changes.
    const qint64 audits = auditCount();
    body.insert(QStringLiteral("price"), 1);
    put = send("PUT", path, body, {{"If-Match", first}});
    QCOMPARE(put.status, 412);
    QCOMPARE(put.json()[u"code"].toString(), QStringLiteral("precondition-failed"));
    QCOMPARE(put.header("content-type"), QByteArrayLiteral("application/problem+json"));
    QCOMPARE(send("DELETE", path, {}, {{"If-Match", first}}).status, 412);
    QCOMPARE(send("POST", adminPath + "/restore", {}, {{"If-Match", first}}).status, 412);
    // A weak tag never matches (strong comparison); a list matches when any member does.
    QCOMPARE(send("PUT", path, body, {{"If-Match", "W/" + second}}).status, 412);
    QCOMPARE(send("PUT", path, body, {{"If-Match", "\"junk\""}}).status, 412);
    read = send("GET", adminPath);
    QCOMPARE(read.json()[u"price"].toInteger(), 1399);
    QCOMPARE(read.header("etag"), second);
    QCOMPARE(auditCount(), audits);

    body.insert(QStringLiteral("price"), 1499);
    put = send("PUT", path, body, {{"If-Match", first + ", " + second}});
    QCOMPARE(put.status, 200);
    QCOMPARE(put.header("etag"), QByteArrayLiteral("\"3\""));
    // "*": any current version. No If-Match: the seed's plain PUT.
    body.insert(QStringLiteral("price"), 1599);
    QCOMPARE(send("PUT", path, body, {{"If-Match", "*"}}).header("etag"),
             QByteArrayLiteral("\"4\""));
    body.insert(QStringLiteral("price"), 1699);
    QCOMPARE(send("PUT", path, body).header("etag"), QByteArrayLiteral("\"5\""));

    // Delete and restore with current tags.
    const HttpReply deleted = send("DELETE", path, {}, {{"If-Match", "\"5\""}});
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.header("etag"), QByteArrayLiteral("\"6\""));
    QVERIFY(!deleted.json()[u"is_active"].toBool());
    const HttpReply restored = send("POST", adminPath + "/restore", {}, {{"If-Match", "\"6\""}});
    QCOMPARE(restored.status, 200);
    QCOMPARE(restored.header("etag"), QByteArrayLiteral("\"7\""));
    QVERIFY(restored.json()[u"is_active"].toBool());

    // Two admins edit from the same read: the second is told.
    read = send("GET", adminPath);
    const QByteArray tag = read.header("etag");
    body.insert(QStringLiteral("price"), 1799);
    QCOMPARE(send("PUT", path, body, {{"If-Match", tag}}).status, 200);
    body.insert(QStringLiteral("price"), 1899);
    QCOMPARE(send("PUT", path, body, {{"If-Match", tag}}).status, 412);
    QCOMPARE(send("GET", adminPath).json()[u"price"].toInteger(), 1799);
}

void TestAdminCatalog::priceChangeVisibleAtOnce()
{
    const QJsonObject product = createdProduct();
    const QByteArray id = product[u"id"].toString().toLatin1();
    // Fill the cache and see it answer.
    QCOMPARE(f.server().get("/api/products/" + id).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(f.server().get("/api/products/" + id).header("x-cache"),
                              QByteArrayLiteral("HIT"), 10000);
    for (int price = 2000; price < 2010; ++price) {
        QJsonObject body = validProduct(product[u"sku"].toString());
        body.insert(QStringLiteral("price"), price);
        QCOMPARE(send("PUT", "/api/products/" + id, body).status, 200);
        // Right after the answer, without waiting for the NOTIFY.
        const HttpReply pub = f.server().get("/api/products/" + id);
        QCOMPARE(pub.status, 200);
        QCOMPARE(pub.json()[u"price"].toInteger(), price);
    }
}

void TestAdminCatalog::softDeleteHidesAtOnce()
{
    const QJsonObject category = createdCategory(QStringLiteral("Soft delete test"));
    const QJsonObject product =
        createdProduct({{QStringLiteral("category_id"), category[u"id"]},
                        {QStringLiteral("name"), QStringLiteral("Vanishing teapot")}});
    const QByteArray id = product[u"id"].toString().toLatin1();
    const QByteArray listPath = "/api/products?category=" + category[u"slug"].toString().toLatin1();
    // Cached answers first.
    QCOMPARE(f.server().get("/api/products/" + id).status, 200);
    QCOMPARE(f.server().get(listPath).json()[u"total"].toInt(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(f.server().get(listPath).header("x-cache"), QByteArrayLiteral("HIT"),
                              10000);

    // A product on an order can be deleted (softly): the order keeps it.
    const Customer buyer = f.customer();
    f.addToCart(buyer, QString::fromLatin1(id), 1);
    const HttpReply order = f.placeOrder(buyer, QUuid::createUuid().toByteArray());
    QVERIFY2(order.status == 201, qPrintable(describe(order)));

    const HttpReply deleted = send("DELETE", "/api/products/" + id);
    QCOMPARE(deleted.status, 200);
    QVERIFY(!deleted.json()[u"is_active"].toBool());
    // Gone from the public catalog at once.
    QCOMPARE(f.server().get("/api/products/" + id).status, 404);
    QCOMPARE(f.server().get(listPath).json()[u"total"].toInt(), 0);
    // Still there for staff, and the row and its order line remain.
    QCOMPARE(send("GET", "/api/admin/products/" + id).status, 200);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM products WHERE id = ?::uuid"),
                      {QString::fromLatin1(id)}),
             1);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM order_items WHERE product_id = "
                                     "?::uuid"),
                      {QString::fromLatin1(id)}),
             1);
    const QJsonObject audit = lastAudit(QString::fromLatin1(id));
    QCOMPARE(audit[u"action"].toString(), QStringLiteral("product.delete"));
    QCOMPARE(audit[u"before"][u"is_active"].toBool(), true);
    QCOMPARE(audit[u"after"][u"is_active"].toBool(), false);
    // Deleting again changes nothing.
    const qint64 audits = auditCount();
    QCOMPARE(send("DELETE", "/api/products/" + id).status, 200);
    QCOMPARE(auditCount(), audits);

    // Restored: back at once.
    QCOMPARE(send("POST", "/api/admin/products/" + id + "/restore").status, 200);
    QCOMPARE(f.server().get("/api/products/" + id).status, 200);
    QCOMPARE(f.server().get(listPath).json()[u"total"].toInt(), 1);
    QCOMPARE(lastAudit(QString::fromLatin1(id))[u"action"].toString(),
             QStringLiteral("product.restore"));
    // Deleted and restored through PUT as well.
    QJsonObject body = validProduct(product[u"sku"].toString());
    body.insert(QStringLiteral("is_active"), false);
    QCOMPARE(send("PUT", "/api/products/" + id, body).status, 200);
    QCOMPARE(f.server().get("/api/products/" + id).status, 404);
    body.insert(QStringLiteral("is_active"), true);
    QCOMPARE(send("PUT", "/api/products/" + id, body).status, 200);
    QCOMPARE(f.server().get("/api/products/" + id).status, 200);
}

void TestAdminCatalog::categories()
{
    const QJsonObject root = createdCategory(QStringLiteral("Garden & Patio"));
    QCOMPARE(root[u"slug"].toString(), QStringLiteral("garden-and-patio"));
    QVERIFY(root[u"parent_id"].isNull());
    const QString rootId = root[u"id"].toString();
    QCOMPARE(lastAudit(rootId)[u"action"].toString(), QStringLiteral("category.create"));
    HttpReply reply = send("POST", "/api/admin/categories",
                           {{QStringLiteral("name"), QStringLiteral("Hoses")},
                            {QStringLiteral("slug"), QStringLiteral("garden-hoses")},
                            {QStringLiteral("parent_id"), rootId}});
    QCOMPARE(reply.status, 201);
    const QString hoses = reply.json()[u"id"].toString();
    QCOMPARE(reply.json()[u"parent_id"].toString(), rootId);

    // The public tree shows it at once.
    auto findInTree = [this](const QString &id) {
        std::function<QJsonObject(const QJsonArray &)> find =
            [&](const QJsonArray &nodes) -> QJsonObject {
            for (const QJsonValue &n : nodes) {
                if (n[u"id"].toString() == id) {
                    return n.toObject();
                }
                if (const QJsonObject found = find(n[u"children"].toArray()); !found.isEmpty()) {
                    return found;
                }
            }
            return {};
        };
        return find(f.server().get("/api/categories").jsonArray());
    };
    QCOMPARE(findInTree(hoses)[u"name"].toString(), QStringLiteral("Hoses"));

    // Rename: only the name changes.
    reply = send("PUT", "/api/admin/categories/" + hoses.toLatin1(),
                 {{QStringLiteral("name"), QStringLiteral("Garden hoses")}});
    QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
    QCOMPARE(reply.json()[u"name"].toString(), QStringLiteral("Garden hoses"));
    QCOMPARE(reply.json()[u"slug"].toString(), QStringLiteral("garden-hoses"));
    QCOMPARE(reply.json()[u"parent_id"].toString(), rootId);
    QCOMPARE(findInTree(hoses)[u"name"].toString(), QStringLiteral("Garden hoses"));
    const QJsonObject audit = lastAudit(hoses);
    QCOMPARE(audit[u"action"].toString(), QStringLiteral("category.update"));
    QCOMPARE(audit[u"before"][u"name"].toString(), QStringLiteral("Hoses"));
    QCOMPARE(audit[u"after"][u"name"].toString(), QStringLiteral("Garden hoses"));

    // Move to the top, then under another category.
    reply = send("PUT", "/api/admin/categories/" + hoses.toLatin1(),
                 {{QStringLiteral("parent_id"), QJsonValue(QJsonValue::Null)}});
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.json()[u"parent_id"].isNull());
    const QJsonObject other = createdCategory(QStringLiteral("Outdoor"));
    reply = send("PUT", "/api/admin/categories/" + hoses.toLatin1(),
                 {{QStringLiteral("parent_id"), other[u"id"]},
                  {QStringLiteral("slug"), QStringLiteral("hoses")}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json()[u"parent_id"], other[u"id"]);
    QCOMPARE(reply.json()[u"slug"].toString(), QStringLiteral("hoses"));

    // Unknown ids.
    QCOMPARE(send("PUT", "/api/admin/categories/" + kUnknownId,
                  {{QStringLiteral("name"), QStringLiteral("x")}})
                 .status,
             404);
    QCOMPARE(send("DELETE", "/api/admin/categories/" + kUnknownId).status, 404);
    QCOMPARE(send("DELETE", "/api/admin/categories/nope").status, 404);
}

void TestAdminCatalog::categoryValidation_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("code");
    const QJsonObject taken = createdCategory(QStringLiteral("Taken slug"));
    QVERIFY(!taken.isEmpty());
    const QString invalid = QStringLiteral("invalid");
    for (const QByteArray &method : {QByteArray("POST"), QByteArray("PUT")}) {
        const auto row = [&](const char *name, const QJsonObject &body, const QString &field,
                             const QString &code) {
            QTest::addRow("%s %s", method.constData(), name) << method << body << field << code;
        };
        row("name empty", {{u"name"_qs, u""_qs}}, u"name"_qs, u"required"_qs);
        row("name not a string", {{u"name"_qs, 5}}, u"name"_qs, invalid);
        row("name too long", {{u"name"_qs, QString(201, u'c')}}, u"name"_qs, u"too_long"_qs);
        row("name line break", {{u"name"_qs, u"a\nb"_qs}}, u"name"_qs, invalid);
        row("slug upper case", {{u"name"_qs, u"Fine"_qs}, {u"slug"_qs, u"Fine"_qs}}, u"slug"_qs,
            invalid);
        row("slug double hyphen", {{u"name"_qs, u"Fine"_qs}, {u"slug"_qs, u"a--b"_qs}}, u"slug"_qs,
            invalid);
        row("slug too long", {{u"name"_qs, u"Fine"_qs}, {u"slug"_qs, QString(101, u'a')}},
            u"slug"_qs, invalid);
        row("slug taken", {{u"name"_qs, u"Fine"_qs}, {u"slug"_qs, taken[u"slug"]}}, u"slug"_qs,
            u"taken"_qs);
        row("parent not an id", {{u"name"_qs, u"Fine"_qs}, {u"parent_id"_qs, u"garden"_qs}},
            u"parent_id"_qs, invalid);
        row("parent unknown",
            {{u"name"_qs, u"Fine"_qs}, {u"parent_id"_qs, QString::fromLatin1(kUnknownId)}},
            u"parent_id"_qs, u"not_found"_qs);
        row("unknown member", {{u"name"_qs, u"Fine"_qs}, {u"colour"_qs, u"red"_qs}}, u"colour"_qs,
            u"unknown"_qs);
    }
    QTest::addRow("POST name missing")
        << QByteArray("POST") << QJsonObject() << u"name"_qs << u"required"_qs;
    QTest::addRow("POST name without a slug")
        << QByteArray("POST") << QJsonObject {{u"name"_qs, u"???"_qs}} << u"slug"_qs
        << u"required"_qs;
    QTest::addRow("PUT nothing") << QByteArray("PUT") << QJsonObject() << u"name"_qs
                                 << u"required"_qs;
}

void TestAdminCatalog::categoryValidation()
{
    QFETCH(QByteArray, method);
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);
    QFETCH(QString, code);
    static QJsonObject target;
    if (target.isEmpty()) {
        target = createdCategory(QStringLiteral("Validation target"));
        QVERIFY(!target.isEmpty());
    }
    const QString state = QStringLiteral("SELECT count(*) || '/' || string_agg(name || slug || "
                                         "coalesce(parent_id::text, '-'), ',' ORDER BY id) FROM "
                                         "categories");
    const QString before = f.scalarText(state);
    const HttpReply reply =
        send(method,
             method == "POST" ? QByteArray("/api/admin/categories")
                              : "/api/admin/categories/" + target[u"id"].toString().toLatin1(),
             body);
    QVERIFY2(reply.status == 422, qPrintable(describe(reply)));
    const QJsonArray errors = reply.json()[u"errors"].toArray();
    QVERIFY2(errors.size() == 1, reply.body.constData());
    QCOMPARE(errors[0][u"field"].toString(), field);
    QCOMPARE(errors[0][u"code"].toString(), code);
    QCOMPARE(f.scalarText(state), before);
}

void TestAdminCatalog::categoryCycles()
{
    const QJsonObject a = createdCategory(QStringLiteral("Cycle A"));
    const QJsonObject b = createdCategory(QStringLiteral("Cycle B"), a[u"id"].toString());
    const QJsonObject c = createdCategory(QStringLiteral("Cycle C"), b[u"id"].toString());
    QVERIFY(!c.isEmpty());
    for (const QJsonObject &under : {a, b, c}) {
        const HttpReply reply =
            send("PUT", "/api/admin/categories/" + a[u"id"].toString().toLatin1(),
                 {{QStringLiteral("parent_id"), under[u"id"]}});
        QCOMPARE(reply.status, 422);
        QCOMPARE(reply.json()[u"errors"][0][u"field"].toString(), QStringLiteral("parent_id"));
        QCOMPARE(reply.json()[u"errors"][0][u"code"].toString(), QStringLiteral("cycle"));
    }
    // Moving C under A (its grandparent) is fine; then B under C is fine too (C is no longer
    // below B).
    QCOMPARE(send("PUT", "/api/admin/categories/" + c[u"id"].toString().toLatin1(),
                  {{QStringLiteral("parent_id"), a[u"id"]}})
                 .status,
             200);
    QCOMPARE(send("PUT", "/api/admin/categories/" + b[u"id"].toString().toLatin1(),
                  {{QStringLiteral("parent_id"), c[u"id"]}})
                 .status,
             200);

    // Two opposite moves at once (X under Y, Y under X), 20 rounds: never both.
    for (int round = 0; round < 20; ++round) {
        const QJsonObject x = createdCategory(QStringLiteral("Race X %1").arg(round));
        const QJsonObject y = createdCategory(QStringLiteral("Race Y %1").arg(round));
        const auto move = [this](const QJsonObject &what, const QJsonObject &under) {
            return [this, what, under] {
                return send("PUT", "/api/admin/categories/" + what[u"id"].toString().toLatin1(),
                            {{QStringLiteral("parent_id"), under[u"id"]}})
                    .status;
            };
        };
        std::vector<int> statuses = race<int>({move(x, y), move(y, x)});
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, std::vector<int>({200, 422}));
    }
    QCOMPARE(f.scalar(QStringLiteral(
                 "WITH RECURSIVE up (id, parent_id, depth) AS (SELECT id, parent_id, 0 FROM "
                 "categories UNION ALL SELECT up.id, c.parent_id, up.depth + 1 FROM categories c "
                 "JOIN up ON c.id = up.parent_id WHERE up.depth < 100) "
                 "SELECT count(*) FROM up WHERE depth >= 100")),
             0);
}

void TestAdminCatalog::categoryDeleteOnlyWhenEmpty()
{
    const QJsonObject parent = createdCategory(QStringLiteral("Delete parent"));
    const QJsonObject child =
        createdCategory(QStringLiteral("Delete child"), parent[u"id"].toString());
    const QJsonObject product = createdProduct({{QStringLiteral("category_id"), child[u"id"]}});
    QVERIFY(!product.isEmpty());
    const QByteArray parentPath = "/api/admin/categories/" + parent[u"id"].toString().toLatin1();
    const QByteArray childPath = "/api/admin/categories/" + child[u"id"].toString().toLatin1();
    HttpReply reply = send("DELETE", parentPath);
    QCOMPARE(reply.status, 409); // a child
    QCOMPARE(reply.json()[u"code"].toString(), QStringLiteral("conflict"));
    QCOMPARE(send("DELETE", childPath).status, 409); // a product
    // An inactive product counts too.
    QCOMPARE(send("DELETE", "/api/products/" + product[u"id"].toString().toLatin1()).status, 200);
    QCOMPARE(send("DELETE", childPath).status, 409);
    // Emptied: deleted, audited, gone from the tree.
    QJsonObject body = validProduct(product[u"sku"].toString());
    QCOMPARE(send("PUT", "/api/products/" + product[u"id"].toString().toLatin1(), body).status,
             200);
    QCOMPARE(send("DELETE", childPath).status, 204);
    QCOMPARE(send("DELETE", parentPath).status, 204);
    QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM categories WHERE id = ?::uuid"),
                      {parent[u"id"].toString()}),
             0);
    const QJsonObject audit = lastAudit(parent[u"id"].toString());
    QCOMPARE(audit[u"action"].toString(), QStringLiteral("category.delete"));
    QCOMPARE(audit[u"before"][u"name"].toString(), QStringLiteral("Delete parent"));
    QCOMPARE(send("DELETE", parentPath).status, 404);
    const QJsonArray tree = f.server().get("/api/categories").jsonArray();
    QVERIFY(!QJsonDocument(tree).toJson().contains("Delete parent"));
}

void TestAdminCatalog::stockAdjustments()
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

void TestAdminCatalog::stockValidation_data()
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

void TestAdminCatalog::stockValidation()
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

void TestAdminCatalog::stockRacesOrders()
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

void TestAdminCatalog::stockIdempotencyKey()
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

QTEST_GUILESS_MAIN(TestAdminCatalog)
#include "tst_admincatalog.moc"
