#include "validation.h"

#include <QTest>

using namespace Shop;
using namespace Qt::StringLiterals;

class TestValidation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validatorCollectsFieldErrors();
    void utf8_data();
    void utf8();
    void email_data();
    void email();
    void slug_data();
    void slug();
    void slugify_data();
    void slugify();
    void pageParams_data();
    void pageParams();
};

void TestValidation::validatorCollectsFieldErrors()
{
    Validator v;
    QVERIFY(!v.error().has_value());
    QVERIFY(v.check(true, u"a"_s, u"never"_s));
    QVERIFY(!v.check(false, u"limit"_s, u"must be between 1 and 100"_s));
    v.add(u"page"_s, u"must be positive"_s);
    QVERIFY(v.hasError(u"limit"_s));
    QVERIFY(!v.hasError(u"a"_s));
    const auto error = v.error();
    QVERIFY(error.has_value());
    QCOMPARE(error->code, ErrorCode::Validation);
    QCOMPARE(error->fieldErrors.size(), 2);
    QCOMPARE(error->fieldErrors.at(0), (FieldError {u"limit"_s, u"must be between 1 and 100"_s}));
    QVERIFY(!error->message.isEmpty());
}

void TestValidation::utf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("laptop") << true;
    QTest::newRow("umlaut") << QByteArray("K\xc3\xbc"
                                          "che")
                            << true;
    QTest::newRow("emoji") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("bare continuation") << QByteArray("\x80") << false;
    QTest::newRow("truncated") << QByteArray("\xc3") << false;
    QTest::newRow("bad second byte") << QByteArray("\xc3\x28") << false;
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("ff") << QByteArray("\xff") << false;
}

void TestValidation::utf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(isValidUtf8(bytes), valid);
}

void TestValidation::email_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << u"ada@example.com"_s << true;
    QTest::newRow("plus and dots") << u"ada.lovelace+shop@mail.example.co.uk"_s << true;
    QTest::newRow("specials") << u"o'hara!#$%&*/=?^_`{|}~-@example.com"_s << true;
    QTest::newRow("unicode") << u"j\u00fcrgen@m\u00fcller.de"_s << true;
    QTest::newRow("hyphen label") << u"a@my-shop.example"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("no at") << u"ada.example.com"_s << false;
    QTest::newRow("two ats") << u"a@b@example.com"_s << false;
    QTest::newRow("no local") << u"@example.com"_s << false;
    QTest::newRow("no domain") << u"ada@"_s << false;
    QTest::newRow("single label") << u"ada@localhost"_s << false;
    QTest::newRow("space") << u"ada lovelace@example.com"_s << false;
    QTest::newRow("angle") << u"<ada@example.com>"_s << false;
    QTest::newRow("newline") << u"ada@example.com\nBcc: x@y.z"_s << false;
    QTest::newRow("leading dot") << u".ada@example.com"_s << false;
    QTest::newRow("double dot") << u"a..b@example.com"_s << false;
    QTest::newRow("trailing dot domain") << u"ada@example.com."_s << false;
    QTest::newRow("empty label") << u"ada@example..com"_s << false;
    QTest::newRow("hyphen edge") << u"ada@-example.com"_s << false;
    QTest::newRow("ip literal") << u"ada@[127.0.0.1]"_s << false;
    QTest::newRow("quoted") << u"\"ada\"@example.com"_s << false;
    QTest::newRow("local 64") << QString(64, u'a') + u"@example.com"_s << true;
    QTest::newRow("local 65") << QString(65, u'a') + u"@example.com"_s << false;
    QTest::newRow("label 64") << u"a@"_s + QString(64, u'b') + u".com"_s << false;
    QTest::newRow("total 255") << u"a@"_s + QString(63, u'b') + u"."_s + QString(63, u'c') + u"."_s
            + QString(63, u'd') + u"."_s
            + QString(61, u'e') << false;
}

void TestValidation::email()
{
    QFETCH(QString, address);
    QFETCH(bool, valid);
    QCOMPARE(isValidEmail(address), valid);
}

void TestValidation::slug_data()
{
    QTest::addColumn<QString>("slug");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << u"laptops"_s << true;
    QTest::newRow("hyphens") << u"gaming-laptops-2"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("upper") << u"Laptops"_s << false;
    QTest::newRow("leading hyphen") << u"-a"_s << false;
    QTest::newRow("double hyphen") << u"a--b"_s << false;
    QTest::newRow("space") << u"a b"_s << false;
    QTest::newRow("quote") << u"a'b"_s << false;
    QTest::newRow("too long") << QString(101, u'a') << false;
    QTest::newRow("max") << QString(100, u'a') << true;
}

void TestValidation::slug()
{
    QFETCH(QString, slug);
    QFETCH(bool, valid);
    QCOMPARE(isValidSlug(slug), valid);
}

void TestValidation::slugify_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("slug");
    // The demo words' category names (resources/demo/words.json) give these slugs.
    QTest::newRow("apostrophe") << u"Men's Clothing"_s << u"mens-clothing"_s;
    QTest::newRow("ampersand") << u"Home & Furniture"_s << u"home-and-furniture"_s;
    QTest::newRow("punctuation") << u"  USB-C Cables!! "_s << u"usb-c-cables"_s;
    QTest::newRow("digits") << u"4K Monitors"_s << u"4k-monitors"_s;
}

void TestValidation::slugify()
{
    QFETCH(QString, text);
    QFETCH(QString, slug);
    QCOMPARE(Shop::slugify(text), slug);
    QVERIFY(isValidSlug(Shop::slugify(text)));
}

void TestValidation::pageParams_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("taken");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("limit");

    QTest::newRow("page") << "page"
                          << "3" << true << true << 3 << 20;
    QTest::newRow("limit") << "limit"
                           << "100" << true << true << 1 << 100;
    QTest::newRow("last page") << "page"
                               << "100000" << true << true << 100000 << 20;
    QTest::newRow("page 0") << "page"
                            << "0" << true << false << 1 << 20;
    QTest::newRow("page -1") << "page"
                             << "-1" << true << false << 1 << 20;
    QTest::newRow("page too far") << "page"
                                  << "100001" << true << false << 1 << 20;
    QTest::newRow("limit 101") << "limit"
                               << "101" << true << false << 1 << 20;
    QTest::newRow("limit 1.5") << "limit"
                               << "1.5" << true << false << 1 << 20;
    QTest::newRow("limit 1e2") << "limit"
                               << "1e2" << true << false << 1 << 20;
    QTest::newRow("limit x") << "limit"
                             << "x" << true << false << 1 << 20;
    QTest::newRow("limit empty") << "limit"
                                 << "" << true << false << 1 << 20;
    QTest::newRow("page overflow") << "page"
                                   << "99999999999999999999" << true << false << 1 << 20;
    QTest::newRow("other key") << "search"
                               << "5" << false << true << 1 << 20;
}

void TestValidation::pageParams()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, taken);
    QFETCH(bool, valid);
    QFETCH(int, page);
    QFETCH(int, limit);

    Validator v;
    PageParams params;
    QCOMPARE(takePageParam(key, value, params, v), taken);
    QCOMPARE(!v.hasErrors(), valid);
    if (!valid) {
        QVERIFY(v.hasError(key));
    }
    QCOMPARE(params.page, page);
    QCOMPARE(params.limit, limit);
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
