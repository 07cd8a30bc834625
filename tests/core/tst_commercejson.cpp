#include "serialize/catalogjson.h"
#include "serialize/commercejson.h"
#include "support/resultcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Shop;
using namespace Shop::Commerce;
using namespace Qt::StringLiterals;

class TestCommerceJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void totalsRoundTrip();
    void cartRoundTrip();
    void emptyCartRoundTrip();
    void cartWireNames();
    void orderRoundTrip();
    void orderWireNames();
    void orderSummaryRoundTrip();
    void reachableThroughJsonNamespace();
    void malformedOrders_data();
    void malformedOrders();
    void malformedCarts_data();
    void malformedCarts();
    void malformedSummaries_data();
    void malformedSummaries();
};

namespace {

const Currency kUsd;
const QDateTime kTime(QDate(2026, 12, 5), QTime(10, 11, 12, 345), Qt::UTC);

QJsonObject throughText(const QJsonObject &object)
{
    return QJsonDocument::fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact)).object();
}

Totals sampleTotals(const Currency &c = kUsd)
{
    return Totals {Money(5997, c), Money(532, c), Money(499, c), Money(7028, c), 3};
}

CartView sampleCart()
{
    CartView cart;
    CartLineView a;
    a.id = u"6f1c2a8e-0000-4000-8000-000000000001"_s;
    a.productId = u"6f1c2a8e-0000-4000-8000-0000000000a1"_s;
    a.name = u"Beacon Smartwatch \"L304\" ünïcode"_s;
    a.sku = u"ELE004-0000005"_s;
    a.imageUrl = u"/media/products/ele004-0000005.svg"_s;
    a.quantity = 2;
    a.unitPrice = Money(1999, kUsd);
    a.priceAtAdd = Money(1799, kUsd);
    a.lineTotal = Money(3998, kUsd);
    a.stock = 7;
    a.available = true;
    CartLineView b;
    b.id = u"6f1c2a8e-0000-4000-8000-000000000002"_s;
    b.productId = u"6f1c2a8e-0000-4000-8000-0000000000a2"_s;
    b.name = u"Retired kettle"_s;
    b.sku = u"KIT001-0000001"_s;
    b.quantity = 1;
    b.unitPrice = Money(1999, kUsd);
    b.priceAtAdd = Money(1999, kUsd);
    b.lineTotal = Money(1999, kUsd);
    b.stock = 0;
    b.available = false;
    cart.lines = {a, b};
    cart.totals = sampleTotals();
    cart.currency = u"USD"_s;
    cart.updatedAt = kTime;
    return cart;
}

OrderView sampleOrder()
{
    OrderView o;
    o.id = u"0b4f9a7e-1111-4000-8000-000000000001"_s;
    o.number = u"SO-20261205-0003VK"_s;
    o.status = OrderStatus::Shipped;
    o.createdAt = kTime;
    o.updatedAt = kTime.addSecs(3600);
    o.lines = {OrderLineView {u"p1"_s, u"Smartwatch"_s, u"ELE004-0000005"_s, 2, Money(1999, kUsd),
                              Money(3998, kUsd)},
               OrderLineView {u"p2"_s, u"Cable"_s, u"ELE009-0000001"_s, 1, Money(1999, kUsd),
                              Money(1999, kUsd)}};
    o.totals = sampleTotals();
    o.shippingAddress = OrderAddress {u"Jane Doe"_s, u"1 Main Street"_s,  QString(),
                                      u"New York"_s, u"10001"_s,          u"NY"_s,
                                      u"US"_s,       u"+1 212 555 0100"_s};
    o.history = {
        OrderHistoryEntry {std::nullopt, OrderStatus::Pending, kTime, Actor::Customer, u"u-1"_s,
                           QString()},
        OrderHistoryEntry {OrderStatus::Pending, OrderStatus::Paid, kTime.addSecs(60),
                           Actor::System, QString(), u"payment succeeded"_s},
        OrderHistoryEntry {OrderStatus::Paid, OrderStatus::Processing, kTime.addSecs(120),
                           Actor::Staff, u"s-1"_s, QString()},
        OrderHistoryEntry {OrderStatus::Processing, OrderStatus::Shipped, kTime.addSecs(3600),
                           Actor::Staff, u"s-1"_s, u"two boxes"_s},
    };
    o.customerEmail = u"jane@example.com"_s;
    o.carrier = u"UPS"_s;
    o.trackingNumber = u"1Z999AA10123456784"_s;
    return o;
}

OrderSummary sampleSummary()
{
    return OrderSummary {u"0b4f9a7e-1111-4000-8000-000000000001"_s,
                         u"SO-20261205-0003VK"_s,
                         OrderStatus::Pending,
                         kTime,
                         Money(123456, *Currency::fromCode(u"KWD")),
                         4,
                         u"jane@example.com"_s};
}

