// Random tokens, their digests and constant-time comparison; roles and permissions.

#include "auth/permissions.h"
#include "auth/tokens.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Shop::Auth;

class TestAuthTokens final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomTokenShape_data();
    void randomTokenShape();
    void randomTokensAreUnique();
    void digestKnownVectors_data();
    void digestKnownVectors();
    void constantTimeEquals_data();
    void constantTimeEquals();
    void roleNames();
    void permissions_data();
    void permissions();
};

void TestAuthTokens::randomTokenShape_data()
{
    QTest::addColumn<int>("bytes");
    QTest::addColumn<int>("length");
    QTest::newRow("default 32") << 32 << 43;
    QTest::newRow("16") << 16 << 22;
    QTest::newRow("1") << 1 << 2;
    QTest::newRow("64") << 64 << 86;
    QTest::newRow("0") << 0 << 0;
    QTest::newRow("negative") << -5 << 0;
}

void TestAuthTokens::randomTokenShape()
{
    QFETCH(int, bytes);
    QFETCH(int, length);
    const QByteArray token = randomToken(bytes);
    QCOMPARE(token.size(), length);
    static const QRegularExpression alphabet(QStringLiteral("^[A-Za-z0-9_-]*$"));
    QVERIFY(alphabet.match(QString::fromLatin1(token)).hasMatch());
    QVERIFY(!token.contains('='));
    if (bytes > 0) {
        const auto decoded = QByteArray::fromBase64Encoding(
            token, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(decoded);
        QCOMPARE(decoded.decoded.size(), bytes);
    }
}

void TestAuthTokens::randomTokensAreUnique()
{
    QSet<QByteArray> seen;
    QSet<char> firstCharacters;
    for (int i = 0; i < 10'000; ++i) {
        const QByteArray token = randomToken();
        QCOMPARE(token.size(), 43);
        QVERIFY2(!seen.contains(token), "a random token repeated");
        seen.insert(token);
        firstCharacters.insert(token.front());
    }
    QCOMPARE(seen.size(), 10'000);
    // A crude sign of randomness: 10,000 tokens start with (nearly) every one of 64 characters.
    QVERIFY(firstCharacters.size() >= 60);
    QCOMPARE(randomToken().size(), 43);
}

void TestAuthTokens::digestKnownVectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("hex");
    // FIPS 180-2 / NIST examples for SHA-256.
    QTest::newRow("empty")
        << QByteArray()
        << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc") << QByteArray(
        "abc") << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("two blocks")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

void TestAuthTokens::digestKnownVectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, hex);
    const QByteArray digest = tokenDigest(input);
    QCOMPARE(digest.size(), 32);
    QCOMPARE(digest.toHex(), hex);
}

void TestAuthTokens::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("same") << QByteArray("secret") << QByteArray("secret") << true;
    QTest::newRow("last byte") << QByteArray("secret") << QByteArray("secreT") << false;
    QTest::newRow("first byte") << QByteArray("secret") << QByteArray("Secret") << false;
    QTest::newRow("prefix") << QByteArray("secret") << QByteArray("secre") << false;
    QTest::newRow("empty and not") << QByteArray() << QByteArray("x") << false;
    QTest::newRow("binary with NUL") << QByteArray("a\0b", 3) << QByteArray("a\0b", 3) << true;
    QTest::newRow("binary after NUL") << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
}

void TestAuthTokens::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(Shop::Auth::constantTimeEquals(a, b), equal);
    QCOMPARE(Shop::Auth::constantTimeEquals(b, a), equal);
}

void TestAuthTokens::roleNames()
{
    QCOMPARE(roleName(Role::User), QStringLiteral("user"));
    QCOMPARE(roleName(Role::Admin), QStringLiteral("admin"));
    QCOMPARE(roleFromName(u"user"), std::optional<Role>(Role::User));
    QCOMPARE(roleFromName(u"admin"), std::optional<Role>(Role::Admin));
    QVERIFY(!roleFromName(u"Admin"));
    QVERIFY(!roleFromName(u"root"));
    QVERIFY(!roleFromName(u""));
    QVERIFY(!roleFromName(u"admin "));
    QCOMPARE(rolePermissions(Role::Admin), QStringList {QStringLiteral("*")});
    QCOMPARE(rolePermissions(Role::User).size(), 6);
}

void TestAuthTokens::permissions_data()
{
    QTest::addColumn<QString>("permission");
    QTest::addColumn<bool>("user");
    QTest::addColumn<bool>("admin");
    const auto row = [](const char *permission, bool user, bool admin) {
        QTest::newRow(permission) << QString::fromLatin1(permission) << user << admin;
    };
    row("read:products", true, true);
    row("write:cart", true, true);
    row("write:orders", true, true);
    row("read:orders:own", true, true);
    row("read:account", true, true);
    row("write:account", true, true);
    row("read:orders", false, true); // every order: staff only
    row("write:products", false, true);
    row("read:users", false, true);
    row("write:users", false, true);
    row("read:audit", false, true);
    row("*", false, true);
    row("read:products ", false, true);
    row("READ:PRODUCTS", false, true);
    row("read:products:own", false, true);
}

void TestAuthTokens::permissions()
{
    QFETCH(QString, permission);
    QFETCH(bool, user);
    QFETCH(bool, admin);
    QCOMPARE(roleHas(Role::User, permission), user);
    QCOMPARE(roleHas(Role::Admin, permission), admin);
    QVERIFY(!roleHas(Role::Admin, u""));
    QVERIFY(!roleHas(Role::User, u""));
}

QTEST_GUILESS_MAIN(TestAuthTokens)
#include "tst_authtokens.moc"
