#include "commerce/pricing.h"
#include "support/resultcheck.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Shop;
using namespace Shop::Commerce;
using namespace Qt::StringLiterals;

class TestPricing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void computeTotals_data();
    void computeTotals();
    void refusedTotals_data();
    void refusedTotals();
    void taxOn_data();
    void taxOn();
    void taxOnMatchesWideArithmetic();
    void lineTotal();
    void shippingCost_data();
    void shippingCost();
    void rateFor_data();
    void rateFor();
    void setRateRefusesBadInput_data();
    void setRateRefusesBadInput();
    void taxTableJsonRoundTrip();
    void badTaxTableJson_data();
    void badTaxTableJson();
    void shippingRuleJsonRoundTrip();
    void badShippingRuleJson_data();
    void badShippingRuleJson();
};

namespace {

Currency currency(const QString &code)
{
    const auto c = Currency::fromCode(code);
    if (!c) {
        qFatal("unknown currency in a test row");
    }
    return *c;
}

// "1999x2; 500:EURx1": unit price in minor units, an optional currency (else `fallback`), quantity.
QList<PriceLine> parseLines(const QString &spec, const Currency &fallback)
{
    QList<PriceLine> lines;
    int n = 0;
    for (const QString &part : spec.split(u';', Qt::SkipEmptyParts)) {
        const QStringList priceAndQuantity = part.trimmed().split(u'x');
        const QStringList priceAndCurrency = priceAndQuantity[0].split(u':');
        PriceLine line;
        line.productId = u"p%1"_s.arg(++n);
        line.quantity = priceAndQuantity[1].toInt();
        line.unitPrice =
            Money(priceAndCurrency[0].toLongLong(),
                  priceAndCurrency.size() > 1 ? currency(priceAndCurrency[1]) : fallback);
        lines.append(line);
    }
    return lines;
}

ShippingRule rule(qint64 flat, qint64 freeFrom, const Currency &c)
{
    ShippingRule r;
    r.flatRate = Money(flat, c);
    if (freeFrom >= 0) {
        r.freeFrom = Money(freeFrom, c);
    }
    return r;
}

bool hasField(const Error &error, const QString &field, const QString &code)
{
    for (const FieldError &f : error.fieldErrors) {
        if (f.field == field && f.code == code && !f.message.isEmpty()) {
            return true;
        }
    }
    return false;
}

QByteArray describe(const Error &error)
{
    QStringList parts {errorCodeName(error.code) + u": "_s + error.message};
    for (const FieldError &f : error.fieldErrors) {
        parts << f.field + u" ("_s + f.code + u") "_s + f.message;
    }
    return parts.join(u"; "_s).toUtf8();
}

constexpr qint64 kMax = std::numeric_limits<qint64>::max();

} // namespace

