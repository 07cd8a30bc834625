#include "commerce/cartrules.h"
#include "support/resultcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Shop;
using namespace Shop::Commerce;
using namespace Qt::StringLiterals;

class TestCartRules final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseQuantity_data();
    void parseQuantity();
    void fieldNameIsKept();
    void addQuantities_data();
    void addQuantities();
    void priceChange_data();
    void priceChange();
};

namespace {

// The quantity as it arrives: a request body {"quantity": <json>} parsed from text.
QJsonValue quantityFromBody(const QByteArray &json)
{
    const QByteArray body = "{\"quantity\": " + json + "}";
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        qFatal("bad test row %s", body.constData());
    }
    return document.object().value(u"quantity"_s);
}

} // namespace

void TestCartRules::parseQuantity_data()
{
    QTest::addColumn<QByteArray>("json"); // empty: the field is missing
    QTest::addColumn<int>("expected"); // 0: refused
    QTest::addColumn<QString>("code");

    QTest::newRow("1") << "1"_ba << 1 << QString();
    QTest::newRow("2") << "2"_ba << 2 << QString();
    QTest::newRow("2.0 (same double as 2)") << "2.0"_ba << 2 << QString();
    QTest::newRow("99") << "99"_ba << 99 << QString();
    QTest::newRow("5e1 = 50") << "5e1"_ba << 50 << QString();

    QTest::newRow("0") << "0"_ba << 0 << u"out_of_range"_s;
    QTest::newRow("-1") << "-1"_ba << 0 << u"out_of_range"_s;
    QTest::newRow("-0") << "-0"_ba << 0 << u"out_of_range"_s;
    QTest::newRow("100") << "100"_ba << 0 << u"out_of_range"_s;
    QTest::newRow("1e9") << "1e9"_ba << 0 << u"out_of_range"_s;
    QTest::newRow("1e300") << "1e300"_ba << 0 << u"out_of_range"_s;
    QTest::newRow("-1e300") << "-1e300"_ba << 0 << u"out_of_range"_s;
    QTest::newRow("2^31") << "2147483648"_ba << 0 << u"out_of_range"_s;
    QTest::newRow("1.5") << "1.5"_ba << 0 << u"not_an_integer"_s;
    QTest::newRow("99.5") << "99.5"_ba << 0 << u"not_an_integer"_s;
    QTest::newRow("0.999999") << "0.999999"_ba << 0 << u"not_an_integer"_s;
    QTest::newRow("\"2\"") << "\"2\""_ba << 0 << u"not_an_integer"_s;
    QTest::newRow("\"x\"") << "\"x\""_ba << 0 << u"not_an_integer"_s;
    QTest::newRow("\"\"") << "\"\""_ba << 0 << u"not_an_integer"_s;
    QTest::newRow("null") << "null"_ba << 0 << u"not_an_integer"_s;
    QTest::newRow("true") << "true"_ba << 0 << u"not_an_integer"_s;
    QTest::newRow("false") << "false"_ba << 0 << u"not_an_integer"_s;
    QTest::newRow("array") << "[2]"_ba << 0 << u"not_an_integer"_s;
    QTest::newRow("object") << "{\"n\": 2}"_ba << 0 << u"not_an_integer"_s;
    QTest::newRow("missing") << QByteArray() << 0 << u"not_an_integer"_s;
}

void TestCartRules::parseQuantity()
{
    QFETCH(QByteArray, json);
    QFETCH(int, expected);
    QFETCH(QString, code);

    const QJsonValue value =
        json.isEmpty() ? QJsonObject().value(u"quantity"_s) : quantityFromBody(json);
    if (json.isEmpty()) {
        QVERIFY(value.isUndefined());
    }
    const Result<int> quantity = Commerce::parseQuantity(value);
    if (expected != 0) {
        SHOP_VERIFY_OK(quantity);
        QCOMPARE(*quantity, expected);
        return;
    }
    QVERIFY(!quantity);
    QCOMPARE(quantity.error().code, ErrorCode::Validation);
    QCOMPARE(quantity.error().fieldErrors.size(), 1);
    QCOMPARE(quantity.error().fieldErrors.front().field, u"quantity"_s);
    QCOMPARE(quantity.error().fieldErrors.front().code, code);
    QVERIFY(!quantity.error().fieldErrors.front().message.isEmpty());
}

