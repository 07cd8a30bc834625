// TrustedProxies: X-Forwarded-For believed only from configured proxies, walked from the right;
// spoofed, malformed and IPv6 entries; IPv4-mapped addresses; the CSRF proof header.

#include "http/clientaddress.h"
#include "http/csrf.h"
#include "support/resultcheck.h"

#include <QTest>

using namespace Shop;
using namespace Shop::Http;

using Headers = QList<std::pair<QByteArray, QByteArray>>;

namespace {

Request requestFrom(const QString &peer, const Headers &headers)
{
    Request request;
    request.method = QByteArrayLiteral("GET");
    request.path = QStringLiteral("/");
    request.remoteAddress = QHostAddress(peer);
    request.headers = headers;
    return request;
}

Headers xff(std::initializer_list<const char *> values)
{
    Headers headers {{"host", "shop.example"}};
    for (const char *value : values) {
        headers.append({QByteArrayLiteral("x-forwarded-for"), QByteArray(value)});
    }
    return headers;
}

} // namespace

class TestClientAddress final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientAddress_data()
    {
        QTest::addColumn<QStringList>("proxies");
        QTest::addColumn<QString>("peer");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QString>("expected");

        const QStringList none;
        const QStringList lan {QStringLiteral("10.0.0.0/8"), QStringLiteral("127.0.0.1")};

        // Spoofing: the header from anyone but a proxy is ignored.
        QTest::newRow("no proxies configured")
            << none << "203.0.113.9" << xff({"198.51.100.7"}) << "203.0.113.9";
        QTest::newRow("peer is not a proxy")
            << lan << "203.0.113.9" << xff({"198.51.100.7"}) << "203.0.113.9";
        QTest::newRow("peer is not a proxy, claims one")
            << lan << "203.0.113.9" << xff({"10.0.0.1"}) << "203.0.113.9";
        QTest::newRow("no header from a proxy") << lan << "10.0.0.1" << Headers {} << "10.0.0.1";

        // A trusted chain, walked from the right.
        QTest::newRow("one proxy") << lan << "127.0.0.1" << xff({"198.51.100.7"}) << "198.51.100.7";
        QTest::newRow("client's own entry is left of the real one")
            << lan << "10.0.0.1" << xff({"6.6.6.6, 198.51.100.7"}) << "198.51.100.7";
        QTest::newRow("client claims a proxy address")
            << lan << "10.0.0.1" << xff({"10.9.9.9, 198.51.100.7"}) << "198.51.100.7";
        QTest::newRow("two proxies")
            << lan << "10.0.0.1" << xff({"198.51.100.7, 10.0.0.2"}) << "198.51.100.7";
        QTest::newRow("three proxies, spoofed start")
            << lan << "10.0.0.1" << xff({"1.1.1.1, 198.51.100.7, 10.0.0.3, 10.0.0.2"})
            << "198.51.100.7";
        QTest::newRow("every entry a proxy: the leftmost")
            << lan << "10.0.0.1" << xff({"10.0.0.3, 10.0.0.2"}) << "10.0.0.3";
        QTest::newRow("several header fields, in order")
            << lan << "10.0.0.1" << xff({"6.6.6.6", "198.51.100.7"}) << "198.51.100.7";
        QTest::newRow("white space")
            << lan << "10.0.0.1" << xff({"  198.51.100.7  ,\t10.0.0.2 "}) << "198.51.100.7";
        QTest::newRow("entry with a port")
            << lan << "10.0.0.1" << xff({"198.51.100.7:4711"}) << "198.51.100.7";

        // Malformed entries stop the walk at the last good address.
        QTest::newRow("rightmost malformed: the peer")
            << lan << "10.0.0.1" << xff({"garbage"}) << "10.0.0.1";
        QTest::newRow("malformed behind a proxy entry")
            << lan << "10.0.0.1" << xff({"198.51.100.7, unknown, 10.0.0.2"}) << "10.0.0.2";
        QTest::newRow("empty header") << lan << "10.0.0.1" << xff({""}) << "10.0.0.1";
        QTest::newRow("empty entry")
            << lan << "10.0.0.1" << xff({"198.51.100.7,,10.0.0.2"}) << "10.0.0.2";
        for (const char *bad :
             {"unknown", "_hidden", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "127.1",
              "1.2.3.4 5.6.7.8", "shop.example", "::1%eth0", "[::1", "[::1]x", "[1.2.3.4]",
              "1.2.3.4:99999999", "1.2.3.4:", "2001:db8::1::2", "0x7f.0.0.1", "-1.0.0.0"}) {
            QTest::addRow("malformed %s", bad) << lan << "10.0.0.1" << xff({bad}) << "10.0.0.1";
        }

        // IPv6 and IPv4-mapped addresses.
        const QStringList v6 {QStringLiteral("::1"), QStringLiteral("2001:db8:1::/48")};
        QTest::newRow("ipv6 proxy, ipv6 client")
            << v6 << "::1" << xff({"2001:db8:2::7"}) << "2001:db8:2::7";
        QTest::newRow("ipv6 chain")
            << v6 << "2001:db8:1::5" << xff({"2001:db8:2::7, ::1"}) << "2001:db8:2::7";
        QTest::newRow("bracketed ipv6 with a port")
            << v6 << "::1" << xff({"[2001:db8:2::7]:443"}) << "2001:db8:2::7";
        QTest::newRow("ipv6 proxy, ipv4 client")
            << v6 << "::1" << xff({"198.51.100.7"}) << "198.51.100.7";
        QTest::newRow("mapped client entry")
            << lan << "10.0.0.1" << xff({"::ffff:198.51.100.7"}) << "198.51.100.7";
        QTest::newRow("mapped peer matches an ipv4 range")
            << lan << "::ffff:10.1.2.3" << xff({"198.51.100.7"}) << "198.51.100.7";
        QTest::newRow("mapped untrusted peer is normalized")
            << lan << "::ffff:203.0.113.9" << xff({"198.51.100.7"}) << "203.0.113.9";
        QTest::newRow("mapped proxy range")
            << QStringList {QStringLiteral("::ffff:10.0.0.0/104")} << "10.200.0.1"
            << xff({"198.51.100.7"}) << "198.51.100.7";
        QTest::newRow("ipv4 proxy range does not match ipv6")
            << lan << "2001:db8::1" << xff({"198.51.100.7"}) << "2001:db8::1";
        QTest::newRow("host bits in a range are ignored")
            << QStringList {QStringLiteral("10.1.2.3/8")} << "10.200.0.1" << xff({"198.51.100.7"})
            << "198.51.100.7";
    }

    void clientAddress()
    {
        QFETCH(QStringList, proxies);
        QFETCH(QString, peer);
        QFETCH(Headers, headers);
        QFETCH(QString, expected);
        auto trusted = TrustedProxies::parse(proxies);
        SHOP_VERIFY_OK(trusted);
        const QHostAddress client = trusted->clientAddress(requestFrom(peer, headers));
        QCOMPARE(client.toString(), QHostAddress(expected).toString());
        QCOMPARE(client.protocol(), QHostAddress(expected).protocol());
    }

    void longChainsStop()
    {
        auto trusted = TrustedProxies::parse({QStringLiteral("10.0.0.0/8")});
        SHOP_VERIFY_OK(trusted);
        QByteArray list = "198.51.100.7";
        for (int i = 0; i < 100; ++i) {
            list += ", 10.0.0." + QByteArray::number(i % 250 + 1);
        }
        const QHostAddress client = trusted->clientAddress(
            requestFrom(QStringLiteral("10.0.0.1"), {{"x-forwarded-for", list}}));
        QVERIFY(trusted->isTrusted(client)); // gave up among the proxies, never past them
    }

    void parseRefusesBadRanges_data()
    {
        QTest::addColumn<QString>("range");
        for (const char *bad :
             {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8",
              "proxy.example.com", "fe80::1%eth0", "127.1", "10.0.0.0/x", "*"}) {
            QTest::newRow(bad) << QString::fromLatin1(bad);
        }
    }

    void parseRefusesBadRanges()
    {
        QFETCH(QString, range);
        auto trusted = TrustedProxies::parse({QStringLiteral("127.0.0.1"), range});
        QVERIFY(!trusted);
        QCOMPARE(trusted.error().code, ErrorCode::Validation);
        QCOMPARE(trusted.error().fieldErrors.size(), 1);
        QVERIFY2(trusted.error().fieldErrors.first().message.contains(range),
                 qPrintable(trusted.error().fieldErrors.first().message));
    }

    void isTrusted()
    {
        auto trusted = TrustedProxies::parse(
            {QStringLiteral(" 192.0.2.0/24 "), QStringLiteral("2001:db8::/32"), QString()});
        SHOP_VERIFY_OK(trusted);
        QVERIFY(!trusted->isEmpty());
        QVERIFY(trusted->isTrusted(QHostAddress(QStringLiteral("192.0.2.200"))));
        QVERIFY(trusted->isTrusted(QHostAddress(QStringLiteral("::ffff:192.0.2.1"))));
        QVERIFY(!trusted->isTrusted(QHostAddress(QStringLiteral("192.0.3.1"))));
        QVERIFY(trusted->isTrusted(QHostAddress(QStringLiteral("2001:db8:ffff::1"))));
        QVERIFY(!trusted->isTrusted(QHostAddress(QStringLiteral("2001:db9::1"))));
        QVERIFY(TrustedProxies().isEmpty());
        QVERIFY(!TrustedProxies().isTrusted(QHostAddress(QStringLiteral("127.0.0.1"))));
    }

    void normalized()
    {
        QCOMPARE(normalizedAddress(QHostAddress(QStringLiteral("::ffff:127.0.0.1"))),
                 QHostAddress(QStringLiteral("127.0.0.1")));
        QCOMPARE(normalizedAddress(QHostAddress(QStringLiteral("::ffff:127.0.0.1"))).protocol(),
                 QAbstractSocket::IPv4Protocol);
        QCOMPARE(normalizedAddress(QHostAddress(QStringLiteral("fe80::1%1"))).scopeId(), QString());
        QCOMPARE(normalizedAddress(QHostAddress(QStringLiteral("::1"))),
                 QHostAddress(QStringLiteral("::1")));
    }

    void csrfProof_data()
    {
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<bool>("proof");
        QTest::newRow("none") << Headers {} << false;
        QTest::newRow("exact") << Headers {{"x-requested-with", "XMLHttpRequest"}} << true;
        QTest::newRow("lower case value")
            << Headers {{"x-requested-with", "xmlhttprequest"}} << true;
        QTest::newRow("name in any case")
            << Headers {{"X-Requested-With", "XMLHTTPREQUEST"}} << true;
        QTest::newRow("white space") << Headers {{"x-requested-with", " XMLHttpRequest "}} << true;
        QTest::newRow("other value") << Headers {{"x-requested-with", "fetch"}} << false;
        QTest::newRow("empty value") << Headers {{"x-requested-with", ""}} << false;
        QTest::newRow("prefix only") << Headers {{"x-requested-with", "XMLHttpRequestX"}} << false;
        QTest::newRow("second field")
            << Headers {{"x-requested-with", "a"}, {"x-requested-with", "XMLHttpRequest"}} << true;
        QTest::newRow("other header") << Headers {{"x-requested-by", "XMLHttpRequest"}} << false;
    }

    void csrfProof()
    {
        QFETCH(Headers, headers);
        QFETCH(bool, proof);
        QCOMPARE(hasCsrfProof(requestFrom(QStringLiteral("127.0.0.1"), headers)), proof);
    }
};

QTEST_GUILESS_MAIN(TestClientAddress)
#include "tst_clientaddress.moc"