void TestPricing::computeTotals_data()
{
    QTest::addColumn<QString>("lines");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("ratePpm");
    QTest::addColumn<qint64>("flat");
    QTest::addColumn<qint64>("freeFrom"); // -1: never free
    QTest::addColumn<qint64>("subtotal");
    QTest::addColumn<qint64>("tax");
    QTest::addColumn<qint64>("shipping");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<int>("itemCount");

    // Rounding: tax = subtotal x rate / 10^6, half-up, once per order.
    QTest::newRow("NY 8.875% on $4.00 = 35.5 cents -> 36")
        << u"400x1"_s << u"USD"_s << 88750 << 499LL << -1LL << 400LL << 36LL << 499LL << 935LL << 1;
    QTest::newRow("NY 8.875% on $3.99 = 35.41 cents -> 35")
        << u"399x1"_s << u"USD"_s << 88750 << 499LL << -1LL << 399LL << 35LL << 499LL << 933LL << 1;
    QTest::newRow("exactly half a cent rounds up")
        << u"1x1"_s << u"USD"_s << 500000 << 0LL << -1LL << 1LL << 1LL << 0LL << 2LL << 1;
    QTest::newRow("just below half a cent rounds down")
        << u"1x1"_s << u"USD"_s << 499999 << 0LL << -1LL << 1LL << 0LL << 0LL << 1LL << 1;
    QTest::newRow("just above half a cent rounds up")
        << u"1x1"_s << u"USD"_s << 500001 << 0LL << -1LL << 1LL << 1LL << 0LL << 2LL << 1;
    QTest::newRow("2.5 cents rounds up to 3 (half-up, not half-even)")
        << u"50x1"_s << u"USD"_s << 50000 << 0LL << -1LL << 50LL << 3LL << 0LL << 53LL << 1;
    QTest::newRow("once per order: two 0.5-cent line taxes make 1 cent, not 2")
        << u"10x1; 10x1"_s << u"USD"_s << 50000 << 0LL << -1LL << 20LL << 1LL << 0LL << 21LL << 2;
    QTest::newRow("once per order: quantities are summed before tax")
        << u"333x3"_s << u"USD"_s << 70000 << 0LL << -1LL << 999LL << 70LL << 0LL << 1069LL << 3;
    QTest::newRow("zero rate") << u"1999x2"_s << u"USD"_s << 0 << 499LL << -1LL << 3998LL << 0LL
                               << 499LL << 4497LL << 2;
    QTest::newRow("100% rate") << u"1999x2"_s << u"USD"_s << 1000000 << 499LL << -1LL << 3998LL
                               << 3998LL << 499LL << 8495LL << 2;
    QTest::newRow("Germany 19%") << u"2999x1; 1000x3"_s << u"EUR"_s << 190000 << 0LL << -1LL
                                 << 5999LL << 1140LL << 0LL << 7139LL << 4;
    QTest::newRow("JPY (exponent 0): 123.4 yen -> 123")
        << u"1234x1"_s << u"JPY"_s << 100000 << 500LL << -1LL << 1234LL << 123LL << 500LL << 1857LL
        << 1;
    QTest::newRow("JPY (exponent 0): 123.5 yen -> 124")
        << u"1235x1"_s << u"JPY"_s << 100000 << 500LL << -1LL << 1235LL << 124LL << 500LL << 1859LL
        << 1;
    QTest::newRow("KWD (exponent 3): 61.7 fils -> 62")
        << u"1234x1"_s << u"KWD"_s << 50000 << 2000LL << -1LL << 1234LL << 62LL << 2000LL << 3296LL
        << 1;
    QTest::newRow("KWD (exponent 3): 61.45 fils -> 61")
        << u"1229x1"_s << u"KWD"_s << 50000 << 2000LL << -1LL << 1229LL << 61LL << 2000LL << 3290LL
        << 1;

    // Shipping: flat, free when subtotal >= free_from, never taxed, 0 for an empty order.
    QTest::newRow("free shipping exactly at the threshold")
        << u"2500x2"_s << u"USD"_s << 0 << 499LL << 5000LL << 5000LL << 0LL << 0LL << 5000LL << 2;
    QTest::newRow("paid shipping one cent below the threshold")
        << u"4999x1"_s << u"USD"_s << 0 << 499LL << 5000LL << 4999LL << 0LL << 499LL << 5498LL << 1;
    QTest::newRow("free shipping above the threshold")
        << u"5001x1"_s << u"USD"_s << 0 << 499LL << 5000LL << 5001LL << 0LL << 0LL << 5001LL << 1;
    QTest::newRow("threshold on the subtotal before tax")
        << u"4900x1"_s << u"USD"_s << 88750 << 499LL << 5000LL << 4900LL << 435LL << 499LL << 5834LL
        << 1;
    QTest::newRow("shipping is not taxed") << u"1000x1"_s << u"USD"_s << 100000 << 10000LL << -1LL
                                           << 1000LL << 100LL << 10000LL << 11100LL << 1;
    QTest::newRow("free from 0: always free")
        << u"1x1"_s << u"USD"_s << 0 << 499LL << 0LL << 1LL << 0LL << 0LL << 1LL << 1;
    QTest::newRow("free items still pay shipping")
        << u"0x2"_s << u"USD"_s << 88750 << 499LL << 5000LL << 0LL << 0LL << 499LL << 499LL << 2;
    QTest::newRow("empty order") << QString() << u"USD"_s << 88750 << 499LL << 5000LL << 0LL << 0LL
                                 << 0LL << 0LL << 0;
    QTest::newRow("empty order in JPY")
        << QString() << u"JPY"_s << 100000 << 500LL << -1LL << 0LL << 0LL << 0LL << 0LL << 0;

    // Quantities and large amounts.
    QTest::newRow("quantities 1 and 99")
        << u"1x1; 1x99"_s << u"USD"_s << 0 << 0LL << -1LL << 100LL << 0LL << 0LL << 100LL << 100;
    QTest::newRow("large but representable")
        << u"1000000000000000x99"_s << u"USD"_s << 100000 << 0LL << -1LL << 99000000000000000LL
        << 9900000000000000LL << 0LL << 108900000000000000LL << 99;
    QTest::newRow("tax on the largest subtotal does not overflow")
        << u"%1x1"_s.arg(kMax - 1000) << u"USD"_s << 0 << 1000LL << -1LL << kMax - 1000 << 0LL
        << 1000LL << kMax << 1;
}

