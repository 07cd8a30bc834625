// The staff's catalog management against the whole server (real PostgreSQL, real sockets):
// - every new route refuses anonymous callers (401) and customers (403) and changes nothing;
// - products: create, replace, soft delete, restore; every field's bad inputs answer 422 with
//   the field and its code, for POST and PUT; ETag / If-Match (412 on a stale tag, stock changes
//   do not make a tag stale); a changed price and a deactivation are visible through the public
//   catalog (cached) right after the write; the audit log has before and after;
// - categories: create, rename, move (cycles refused), delete only when empty.
// The stock adjustments (reasons, movements, 409, concurrent orders, Idempotency-Key) are
// tst_adminstock; both share admincatalogfixture.h.

#include "admincatalogfixture.h"

#include <QTest>

#include <algorithm>
#include <functional>
#include <vector>

using namespace Shop;
using namespace Shop::Tests;

class TestAdminCatalog final : public AdminCatalogFixture
{
    Q_OBJECT

private Q_SLOTS:
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

private:
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
};

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

QTEST_GUILESS_MAIN(TestAdminCatalog)
#include "tst_admincatalog.moc"
