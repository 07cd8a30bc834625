#include "money.h"

#include <QTest>

using namespace Shop;

class TestMoney final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseDecimal_data();
    void parseDecimal();
    void toDecimalString_data();
    void toDecimalString();
    void arithmeticIsChecked();
    void mixingCurrenciesFails();
    void format_data();
    void format();
    void currencies();
};

void TestMoney::parseDecimal_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("minor");

    QTest::newRow("whole") << "12"
                           << "USD" << true << qint64(1200);
    QTest::newRow("one decimal") << "12.5"
                                 << "USD" << true << qint64(1250);
    QTest::newRow("two decimals") << "12.34"
                                  << "USD" << true << qint64(1234);
    QTest::newRow("float trap 0.29") << "0.29"
                                     << "USD" << true << qint64(29);
    QTest::newRow("zero") << "0"
                          << "USD" << true << qint64(0);
    QTest::newRow("spaces trimmed") << " 4.64 "
                                    << "USD" << true << qint64(464);
    QTest::newRow("yen has no cents") << "1500"
                                      << "JPY" << true << qint64(1500);
    QTest::newRow("yen rejects decimals") << "15.5"
                                          << "JPY" << false << qint64(0);
    QTest::newRow("dinar three decimals") << "1.234"
                                          << "KWD" << true << qint64(1234);
    QTest::newRow("too many decimals") << "1.234"
                                       << "USD" << false << qint64(0);
    QTest::newRow("negative") << "-1.00"
                              << "USD" << false << qint64(0);
    QTest::newRow("plus sign") << "+1.00"
                               << "USD" << false << qint64(0);
    QTest::newRow("exponent") << "1e3"
                              << "USD" << false << qint64(0);
    QTest::newRow("grouping") << "1,000.00"
                              << "USD" << false << qint64(0);
    QTest::newRow("empty") << ""
                           << "USD" << false << qint64(0);
    QTest::newRow("dot only") << "."
                              << "USD" << false << qint64(0);
    QTest::newRow("trailing dot") << "1."
                                  << "USD" << false << qint64(0);
    QTest::newRow("leading dot") << ".5"
                                 << "USD" << false << qint64(0);
    QTest::newRow("letters") << "abc"
                             << "USD" << false << qint64(0);
    QTest::newRow("overflow") << "99999999999999999999"
                              << "USD" << false << qint64(0);
    QTest::newRow("largest") << "92233720368547758.07"
                             << "USD" << true << std::numeric_limits<qint64>::max();
    QTest::newRow("just over largest") << "92233720368547758.08"
                                       << "USD" << false << qint64(0);
}

void TestMoney::parseDecimal()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(bool, ok);
    QFETCH(qint64, minor);

    const auto result = Money::parseDecimal(text, *Currency::fromCode(currency));
    QCOMPARE(result.has_value(), ok);
    if (ok) {
        QCOMPARE(result->minorUnits(), minor);
        QCOMPARE(result->currency().code(), currency);
    } else {
        QVERIFY(!result.error().message.isEmpty());
    }
}

void TestMoney::toDecimalString_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");

    QTest::newRow("cents") << qint64(1234) << "USD"
                           << "12.34";
    QTest::newRow("padding") << qint64(5) << "USD"
                             << "0.05";
    QTest::newRow("zero") << qint64(0) << "EUR"
                          << "0.00";
    QTest::newRow("negative") << qint64(-1050) << "USD"
                              << "-10.50";
    QTest::newRow("yen") << qint64(1500) << "JPY"
                         << "1500";
    QTest::newRow("dinar") << qint64(1005) << "KWD"
                           << "1.005";
    QTest::newRow("min qint64") << std::numeric_limits<qint64>::min() << "USD"
                                << "-92233720368547758.08";
}

void TestMoney::toDecimalString()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QCOMPARE(Money(minor, *Currency::fromCode(currency)).toDecimalString(), expected);
}

void TestMoney::arithmeticIsChecked()
{
    const Currency usd;
    const Money a(1999, usd);
    QCOMPARE(a.plus(Money(1, usd))->minorUnits(), 2000);
    QCOMPARE(a.minus(Money(2000, usd))->minorUnits(), -1);
    QCOMPARE(a.times(3)->minorUnits(), 5997);

    const Money huge(std::numeric_limits<qint64>::max(), usd);
    QVERIFY(!huge.plus(Money(1, usd)).has_value());
    QVERIFY(!huge.times(2).has_value());
    QVERIFY(!Money(std::numeric_limits<qint64>::min(), usd).minus(Money(1, usd)).has_value());
}

void TestMoney::mixingCurrenciesFails()
{
    const Money dollars(100, *Currency::fromCode(u"USD"));
    const Money euros(100, *Currency::fromCode(u"EUR"));
    const auto sum = dollars.plus(euros);
    QVERIFY(!sum.has_value());
    QVERIFY(sum.error().message.contains(QStringLiteral("EUR")));
    QVERIFY(!dollars.minus(euros).has_value());
}

void TestMoney::format_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("expected");

    QTest::newRow("en dollars") << qint64(123450) << "USD"
                                << "en_US"
                                << "$1,234.50";
    QTest::newRow("en small") << qint64(5) << "USD"
                              << "en_US"
                              << "$0.05";
    QTest::newRow("de euros") << qint64(123450) << "EUR"
                              << "de_DE"
                              << "1.234,50\u00a0€";
    QTest::newRow("en yen") << qint64(1500) << "JPY"
                            << "en_US"
                            << "¥1,500";
    QTest::newRow("en negative") << qint64(-250) << "USD"
                                 << "en_US"
                                 << "-$2.50";
}

void TestMoney::format()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, locale);
    QFETCH(QString, expected);
    QCOMPARE(Money(minor, *Currency::fromCode(currency)).format(QLocale(locale)), expected);
}

void TestMoney::currencies()
{
    QVERIFY(!Currency::fromCode(u"XXX").has_value());
    QVERIFY(!Currency::fromCode(u"usd").has_value());
    QCOMPARE(Currency().code(), QStringLiteral("USD"));
    QCOMPARE(Currency::fromCode(u"JPY")->exponent(), 0);
    QCOMPARE(Currency::fromCode(u"KWD")->exponent(), 3);
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