void TestPricing::computeTotals()
{
    QFETCH(QString, lines);
    QFETCH(QString, currency);
    QFETCH(int, ratePpm);
    QFETCH(qint64, flat);
    QFETCH(qint64, freeFrom);
    QFETCH(qint64, subtotal);
    QFETCH(qint64, tax);
    QFETCH(qint64, shipping);
    QFETCH(qint64, total);
    QFETCH(int, itemCount);

    const Currency c = ::currency(currency);
    const auto totals =
        Commerce::computeTotals(parseLines(lines, c), ratePpm, rule(flat, freeFrom, c), c);
    QVERIFY2(totals, totals ? "" : describe(totals.error()).constData());
    QCOMPARE(totals->subtotal, Money(subtotal, c));
    QCOMPARE(totals->tax, Money(tax, c));
    QCOMPARE(totals->shipping, Money(shipping, c));
    QCOMPARE(totals->total, Money(total, c));
    QCOMPARE(totals->itemCount, itemCount);
    QCOMPARE(totals->total.minorUnits(),
             totals->subtotal.minorUnits() + totals->tax.minorUnits()
                 + totals->shipping.minorUnits());
}

void TestPricing::refusedTotals_data()
{
    QTest::addColumn<QString>("lines");
    QTest::addColumn<int>("ratePpm");
    QTest::addColumn<QString>("ruleCurrency");
    QTest::addColumn<qint64>("flat");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("code");

    QTest::newRow("quantity 0") << u"100x0"_s << 0 << u"USD"_s << 0LL << u"lines[0].quantity"_s
                                << u"out_of_range"_s;
    QTest::newRow("quantity -1") << u"100x1; 100x-1"_s << 0 << u"USD"_s << 0LL
                                 << u"lines[1].quantity"_s << u"out_of_range"_s;
    QTest::newRow("quantity 100") << u"100x100"_s << 0 << u"USD"_s << 0LL << u"lines[0].quantity"_s
                                  << u"out_of_range"_s;
    QTest::newRow("negative price")
        << u"-1x1"_s << 0 << u"USD"_s << 0LL << u"lines[0].unit_price"_s << u"out_of_range"_s;
    QTest::newRow("mixed currencies") << u"100x1; 100:EURx1"_s << 0 << u"USD"_s << 0LL
                                      << u"lines[1].unit_price"_s << u"currency_mismatch"_s;
    QTest::newRow("JPY line in a USD order") << u"100:JPYx1"_s << 0 << u"USD"_s << 0LL
                                             << u"lines[0].unit_price"_s << u"currency_mismatch"_s;
    QTest::newRow("shipping rule in another currency")
        << u"100x1"_s << 0 << u"EUR"_s << 499LL << u"shipping"_s << u"currency_mismatch"_s;
    QTest::newRow("negative tax rate")
        << u"100x1"_s << -1 << u"USD"_s << 0LL << u"tax_rate_ppm"_s << u"out_of_range"_s;
    QTest::newRow("tax rate over 100%")
        << u"100x1"_s << 1000001 << u"USD"_s << 0LL << u"tax_rate_ppm"_s << u"out_of_range"_s;
    QTest::newRow("line total overflows") << u"%1x2"_s.arg(kMax / 2 + 1) << 0 << u"USD"_s << 0LL
                                          << u"lines[0].unit_price"_s << u"too_large"_s;
    QTest::newRow("subtotal overflows") << u"%1x1; %1x1"_s.arg(kMax / 2 + 1) << 0 << u"USD"_s << 0LL
                                        << u"lines[1].unit_price"_s << u"too_large"_s;
    QTest::newRow("total overflows with tax") << u"%1x1"_s.arg(kMax / 2 + 1) << 1000000 << u"USD"_s
                                              << 0LL << u"total"_s << u"too_large"_s;
    QTest::newRow("total overflows with shipping")
        << u"%1x1"_s.arg(kMax) << 0 << u"USD"_s << 1LL << u"total"_s << u"too_large"_s;
}