QJsonObject without(QJsonObject object, const QString &key)
{
    object.remove(key);
    return object;
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    object.insert(key, value);
    return object;
}

} // namespace

void TestCommerceJson::totalsRoundTrip()
{
    const Totals jpy = sampleTotals(*Currency::fromCode(u"JPY"));
    const QJsonObject json = toJson(jpy);
    QCOMPARE(QJsonDocument(json).toJson(QJsonDocument::Compact),
             R"({"currency":"JPY","item_count":3,"shipping_cost":499,"subtotal":5997,)"
             R"("tax":532,"total":7028})"_ba);
    const auto back = totalsFromJson(throughText(json));
    SHOP_VERIFY_OK(back);
    QCOMPARE(*back, jpy);
}

void TestCommerceJson::cartRoundTrip()
{
    const CartView cart = sampleCart();
    const auto back = cartViewFromJson(throughText(toJson(cart)));
    SHOP_VERIFY_OK(back);
    QCOMPARE(back->lines.size(), 2);
    QCOMPARE(back->lines[0], cart.lines[0]);
    QCOMPARE(back->lines[1], cart.lines[1]);
    QCOMPARE(back->totals, cart.totals);
    QCOMPARE(back->currency, cart.currency);
    QCOMPARE(back->updatedAt, cart.updatedAt);
    QVERIFY(*back == cart);
    QVERIFY(back->lines[0].priceChanged());
    QVERIFY(!back->lines[1].priceChanged());
}

void TestCommerceJson::emptyCartRoundTrip()
{
    CartView cart;
    cart.currency = u"EUR"_s;
    const Currency eur = *Currency::fromCode(u"EUR");
    cart.totals = Totals {Money(0, eur), Money(0, eur), Money(0, eur), Money(0, eur), 0};
    const QJsonObject json = toJson(cart);
    QVERIFY(json.value(u"updated_at"_s).isNull());
    QCOMPARE(json.value(u"items"_s).toArray().size(), 0);
    const auto back = cartViewFromJson(throughText(json));
    SHOP_VERIFY_OK(back);
    QVERIFY(*back == cart);
}

void TestCommerceJson::cartWireNames()
{
    const QJsonObject json = toJson(sampleCart());
    QCOMPARE(json.keys(),
             (QStringList {u"currency"_s, u"item_count"_s, u"items"_s, u"shipping_cost"_s,
                           u"subtotal"_s, u"tax"_s, u"total"_s, u"updated_at"_s}));
    QCOMPARE(json.value(u"updated_at"_s).toString(), u"2026-12-05T10:11:12.345Z"_s);
    const QJsonObject line = json.value(u"items"_s).toArray().at(0).toObject();
    QCOMPARE(line.keys(),
             (QStringList {u"available"_s, u"currency"_s, u"id"_s, u"image_url"_s, u"line_total"_s,
                           u"name"_s, u"price_at_add"_s, u"price_changed"_s, u"product_id"_s,
                           u"quantity"_s, u"sku"_s, u"stock_quantity"_s, u"unit_price"_s}));
    QCOMPARE(line.value(u"unit_price"_s).toInteger(), 1999);
    QCOMPARE(line.value(u"price_at_add"_s).toInteger(), 1799);
    QCOMPARE(line.value(u"price_changed"_s), QJsonValue(true));
    QVERIFY(json.value(u"items"_s).toArray().at(1).toObject().value(u"image_url"_s).isNull());
}

void TestCommerceJson::orderRoundTrip()
{
    const OrderView order = sampleOrder();
    const auto back = orderViewFromJson(throughText(toJson(order)));
    SHOP_VERIFY_OK(back);
    QCOMPARE(back->id, order.id);
    QCOMPARE(back->number, order.number);
    QCOMPARE(back->status, order.status);
    QCOMPARE(back->createdAt, order.createdAt);
    QCOMPARE(back->updatedAt, order.updatedAt);
    QVERIFY(!back->expiresAt.isValid());
    QCOMPARE(back->lines, order.lines);
    QCOMPARE(back->totals, order.totals);
    QCOMPARE(back->shippingAddress, order.shippingAddress);
    QCOMPARE(back->history.size(), order.history.size());
    for (qsizetype i = 0; i < order.history.size(); ++i) {
        QCOMPARE(back->history[i], order.history[i]);
    }
    QVERIFY(*back == order);

    // A customer's pending order: expiry set, no admin fields.
    OrderView pending = order;
    pending.status = OrderStatus::Pending;
    pending.expiresAt = kTime.addSecs(1800);
    pending.customerEmail.clear();
    pending.carrier.clear();
    pending.trackingNumber.clear();
    pending.history.resize(1);
    const QJsonObject json = toJson(pending);
    QVERIFY(json.value(u"customer_email"_s).isNull());
    QVERIFY(json.value(u"carrier"_s).isNull());
    QCOMPARE(json.value(u"expires_at"_s).toString(), u"2026-12-05T10:41:12.345Z"_s);
    const auto pendingBack = orderViewFromJson(throughText(json));
    SHOP_VERIFY_OK(pendingBack);
    QVERIFY(*pendingBack == pending);
}