void TestCartRules::fieldNameIsKept()
{
    const auto r = Commerce::parseQuantity(QJsonValue(0), u"items[3].quantity"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().fieldErrors.front().field, u"items[3].quantity"_s);
    QVERIFY(r.error().fieldErrors.front().message.contains(u"99"_s));
}

void TestCartRules::addQuantities_data()
{
    QTest::addColumn<int>("existing");
    QTest::addColumn<int>("added");
    QTest::addColumn<int>("expected"); // 0: refused

    QTest::newRow("new line") << 0 << 3 << 3;
    QTest::newRow("1 + 1") << 1 << 1 << 2;
    QTest::newRow("98 + 1 = the maximum") << 98 << 1 << 99;
    QTest::newRow("50 + 49") << 50 << 49 << 99;
    QTest::newRow("99 + 1 over") << 99 << 1 << 0;
    QTest::newRow("50 + 50 over") << 50 << 50 << 0;
    QTest::newRow("99 + 99 over") << 99 << 99 << 0;
    QTest::newRow("adding 0") << 5 << 0 << 0;
    QTest::newRow("adding -1") << 5 << -1 << 0;
    QTest::newRow("adding 100") << 0 << 100 << 0;
    QTest::newRow("existing negative") << -1 << 2 << 0;
    QTest::newRow("existing beyond max") << 120 << 1 << 0;
    QTest::newRow("int max") << 99 << std::numeric_limits<int>::max() << 0;
}

void TestCartRules::addQuantities()
{
    QFETCH(int, existing);
    QFETCH(int, added);
    QFETCH(int, expected);
    const Result<int> sum = Commerce::addQuantities(existing, added);
    if (expected != 0) {
        SHOP_VERIFY_OK(sum);
        QCOMPARE(*sum, expected);
        return;
    }
    QVERIFY(!sum);
    QCOMPARE(sum.error().code, ErrorCode::Validation);
    QCOMPARE(sum.error().fieldErrors.size(), 1);
    QCOMPARE(sum.error().fieldErrors.front().field, u"quantity"_s);
    QCOMPARE(sum.error().fieldErrors.front().code, u"out_of_range"_s);
    QVERIFY2(sum.error().message.contains(u"99"_s), qPrintable(sum.error().message));
}

void TestCartRules::priceChange_data()
{
    QTest::addColumn<qint64>("was");
    QTest::addColumn<QString>("wasCurrency");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QString>("nowCurrency");
    QTest::addColumn<bool>("changed");
    QTest::addColumn<bool>("increase");

    QTest::newRow("same") << qint64(1999) << u"USD"_s << qint64(1999) << u"USD"_s << false << false;
    QTest::newRow("up") << qint64(1999) << u"USD"_s << qint64(2099) << u"USD"_s << true << true;
    QTest::newRow("down") << qint64(1999) << u"USD"_s << qint64(1499) << u"USD"_s << true << false;
    QTest::newRow("one cent") << qint64(1999) << u"USD"_s << qint64(2000) << u"USD"_s << true
                              << true;
    QTest::newRow("to free") << qint64(500) << u"USD"_s << qint64(0) << u"USD"_s << true << false;
    QTest::newRow("currency") << qint64(1999) << u"USD"_s << qint64(1999) << u"EUR"_s << true
                              << false;
}

void TestCartRules::priceChange()
{
    QFETCH(qint64, was);
    QFETCH(QString, wasCurrency);
    QFETCH(qint64, now);
    QFETCH(QString, nowCurrency);
    QFETCH(bool, changed);
    QFETCH(bool, increase);
    const Money before(was, *Currency::fromCode(wasCurrency));
    const Money after(now, *Currency::fromCode(nowCurrency));
    const auto change = Commerce::priceChange(before, after);
    QCOMPARE(change.has_value(), changed);
    if (change) {
        QCOMPARE(change->was, before);
        QCOMPARE(change->now, after);
        QCOMPARE(change->isIncrease(), increase);
    }
}

QTEST_APPLESS_MAIN(TestCartRules)
#include "tst_cartrules.moc"