void TestPricing::refusedTotals()
{
    QFETCH(QString, lines);
    QFETCH(int, ratePpm);
    QFETCH(QString, ruleCurrency);
    QFETCH(qint64, flat);
    QFETCH(QString, field);
    QFETCH(QString, code);

    const Currency usd = currency(u"USD"_s);
    const auto totals = Commerce::computeTotals(parseLines(lines, usd), ratePpm,
                                                rule(flat, -1, currency(ruleCurrency)), usd);
    QVERIFY(!totals);
    QCOMPARE(totals.error().code, ErrorCode::Validation);
    QVERIFY2(hasField(totals.error(), field, code), describe(totals.error()).constData());
}

void TestPricing::taxOn_data()
{
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<int>("ratePpm");
    QTest::addColumn<qint64>("tax");

    QTest::newRow("zero amount") << 0LL << 88750 << 0LL;
    QTest::newRow("exact") << 10000LL << 200000 << 2000LL;
    QTest::newRow("half up") << 5LL << 100000 << 1LL; // 0.5
    QTest::newRow("below half") << 4LL << 100000 << 0LL; // 0.4
    QTest::newRow("1.5 up") << 15LL << 100000 << 2LL;
    QTest::newRow("million boundary") << 1000000LL << 1 << 1LL;
    QTest::newRow("just under a million") << 999999LL << 1 << 1LL; // 0.999999
    QTest::newRow("499999 at 1 ppm") << 499999LL << 1 << 0LL;
    QTest::newRow("500000 at 1 ppm") << 500000LL << 1 << 1LL;
    QTest::newRow("largest at 100%") << kMax << 1000000 << kMax;
    QTest::newRow("largest at 50%") << kMax << 500000 << 4611686018427387904LL; // x.5 up
    QTest::newRow("largest at 1 ppm") << kMax << 1 << 9223372036855LL; // 9223372036854.775807
}

void TestPricing::taxOn()
{
    QFETCH(qint64, amount);
    QFETCH(int, ratePpm);
    QFETCH(qint64, tax);
    const Currency usd;
    const auto result = Commerce::taxOn(Money(amount, usd), ratePpm);
    SHOP_VERIFY_OK(result);
    QCOMPARE(result->minorUnits(), tax);
}