void TestCommerceJson::orderWireNames()
{
    const QJsonObject json = toJson(sampleOrder());
    QCOMPARE(
        json.keys(),
        (QStringList {u"carrier"_s, u"created_at"_s, u"currency"_s, u"customer_email"_s,
                      u"expires_at"_s, u"history"_s, u"id"_s, u"item_count"_s, u"items"_s,
                      u"order_number"_s, u"shipping_address"_s, u"shipping_cost"_s, u"status"_s,
                      u"subtotal"_s, u"tax"_s, u"total"_s, u"tracking_number"_s, u"updated_at"_s}));
    QCOMPARE(json.value(u"status"_s).toString(), u"shipped"_s);
    QCOMPARE(json.value(u"total"_s).toInteger(), 7028);
    QCOMPARE(QJsonDocument(json.value(u"items"_s).toArray().at(0).toObject())
                 .toJson(QJsonDocument::Compact),
             R"({"currency":"USD","line_total":3998,"name":"Smartwatch","product_id":"p1",)"
             R"("quantity":2,"sku":"ELE004-0000005","unit_price":1999})"_ba);
    QCOMPARE(QJsonDocument(json.value(u"history"_s).toArray().at(0).toObject())
                 .toJson(QJsonDocument::Compact),
             R"({"actor":"customer","actor_id":"u-1","at":"2026-12-05T10:11:12.345Z",)"
             R"("from_status":null,"reason":null,"to_status":"pending"})"_ba);
    QCOMPARE(
        QJsonDocument(json.value(u"shipping_address"_s).toObject()).toJson(QJsonDocument::Compact),
        R"({"city":"New York","country":"US","line1":"1 Main Street","line2":"",)"
        R"("phone":"+1 212 555 0100","postal_code":"10001","recipient_name":"Jane Doe",)"
        R"("region":"NY"})"_ba);
}

void TestCommerceJson::orderSummaryRoundTrip()
{
    const OrderSummary summary = sampleSummary();
    const QJsonObject json = toJson(summary);
    QCOMPARE(QJsonDocument(json).toJson(QJsonDocument::Compact),
             R"({"created_at":"2026-12-05T10:11:12.345Z","currency":"KWD",)"
             R"("customer_email":"jane@example.com","id":"0b4f9a7e-1111-4000-8000-000000000001",)"
             R"("item_count":4,"order_number":"SO-20261205-0003VK","status":"pending",)"
             R"("total":123456})"_ba);
    const auto back = orderSummaryFromJson(throughText(json));
    SHOP_VERIFY_OK(back);
    QVERIFY(*back == summary);

    OrderSummary own = summary;
    own.customerEmail.clear();
    const auto ownBack = orderSummaryFromJson(throughText(toJson(own)));
    SHOP_VERIFY_OK(ownBack);
    QVERIFY(*ownBack == own);
}

void TestCommerceJson::reachableThroughJsonNamespace()
{
    const OrderSummary summary = sampleSummary();
    QCOMPARE(Json::toJson(summary), Commerce::toJson(summary));
    const auto back = Json::orderSummaryFromJson(Json::toJson(summary));
    SHOP_VERIFY_OK(back);
    QVERIFY(*back == summary);
}