void TestPricing::taxOnMatchesWideArithmetic()
{
    // The split arithmetic in taxOn against 128-bit arithmetic, over random amounts and rates.
    __extension__ typedef __int128 Wide;
    QRandomGenerator random(20261205);
    for (int i = 0; i < 20000; ++i) {
        const qint64 amount =
            i % 2 ? qint64(random.bounded(1000000000)) : qint64(random.generate64() >> 1);
        const int rate = int(random.bounded(kMaxTaxRatePpm + 1));
        const Wide expected = (Wide(amount) * rate + 500000) / 1000000;
        const auto tax = Commerce::taxOn(Money(amount, Currency()), rate);
        SHOP_VERIFY_OK(tax);
        if (Wide(tax->minorUnits()) != expected) {
            QFAIL(qPrintable(
                u"amount %1 rate %2: %3"_s.arg(amount).arg(rate).arg(tax->minorUnits())));
        }
    }
    QVERIFY(!Commerce::taxOn(Money(-1, Currency()), 100));
    QVERIFY(!Commerce::taxOn(Money(1, Currency()), -1));
    QVERIFY(!Commerce::taxOn(Money(1, Currency()), kMaxTaxRatePpm + 1));
}

void TestPricing::lineTotal()
{
    const Currency usd;
    const auto ok = Commerce::lineTotal(PriceLine {u"p"_s, 3, Money(1999, usd)});
    SHOP_VERIFY_OK(ok);
    QCOMPARE(*ok, Money(5997, usd));

    const auto zero = Commerce::lineTotal(PriceLine {u"p"_s, 0, Money(1999, usd)});
    QVERIFY(!zero);
    QCOMPARE(zero.error().code, ErrorCode::Validation);
    QVERIFY(hasField(zero.error(), u"quantity"_s, u"out_of_range"_s));

    const auto huge = Commerce::lineTotal(PriceLine {u"p"_s, 99, Money(kMax / 50, usd)});
    QVERIFY(!huge);
    QCOMPARE(huge.error().code, ErrorCode::Validation);
    QVERIFY(hasField(huge.error(), u"unit_price"_s, u"too_large"_s));

    const auto negative = Commerce::lineTotal(PriceLine {u"p"_s, 1, Money(-5, usd)});
    QVERIFY(!negative);
    QVERIFY(hasField(negative.error(), u"unit_price"_s, u"out_of_range"_s));
}

void TestPricing::shippingCost_data()
{
    QTest::addColumn<qint64>("subtotal");
    QTest::addColumn<int>("itemCount");
    QTest::addColumn<qint64>("freeFrom");
    QTest::addColumn<qint64>("cost");

    QTest::newRow("empty") << 0LL << 0 << 5000LL << 0LL;
    QTest::newRow("empty, never free") << 0LL << 0 << -1LL << 0LL;
    QTest::newRow("below") << 4999LL << 1 << 5000LL << 499LL;
    QTest::newRow("at") << 5000LL << 1 << 5000LL << 0LL;
    QTest::newRow("above") << 5001LL << 3 << 5000LL << 0LL;
    QTest::newRow("never free") << 1000000LL << 3 << -1LL << 499LL;
}

void TestPricing::shippingCost()
{
    QFETCH(qint64, subtotal);
    QFETCH(int, itemCount);
    QFETCH(qint64, freeFrom);
    QFETCH(qint64, cost);
    const Currency usd;
    const auto result = rule(499, freeFrom, usd).costFor(Money(subtotal, usd), itemCount);
    SHOP_VERIFY_OK(result);
    QCOMPARE(*result, Money(cost, usd));

    const auto otherCurrency =
        rule(499, freeFrom, usd).costFor(Money(subtotal, currency(u"EUR"_s)), itemCount);
    QVERIFY(!otherCurrency);
    QCOMPARE(otherCurrency.error().code, ErrorCode::Validation);
}

void TestPricing::rateFor_data()
{
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("region");
    QTest::addColumn<int>("rate");

    QTest::newRow("region") << u"US"_s << u"NY"_s << 88750;
    QTest::newRow("region, lower case") << u"US"_s << u"ny"_s << 88750;
    QTest::newRow("region, spaces") << u"US"_s << u" NY "_s << 88750;
    QTest::newRow("another region") << u"US"_s << u"CA"_s << 72500;
    QTest::newRow("region without a rate, country without one") << u"US"_s << u"TX"_s << 0;
    QTest::newRow("country without a rate") << u"US"_s << QString() << 0;
    QTest::newRow("country rate for a region") << u"DE"_s << u"BY"_s << 190000;
    QTest::newRow("country rate") << u"DE"_s << QString() << 190000;
    QTest::newRow("country, lower case") << u"de"_s << QString() << 190000;
    QTest::newRow("region beats country") << u"CA"_s << u"QC"_s << 149750;
    QTest::newRow("country for another region") << u"CA"_s << u"ON"_s << 50000;
    QTest::newRow("unknown country") << u"FR"_s << QString() << 0;
    QTest::newRow("unknown country, region") << u"FR"_s << u"NY"_s << 0;
    QTest::newRow("zero rate is a rate") << u"HK"_s << QString() << 0;
    QTest::newRow("empty") << QString() << QString() << 0;
}

void TestPricing::rateFor()
{
    QFETCH(QString, country);
    QFETCH(QString, region);
    QFETCH(int, rate);
    TaxTable table;
    QVERIFY(table.isEmpty());
    QVERIFY(table.setRate(u"US"_s, u"NY"_s, 88750));
    QVERIFY(table.setRate(u"US"_s, u"CA"_s, 72500));
    QVERIFY(table.setRate(u"DE"_s, QString(), 190000));
    QVERIFY(table.setRate(u"CA"_s, QString(), 50000));
    QVERIFY(table.setRate(u"CA"_s, u"QC"_s, 149750));
    QVERIFY(table.setRate(u"HK"_s, QString(), 0));
    QCOMPARE(table.size(), 6);
    QCOMPARE(table.rateFor(country, region), rate);
}

void TestPricing::setRateRefusesBadInput_data()
{
    QTest::addColumn<QString>("country");
    QTest::addColumn<int>("rate");
    QTest::newRow("negative") << u"US"_s << -1;
    QTest::newRow("over 100%") << u"US"_s << 1000001;
    QTest::newRow("three letters") << u"USA"_s << 1000;
    QTest::newRow("empty country") << QString() << 1000;
    QTest::newRow("digits") << u"12"_s << 1000;
}

void TestPricing::setRateRefusesBadInput()
{
    QFETCH(QString, country);
    QFETCH(int, rate);
    TaxTable table;
    QVERIFY(!table.setRate(country, QString(), rate));
    QVERIFY(table.isEmpty());
    QVERIFY(table.setRate(u"us"_s, u"ny"_s, 1000000)); // 100% is allowed; lower case normalized
    QCOMPARE(table.rateFor(u"US"_s, u"NY"_s), 1000000);
}

void TestPricing::taxTableJsonRoundTrip()
{
    const QByteArray wire = R"([{"country":"US","region":"NY","rate_ppm":88750},)"
                            R"({"country":"DE","rate_ppm":190000},)"
                            R"({"country":"US","region":null,"rate_ppm":0},)"
                            R"({"country":"CA","region":"","rate_ppm":50000},)"
                            R"({"country":"US","region":"CA","rate_ppm":72500}])";
    const auto table = TaxTable::fromJson(QJsonDocument::fromJson(wire).array());
    SHOP_VERIFY_OK(table);
    QCOMPARE(table->size(), 5);
    QCOMPARE(table->rateFor(u"US"_s, u"NY"_s), 88750);
    QCOMPARE(table->rateFor(u"CA"_s, u"BC"_s), 50000);

    // Sorted, whole country first, no "region" for a whole country.
    QCOMPARE(QJsonDocument(table->toJson()).toJson(QJsonDocument::Compact),
             R"([{"country":"CA","rate_ppm":50000},{"country":"DE","rate_ppm":190000},)"
             R"({"country":"US","rate_ppm":0},{"country":"US","rate_ppm":72500,"region":"CA"},)"
             R"({"country":"US","rate_ppm":88750,"region":"NY"}])"_ba);
    const auto back = TaxTable::fromJson(table->toJson());
    SHOP_VERIFY_OK(back);
    QVERIFY(*back == *table);

    const auto empty = TaxTable::fromJson(QJsonArray());
    SHOP_VERIFY_OK(empty);
    QVERIFY(empty->isEmpty());
    QCOMPARE(empty->toJson(), QJsonArray());
}