void TestCommerceJson::malformedOrders_data()
{
    QTest::addColumn<QJsonObject>("json");
    const QJsonObject good = toJson(sampleOrder());
    QJsonArray badItems = good.value(u"items"_s).toArray();
    badItems[1] = without(badItems[1].toObject(), u"quantity"_s);
    QJsonArray badHistory = good.value(u"history"_s).toArray();
    badHistory[2] = with(badHistory[2].toObject(), u"actor"_s, u"robot"_s);
    QJsonArray badHistoryTime = good.value(u"history"_s).toArray();
    badHistoryTime[0] = with(badHistoryTime[0].toObject(), u"at"_s, QJsonValue::Null);
    QJsonArray badFrom = good.value(u"history"_s).toArray();
    badFrom[1] = with(badFrom[1].toObject(), u"from_status"_s, 3);

    QTest::newRow("empty object") << QJsonObject();
    QTest::newRow("no id") << without(good, u"id"_s);
    QTest::newRow("id a number") << with(good, u"id"_s, 5);
    QTest::newRow("no order number") << without(good, u"order_number"_s);
    QTest::newRow("unknown status") << with(good, u"status"_s, u"refunded"_s);
    QTest::newRow("status upper case") << with(good, u"status"_s, u"PAID"_s);
    QTest::newRow("no created_at") << without(good, u"created_at"_s);
    QTest::newRow("created_at null") << with(good, u"created_at"_s, QJsonValue::Null);
    QTest::newRow("created_at not a time") << with(good, u"created_at"_s, u"yesterday"_s);
    QTest::newRow("expires_at a number") << with(good, u"expires_at"_s, 1800);
    QTest::newRow("no expires_at") << without(good, u"expires_at"_s);
    QTest::newRow("total a string") << with(good, u"total"_s, u"70.28"_s);
    QTest::newRow("total fractional") << with(good, u"total"_s, 70.28);
    QTest::newRow("no tax") << without(good, u"tax"_s);
    QTest::newRow("item_count negative") << with(good, u"item_count"_s, -1);
    QTest::newRow("unknown currency") << with(good, u"currency"_s, u"XXX"_s);
    QTest::newRow("items an object") << with(good, u"items"_s, QJsonObject());
    QTest::newRow("an item not an object") << with(good, u"items"_s, QJsonArray {1});
    QTest::newRow("an item without quantity") << with(good, u"items"_s, badItems);
    QTest::newRow("shipping address missing") << without(good, u"shipping_address"_s);
    QTest::newRow("shipping address without city")
        << with(good, u"shipping_address"_s,
                without(good.value(u"shipping_address"_s).toObject(), u"city"_s));
    QTest::newRow("history entry with an unknown actor") << with(good, u"history"_s, badHistory);
    QTest::newRow("history entry without time") << with(good, u"history"_s, badHistoryTime);
    QTest::newRow("history from a number") << with(good, u"history"_s, badFrom);
    QTest::newRow("carrier a number") << with(good, u"carrier"_s, 7);
    QTest::newRow("no tracking number") << without(good, u"tracking_number"_s);
}

void TestCommerceJson::malformedOrders()
{
    QFETCH(QJsonObject, json);
    const auto order = orderViewFromJson(json);
    QVERIFY(!order);
    QCOMPARE(order.error().code, ErrorCode::BadRequest);
    QVERIFY(order.error().message.startsWith(u"Malformed "_s));
}

void TestCommerceJson::malformedCarts_data()
{
    QTest::addColumn<QJsonObject>("json");
    const QJsonObject good = toJson(sampleCart());
    const QJsonObject line = good.value(u"items"_s).toArray().at(0).toObject();
    QTest::newRow("no items") << without(good, u"items"_s);
    QTest::newRow("no currency") << without(good, u"currency"_s);
    QTest::newRow("updated_at garbage") << with(good, u"updated_at"_s, u"soon"_s);
    QTest::newRow("line available as a string")
        << with(good, u"items"_s, QJsonArray {with(line, u"available"_s, u"true"_s)});
    QTest::newRow("line without price_at_add")
        << with(good, u"items"_s, QJsonArray {without(line, u"price_at_add"_s)});
    QTest::newRow("line quantity 1.5")
        << with(good, u"items"_s, QJsonArray {with(line, u"quantity"_s, 1.5)});
    QTest::newRow("line quantity huge")
        << with(good, u"items"_s, QJsonArray {with(line, u"quantity"_s, 1e12)});
    QTest::newRow("line stock a string")
        << with(good, u"items"_s, QJsonArray {with(line, u"stock_quantity"_s, u"7"_s)});
    QTest::newRow("line image_url a number")
        << with(good, u"items"_s, QJsonArray {with(line, u"image_url"_s, 1)});
}

void TestCommerceJson::malformedCarts()
{
    QFETCH(QJsonObject, json);
    const auto cart = cartViewFromJson(json);
    QVERIFY(!cart);
    QCOMPARE(cart.error().code, ErrorCode::BadRequest);
}

void TestCommerceJson::malformedSummaries_data()
{
    QTest::addColumn<QJsonObject>("json");
    const QJsonObject good = toJson(sampleSummary());
    for (const QString &key : good.keys()) {
        QTest::addRow("no %s", qPrintable(key)) << without(good, key);
    }
    QTest::newRow("total a bool") << with(good, u"total"_s, true);
    QTest::newRow("total beyond 2^53") << with(good, u"total"_s, 1e17);
    QTest::newRow("status null") << with(good, u"status"_s, QJsonValue::Null);
}

void TestCommerceJson::malformedSummaries()
{
    QFETCH(QJsonObject, json);
    const auto summary = orderSummaryFromJson(json);
    QVERIFY(!summary);
    QCOMPARE(summary.error().code, ErrorCode::BadRequest);
}

QTEST_APPLESS_MAIN(TestCommerceJson)
#include "tst_commercejson.moc"