void TestPricing::badTaxTableJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("code");

    QTest::newRow("negative rate") << R"([{"country":"US","region":"NY","rate_ppm":-1}])"_ba
                                   << u"[0].rate_ppm"_s << u"out_of_range"_s;
    QTest::newRow("rate over 1e6")
        << R"([{"country":"US","rate_ppm":1000001}])"_ba << u"[0].rate_ppm"_s << u"out_of_range"_s;
    QTest::newRow("rate 1e300") << R"([{"country":"US","rate_ppm":1e300}])"_ba << u"[0].rate_ppm"_s
                                << u"out_of_range"_s;
    QTest::newRow("fractional rate")
        << R"([{"country":"US","rate_ppm":8.875}])"_ba << u"[0].rate_ppm"_s << u"not_an_integer"_s;
    QTest::newRow("rate as a string") << R"([{"country":"US","rate_ppm":"88750"}])"_ba
                                      << u"[0].rate_ppm"_s << u"not_an_integer"_s;
    QTest::newRow("rate null") << R"([{"country":"US","rate_ppm":null}])"_ba << u"[0].rate_ppm"_s
                               << u"not_an_integer"_s;
    QTest::newRow("missing rate") << R"([{"country":"US"}])"_ba << u"[0].rate_ppm"_s
                                  << u"required"_s;
    QTest::newRow("missing country")
        << R"([{"region":"NY","rate_ppm":88750}])"_ba << u"[0].country"_s << u"required"_s;
    QTest::newRow("country a number")
        << R"([{"country":840,"rate_ppm":88750}])"_ba << u"[0].country"_s << u"invalid"_s;
    QTest::newRow("country three letters")
        << R"([{"country":"USA","rate_ppm":88750}])"_ba << u"[0].country"_s << u"invalid"_s;
    QTest::newRow("country lower case")
        << R"([{"country":"us","rate_ppm":88750}])"_ba << u"[0].country"_s << u"invalid"_s;
    QTest::newRow("country empty")
        << R"([{"country":"","rate_ppm":88750}])"_ba << u"[0].country"_s << u"invalid"_s;
    QTest::newRow("region a number") << R"([{"country":"US","region":36,"rate_ppm":88750}])"_ba
                                     << u"[0].region"_s << u"invalid"_s;
    QTest::newRow("entry not an object")
        << R"([{"country":"US","rate_ppm":1}, 5])"_ba << u"[1]"_s << u"invalid"_s;
    QTest::newRow("second entry bad")
        << R"([{"country":"US","rate_ppm":1},{"country":"DE","rate_ppm":-5}])"_ba
        << u"[1].rate_ppm"_s << u"out_of_range"_s;
    QTest::newRow("duplicate region")
        << R"([{"country":"US","region":"NY","rate_ppm":1},{"country":"US","region":"ny","rate_ppm":2}])"_ba
        << u"[1].region"_s << u"duplicate"_s;
    QTest::newRow("duplicate country")
        << R"([{"country":"US","rate_ppm":1},{"country":"US","region":"","rate_ppm":2}])"_ba
        << u"[1].region"_s << u"duplicate"_s;
    QTest::newRow("misspelt key") << R"([{"country":"US","rate":88750}])"_ba << u"[0].rate"_s
                                  << u"unknown"_s;
}

void TestPricing::badTaxTableJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, code);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const auto table = TaxTable::fromJson(document.array());
    QVERIFY(!table);
    QCOMPARE(table.error().code, ErrorCode::Validation);
    QVERIFY2(hasField(table.error(), field, code), describe(table.error()).constData());
}

void TestPricing::shippingRuleJsonRoundTrip()
{
    const auto r = ShippingRule::fromJson(
        QJsonDocument::fromJson(R"({"flat_rate":499,"free_from":5000,"currency":"USD"})").object());
    SHOP_VERIFY_OK(r);
    QCOMPARE(r->flatRate, Money(499, Currency()));
    QCOMPARE(r->freeFrom, std::optional(Money(5000, Currency())));
    QCOMPARE(QJsonDocument(r->toJson()).toJson(QJsonDocument::Compact),
             R"({"currency":"USD","flat_rate":499,"free_from":5000})"_ba);
    const auto back = ShippingRule::fromJson(r->toJson());
    SHOP_VERIFY_OK(back);
    QVERIFY(*back == *r);

    for (const QByteArray &never : {R"({"flat_rate":1500,"currency":"JPY"})"_ba,
                                    R"({"flat_rate":1500,"free_from":null,"currency":"JPY"})"_ba}) {
        const auto neverFree = ShippingRule::fromJson(QJsonDocument::fromJson(never).object());
        SHOP_VERIFY_OK(neverFree);
        QCOMPARE(neverFree->flatRate, Money(1500, currency(u"JPY"_s)));
        QCOMPARE(neverFree->freeFrom, std::nullopt);
        QCOMPARE(QJsonDocument(neverFree->toJson()).toJson(QJsonDocument::Compact),
                 R"({"currency":"JPY","flat_rate":1500,"free_from":null})"_ba);
    }
}

void TestPricing::badShippingRuleJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("code");

    QTest::newRow("negative flat rate")
        << R"({"flat_rate":-1,"currency":"USD"})"_ba << u"flat_rate"_s << u"out_of_range"_s;
    QTest::newRow("fractional flat rate")
        << R"({"flat_rate":4.99,"currency":"USD"})"_ba << u"flat_rate"_s << u"not_an_integer"_s;
    QTest::newRow("flat rate as a string")
        << R"({"flat_rate":"499","currency":"USD"})"_ba << u"flat_rate"_s << u"not_an_integer"_s;
    QTest::newRow("missing flat rate")
        << R"({"currency":"USD"})"_ba << u"flat_rate"_s << u"required"_s;
    QTest::newRow("negative threshold") << R"({"flat_rate":499,"free_from":-5,"currency":"USD"})"_ba
                                        << u"free_from"_s << u"out_of_range"_s;
    QTest::newRow("threshold a string")
        << R"({"flat_rate":499,"free_from":"x","currency":"USD"})"_ba << u"free_from"_s
        << u"not_an_integer"_s;
    QTest::newRow("missing currency")
        << R"({"flat_rate":499})"_ba << u"currency"_s << u"required"_s;
    QTest::newRow("unknown currency")
        << R"({"flat_rate":499,"currency":"XXX"})"_ba << u"currency"_s << u"invalid"_s;
    QTest::newRow("currency a number")
        << R"({"flat_rate":499,"currency":840})"_ba << u"currency"_s << u"invalid"_s;
    QTest::newRow("unknown key") << R"({"flat_rate":499,"currency":"USD","free_above":5000})"_ba
                                 << u"free_above"_s << u"unknown"_s;
}

void TestPricing::badShippingRuleJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, code);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const auto r = ShippingRule::fromJson(document.object());
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Validation);
    QVERIFY2(hasField(r.error(), field, code), describe(r.error()).constData());
}

QTEST_APPLESS_MAIN(TestPricing)
#include "tst_pricing.moc"
