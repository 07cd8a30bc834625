// JWT (HS256) as shop_auth signs and verifies it: a round trip, every attack on the format, the
// algorithm, the key, the signature and the claims, key rotation by kid, and the configuration
// (keys, parseSigningKeys). Attack tokens are made here with Qt's own HMAC
// (QMessageAuthenticationCode), independent of the OpenSSL code under test.

#include "auth/jwt.h"
#include "support/resultcheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Shop;
using namespace Shop::Auth;
using namespace std::chrono_literals;

namespace {

const QByteArray kSecret1 = QByteArray("0123456789abcdef0123456789abcdef-key-one");
const QByteArray kSecret2 = QByteArray("fedcba9876543210fedcba9876543210-key-two");
const QString kIssuer = QStringLiteral("https://shop.example");
const QString kAudience = QStringLiteral("shop-api");
const QString kAccess = QStringLiteral("access");
// 2026-12-05T10:00:00Z
const QDateTime kNow = QDateTime(QDate(2026, 12, 5), QTime(10, 0), Qt::UTC);

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject header(const QString &alg = QStringLiteral("HS256"),
                   const QString &kid = QStringLiteral("k1"))
{
    return {{QStringLiteral("alg"), alg},
            {QStringLiteral("typ"), QStringLiteral("JWT")},
            {QStringLiteral("kid"), kid}};
}

QJsonObject payload(qint64 offsetSecs = 0)
{
    const qint64 now = kNow.toSecsSinceEpoch() + offsetSecs;
    return {{QStringLiteral("iss"), kIssuer},
            {QStringLiteral("aud"), kAudience},
            {QStringLiteral("sub"), QStringLiteral("user-1")},
            {QStringLiteral("sid"), QStringLiteral("session-1")},
            {QStringLiteral("typ"), kAccess},
            {QStringLiteral("role"), QStringLiteral("user")},
            {QStringLiteral("jti"), QStringLiteral("jti-1")},
            {QStringLiteral("iat"), now},
            {QStringLiteral("nbf"), now},
            {QStringLiteral("exp"), now + 900}};
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    object.insert(key, value);
    return object;
}

QJsonObject without(QJsonObject object, const QString &key)
{
    object.remove(key);
    return object;
}

QByteArray signRaw(const QByteArray &headerB64, const QByteArray &payloadB64,
                   const QByteArray &secret,
                   QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256)
{
    const QByteArray input = headerB64 + '.' + payloadB64;
    return input + '.' + b64(QMessageAuthenticationCode::hash(input, secret, algorithm));
}

QByteArray token(const QJsonObject &h, const QJsonObject &p, const QByteArray &secret = kSecret1,
                 QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256)
{
    return signRaw(b64(json(h)), b64(json(p)), secret, algorithm);
}

JwtCodec codec(QList<SigningKey> keys = {{QStringLiteral("k1"), kSecret1}},
               const QString &active = QStringLiteral("k1"))
{
    auto created = JwtCodec::create(std::move(keys), active, {kIssuer, kAudience, 30s});
    if (!created) {
        qFatal("test codec refused: %s", qPrintable(created.error().message));
    }
    return *created;
}

TokenClaims claims()
{
    TokenClaims c;
    c.subject = QStringLiteral("0b5e9c9e-6a43-4c1b-9d5e-2f1e1b7e0c11");
    c.sessionId = QStringLiteral("5f0c7f5e-1111-4222-8333-944455556666");
    c.type = kAccess;
    c.role = QStringLiteral("admin");
    c.issuedAt = kNow;
    c.expiresAt = kNow.addSecs(900);
    return c;
}

// The parts of a token, decoded.
QList<QByteArray> parts(const QByteArray &jwt)
{
    QList<QByteArray> out;
    for (const QByteArray &part : jwt.split('.')) {
        out.append(QByteArray::fromBase64(part, QByteArray::Base64UrlEncoding));
    }
    return out;
}

// The same token with the last character of its signature changed so that only the unused low
// bits differ: it decodes to the same bytes but is not canonical base64url.
QByteArray nonCanonicalSignature(const QByteArray &jwt)
{
    static const QByteArray alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    QByteArray copy = jwt;
    const qsizetype index = alphabet.indexOf(copy.back());
    // 32 bytes = 43 characters; the last carries 4 bits of data and 2 unused bits.
    copy.back() = alphabet.at(index ^ 1);
    return copy;
}

} // namespace

class TestJwt final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void signDefaults();
    void signRefusesIncompleteClaims();
    void verify_data();
    void verify();
    void refusalsAreGeneric();
    void keyRotation();
    void concurrentUse();
    void create_data();
    void create();
    void parseSigningKeys_data();
    void parseSigningKeys();
    void parseSigningKeysRefusals_data();
    void parseSigningKeysRefusals();
};

void TestJwt::roundTrip()
{
    const JwtCodec c = codec();
    TokenClaims in = claims();
    in.tokenId = QStringLiteral("my-jti");
    const QByteArray jwt = c.sign(in);
    QCOMPARE(jwt.count('.'), 2);

    const QList<QByteArray> decoded = parts(jwt);
    const QJsonObject h = QJsonDocument::fromJson(decoded.at(0)).object();
    QCOMPARE(h.value(QStringLiteral("alg")).toString(), QStringLiteral("HS256"));
    QCOMPARE(h.value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
    QCOMPARE(h.value(QStringLiteral("kid")).toString(), QStringLiteral("k1"));
    QCOMPARE(h.size(), 3);
    const QJsonObject p = QJsonDocument::fromJson(decoded.at(1)).object();
    QCOMPARE(p.value(QStringLiteral("iss")).toString(), kIssuer);
    QCOMPARE(p.value(QStringLiteral("aud")).toString(), kAudience);
    QCOMPARE(p.value(QStringLiteral("exp")).toInteger(), kNow.toSecsSinceEpoch() + 900);
    QCOMPARE(p.value(QStringLiteral("typ")).toString(), kAccess);
    // The signature is HMAC-SHA-256 of the first two parts (checked with Qt's implementation).
    const QByteArray input = jwt.first(jwt.lastIndexOf('.'));
    QCOMPARE(decoded.at(2),
             QMessageAuthenticationCode::hash(input, kSecret1, QCryptographicHash::Sha256));

    const auto out = c.verify(jwt, kAccess, kNow.addSecs(60));
    SHOP_VERIFY_OK(out);
    QCOMPARE(out->subject, in.subject);
    QCOMPARE(out->sessionId, in.sessionId);
    QCOMPARE(out->type, in.type);
    QCOMPARE(out->role, in.role);
    QCOMPARE(out->tokenId, QStringLiteral("my-jti"));
    QCOMPARE(out->issuedAt, kNow);
    QCOMPARE(out->notBefore, kNow);
    QCOMPARE(out->expiresAt, kNow.addSecs(900));
    QCOMPARE(out->expiresAt.timeSpec(), Qt::UTC);
}

void TestJwt::signDefaults()
{
    const JwtCodec c = codec();
    TokenClaims in = claims();
    in.issuedAt = QDateTime();
    in.role.clear();
    const QDateTime before = QDateTime::currentDateTimeUtc();
    in.expiresAt = before.addSecs(900);
    const QByteArray first = c.sign(in);
    const QByteArray second = c.sign(in);
    const auto a = c.verify(first, kAccess);
    const auto b = c.verify(second, kAccess);
    SHOP_VERIFY_OK(a);
    SHOP_VERIFY_OK(b);
    // jti: random when not given; iat: now; nbf: iat; role: absent.
    QVERIFY(a->tokenId.size() >= 16);
    QVERIFY(a->tokenId != b->tokenId);
    QVERIFY(qAbs(a->issuedAt.secsTo(before)) <= 5);
    QCOMPARE(a->notBefore, a->issuedAt);
    QVERIFY(a->role.isEmpty());
    QVERIFY(!QJsonDocument::fromJson(parts(first).at(1)).object().contains(QStringLiteral("role")));
}

void TestJwt::signRefusesIncompleteClaims()
{
    const JwtCodec c = codec();
    TokenClaims noSubject = claims();
    noSubject.subject.clear();
    TokenClaims noSession = claims();
    noSession.sessionId.clear();
    TokenClaims noType = claims();
    noType.type.clear();
    TokenClaims noExpiry = claims();
    noExpiry.expiresAt = QDateTime();
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("refusing to sign")));
    QVERIFY(c.sign(noSubject).isEmpty());
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("refusing to sign")));
    QVERIFY(c.sign(noSession).isEmpty());
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("refusing to sign")));
    QVERIFY(c.sign(noType).isEmpty());
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("refusing to sign")));
    QVERIFY(c.sign(noExpiry).isEmpty());
}

void TestJwt::verify_data()
{
    QTest::addColumn<QByteArray>("jwt");
    QTest::addColumn<QString>("expectedType");
    QTest::addColumn<QString>("refusal"); // a part of logDetail, empty when accepted

    const QJsonObject h = header();
    const QJsonObject p = payload();
    const QByteArray good = token(h, p);
    const QByteArray hB64 = b64(json(h));
    const QByteArray pB64 = b64(json(p));
    const QString none;

    QTest::newRow("good") << good << kAccess << none;
    QTest::newRow("header without typ")
        << token(without(h, QStringLiteral("typ")), p) << kAccess << none;
    QTest::newRow("aud array containing it")
        << token(h, with(p, QStringLiteral("aud"), QJsonArray {QStringLiteral("other"), kAudience}))
        << kAccess << none;
    QTest::newRow("expired within leeway") << token(h, payload(-900 - 29)) << kAccess << none;
    QTest::newRow("nbf in the future within leeway")
        << token(h, with(p, QStringLiteral("nbf"), kNow.toSecsSinceEpoch() + 30)) << kAccess
        << none;
    QTest::newRow("iat in the future within leeway")
        << token(h, with(p, QStringLiteral("iat"), kNow.toSecsSinceEpoch() + 30)) << kAccess
        << none;

    // The algorithm is HS256, whatever the token says.
    QTest::newRow("alg none, no signature")
        << QByteArray(b64(json(header(QStringLiteral("none")))) + '.' + pB64 + '.') << kAccess
        << QStringLiteral("base64url");
    QTest::newRow("alg none, signed")
        << token(header(QStringLiteral("none")), p) << kAccess << QStringLiteral("alg");
    QTest::newRow("alg None") << token(header(QStringLiteral("None")), p) << kAccess
                              << QStringLiteral("alg");
    QTest::newRow("alg hs256 (case)")
        << token(header(QStringLiteral("hs256")), p) << kAccess << QStringLiteral("alg");
    QTest::newRow("alg HS512") << token(header(QStringLiteral("HS512")), p, kSecret1,
                                        QCryptographicHash::Sha512)
                               << kAccess << QStringLiteral("alg");
    QTest::newRow("alg HS384") << token(header(QStringLiteral("HS384")), p, kSecret1,
                                        QCryptographicHash::Sha384)
                               << kAccess << QStringLiteral("alg");
    QTest::newRow("alg RS256 signed with the HMAC key")
        << token(header(QStringLiteral("RS256")), p) << kAccess << QStringLiteral("alg");
    QTest::newRow("alg missing") << token(without(h, QStringLiteral("alg")), p) << kAccess
                                 << QStringLiteral("alg");
    QTest::newRow("alg not a string")
        << token(with(h, QStringLiteral("alg"), 256), p) << kAccess << QStringLiteral("alg");
    QTest::newRow("HS512 signature under an HS256 header")
        << token(h, p, kSecret1, QCryptographicHash::Sha512) << kAccess
        << QStringLiteral("signature");
    QTest::newRow("header typ JOSE")
        << token(with(h, QStringLiteral("typ"), QStringLiteral("JOSE")), p) << kAccess
        << QStringLiteral("typ is not JWT");
    QTest::newRow("header crit") << token(
        with(h, QStringLiteral("crit"), QJsonArray {QStringLiteral("exp")}), p)
                                 << kAccess << QStringLiteral("crit");
    QTest::newRow("header not an object")
        << signRaw(b64("[\"HS256\"]"), pB64, kSecret1) << kAccess << QStringLiteral("header");

    // Keys.
    QTest::newRow("kid missing") << token(without(h, QStringLiteral("kid")), p) << kAccess
                                 << QStringLiteral("no kid");
    QTest::newRow("kid not a string")
        << token(with(h, QStringLiteral("kid"), 1), p) << kAccess << QStringLiteral("no kid");
    QTest::newRow("kid unknown") << token(header(QStringLiteral("HS256"), QStringLiteral("k9")), p,
                                          kSecret2)
                                 << kAccess << QStringLiteral("unknown kid");
    QTest::newRow("re-signed with another key")
        << token(h, p, kSecret2) << kAccess << QStringLiteral("signature");
    QTest::newRow("re-signed with an empty key")
        << token(h, p, QByteArray()) << kAccess << QStringLiteral("signature");

    // Format.
    QTest::newRow("empty") << QByteArray() << kAccess << QStringLiteral("three parts");
    QTest::newRow("two parts") << good.first(good.lastIndexOf('.')) << kAccess
                               << QStringLiteral("three parts");
    QTest::newRow("four parts") << QByteArray(good + ".AAAA") << kAccess
                                << QStringLiteral("three parts");
    QTest::newRow("empty signature")
        << good.first(good.lastIndexOf('.') + 1) << kAccess << QStringLiteral("base64url");
    // Cutting characters off leaves unused bits set: not canonical.
    QTest::newRow("signature truncated")
        << good.first(good.size() - 1) << kAccess << QStringLiteral("base64url");
    QTest::newRow("signature truncated by 4")
        << good.first(good.size() - 4) << kAccess << QStringLiteral("base64url");
    {
        const QByteArray input = hB64 + '.' + pB64;
        const QByteArray mac =
            QMessageAuthenticationCode::hash(input, kSecret1, QCryptographicHash::Sha256);
        QTest::newRow("signature of 31 bytes") << QByteArray(input + '.' + b64(mac.first(31)))
                                               << kAccess << QStringLiteral("signature");
        QTest::newRow("signature of 33 bytes")
            << QByteArray(input + '.' + b64(mac + 'x')) << kAccess << QStringLiteral("signature");
    }
    QTest::newRow("signature extended")
        << QByteArray(good + "AAAA") << kAccess << QStringLiteral("signature");
    QTest::newRow("signature padded")
        << QByteArray(good + '=') << kAccess << QStringLiteral("base64url");
    QTest::newRow("payload padded")
        << signRaw(hB64, b64(json(p)) + (json(p).size() % 3 ? "=" : "===="), kSecret1) << kAccess
        << QStringLiteral("base64url");
    QTest::newRow("standard base64 alphabet")
        << QByteArray(QByteArray(good).replace('-', '+').replace('_', '/') + "+/") << kAccess
        << QStringLiteral("base64url");
    QTest::newRow("bad base64") << QByteArray("!!!!.????.****") << kAccess
                                << QStringLiteral("base64url");
    QTest::newRow("whitespace") << QByteArray(' ' + good) << kAccess << QStringLiteral("base64url");
    QTest::newRow("non-canonical signature bits")
        << nonCanonicalSignature(good) << kAccess << QStringLiteral("base64url");
    QTest::newRow("impossible length")
        << QByteArray(hB64 + '.' + pB64 + ".AAAAA") << kAccess << QStringLiteral("base64url");
    QTest::newRow("oversize") << token(
        h, with(p, QStringLiteral("pad"), QString(8 * 1024, QLatin1Char('x'))))
                              << kAccess << QStringLiteral("longer than");
    QTest::newRow("payload not JSON")
        << signRaw(hB64, b64("not json"), kSecret1) << kAccess << QStringLiteral("payload");
    QTest::newRow("payload an array")
        << signRaw(hB64, b64("[1,2]"), kSecret1) << kAccess << QStringLiteral("payload");

    // Tampering after signing.
    {
        const QByteArray tamperedPayload =
            b64(json(with(p, QStringLiteral("sub"), QStringLiteral("admin-user"))));
        QTest::newRow("tampered payload")
            << QByteArray(hB64 + '.' + tamperedPayload + good.sliced(good.lastIndexOf('.')))
            << kAccess << QStringLiteral("signature");
        const QByteArray tamperedRole =
            b64(json(with(p, QStringLiteral("role"), QStringLiteral("admin"))));
        QTest::newRow("tampered role")
            << QByteArray(hB64 + '.' + tamperedRole + good.sliced(good.lastIndexOf('.'))) << kAccess
            << QStringLiteral("signature");
        QTest::newRow("header swapped to another kid")
            << QByteArray(b64(json(header(QStringLiteral("HS256"), QStringLiteral("k2")))) + '.'
                          + pB64 + good.sliced(good.lastIndexOf('.')))
            << kAccess << QStringLiteral("unknown kid");
    }

    // Times (leeway 30 s).
    const qint64 now = kNow.toSecsSinceEpoch();
    QTest::newRow("expired") << token(h, payload(-900 - 30)) << kAccess
                             << QStringLiteral("expired");
    QTest::newRow("expired long ago")
        << token(h, payload(-86400)) << kAccess << QStringLiteral("expired");
    QTest::newRow("exp missing") << token(h, without(p, QStringLiteral("exp"))) << kAccess
                                 << QStringLiteral("exp, nbf or iat");
    QTest::newRow("exp a string") << token(
        h, with(p, QStringLiteral("exp"), QString::number(now + 900)))
                                  << kAccess << QStringLiteral("exp, nbf or iat");
    QTest::newRow("exp a fraction") << token(h, with(p, QStringLiteral("exp"), now + 900.5))
                                    << kAccess << QStringLiteral("exp, nbf or iat");
    QTest::newRow("exp huge") << token(h, with(p, QStringLiteral("exp"), 1e300)) << kAccess
                              << QStringLiteral("exp, nbf or iat");
    QTest::newRow("nbf in the future")
        << token(h, with(p, QStringLiteral("nbf"), now + 31)) << kAccess << QStringLiteral("nbf");
    QTest::newRow("nbf missing") << token(h, without(p, QStringLiteral("nbf"))) << kAccess
                                 << QStringLiteral("exp, nbf or iat");
    QTest::newRow("iat in the future")
        << token(h, with(p, QStringLiteral("iat"), now + 31)) << kAccess << QStringLiteral("iat");
    QTest::newRow("iat missing") << token(h, without(p, QStringLiteral("iat"))) << kAccess
                                 << QStringLiteral("exp, nbf or iat");
    QTest::newRow("iat negative") << token(h, with(p, QStringLiteral("iat"), -1)) << kAccess
                                  << QStringLiteral("exp, nbf or iat");
    QTest::newRow("issued in the future beyond exp")
        << token(h, with(with(p, QStringLiteral("iat"), now + 20), QStringLiteral("exp"), now + 10))
        << kAccess << QStringLiteral("iat after exp");

    // Issuer, audience.
    QTest::newRow("wrong iss") << token(
        h, with(p, QStringLiteral("iss"), QStringLiteral("https://evil.example")))
                               << kAccess << QStringLiteral("iss");
    QTest::newRow("iss missing") << token(h, without(p, QStringLiteral("iss"))) << kAccess
                                 << QStringLiteral("iss");
    QTest::newRow("iss case") << token(h, with(p, QStringLiteral("iss"), kIssuer.toUpper()))
                              << kAccess << QStringLiteral("iss");
    QTest::newRow("wrong aud") << token(h, with(p, QStringLiteral("aud"), QStringLiteral("other")))
                               << kAccess << QStringLiteral("aud");
    QTest::newRow("aud missing") << token(h, without(p, QStringLiteral("aud"))) << kAccess
                                 << QStringLiteral("aud");
    QTest::newRow("aud array without it")
        << token(h,
                 with(p, QStringLiteral("aud"),
                      QJsonArray {QStringLiteral("other"), QStringLiteral("shop-admin")}))
        << kAccess << QStringLiteral("aud");
    QTest::newRow("aud empty array") << token(h, with(p, QStringLiteral("aud"), QJsonArray {}))
                                     << kAccess << QStringLiteral("aud");
    QTest::newRow("aud nested array")
        << token(h, with(p, QStringLiteral("aud"), QJsonArray {QJsonArray {kAudience}})) << kAccess
        << QStringLiteral("aud");

    // Type and subject.
    QTest::newRow("refresh token as access")
        << token(h, with(p, QStringLiteral("typ"), QStringLiteral("refresh"))) << kAccess
        << QStringLiteral("typ");
    QTest::newRow("access token as reset")
        << good << QStringLiteral("reset") << QStringLiteral("typ");
    QTest::newRow("typ missing") << token(h, without(p, QStringLiteral("typ"))) << kAccess
                                 << QStringLiteral("typ");
    QTest::newRow("empty expected type") << good << QString() << QStringLiteral("typ");
    QTest::newRow("sub missing") << token(h, without(p, QStringLiteral("sub"))) << kAccess
                                 << QStringLiteral("sub or sid");
    QTest::newRow("sub empty") << token(h, with(p, QStringLiteral("sub"), QString())) << kAccess
                               << QStringLiteral("sub or sid");
    QTest::newRow("sub a number") << token(h, with(p, QStringLiteral("sub"), 42)) << kAccess
                                  << QStringLiteral("sub or sid");
    QTest::newRow("sid missing") << token(h, without(p, QStringLiteral("sid"))) << kAccess
                                 << QStringLiteral("sub or sid");
    QTest::newRow("role not a string") << token(h, with(p, QStringLiteral("role"), true)) << kAccess
                                       << QStringLiteral("role or jti");
}

void TestJwt::verify()
{
    QFETCH(QByteArray, jwt);
    QFETCH(QString, expectedType);
    QFETCH(QString, refusal);

    const auto result = codec().verify(jwt, expectedType, kNow);
    if (refusal.isEmpty()) {
        SHOP_VERIFY_OK(result);
        return;
    }
    QVERIFY2(!result, "an attack token was accepted");
    QCOMPARE(result.error().code, ErrorCode::Unauthorized);
    QVERIFY2(result.error().logDetail.contains(refusal),
             qPrintable(QStringLiteral("refused for \"%1\", expected \"%2\"")
                            .arg(result.error().logDetail, refusal)));
}

void TestJwt::refusalsAreGeneric()
{
    // Whatever is wrong, a client reads the same message; the reason is for logs only.
    const JwtCodec c = codec();
    const QByteArray good = c.sign(claims());
    const auto expired = c.verify(good, kAccess, kNow.addSecs(3600));
    const auto wrongType = c.verify(good, QStringLiteral("reset"), kNow);
    const auto garbage = c.verify("garbage", kAccess, kNow);
    QVERIFY(!expired && !wrongType && !garbage);
    QCOMPARE(expired.error().message, QStringLiteral("invalid or expired token"));
    QCOMPARE(wrongType.error().message, expired.error().message);
    QCOMPARE(garbage.error().message, expired.error().message);
    QVERIFY(expired.error().logDetail != wrongType.error().logDetail);
    QVERIFY(!expired.error().logDetail.contains(QLatin1StringView(kSecret1)));

    // A kid that is not well-formed stays out of the log line.
    const QByteArray evilKid =
        token(header(QStringLiteral("HS256"), QStringLiteral("x\nFAKE LOG LINE")), payload());
    const auto evil = c.verify(evilKid, kAccess, kNow);
    QVERIFY(!evil);
    QVERIFY(evil.error().logDetail.contains(QStringLiteral("unknown kid")));
    QVERIFY(!evil.error().logDetail.contains(QStringLiteral("FAKE")));

    // No clock, no token.
    const auto noClock = c.verify(good, kAccess, QDateTime());
    QVERIFY(!noClock);
    QCOMPARE(noClock.error().code, ErrorCode::Unauthorized);
}

void TestJwt::keyRotation()
{
    const SigningKey oldKey {QStringLiteral("2026-06"), kSecret1};
    const SigningKey newKey {QStringLiteral("2026-12"), kSecret2};

    const JwtCodec before = codec({oldKey}, oldKey.id);
    const QByteArray oldToken = before.sign(claims());

    // Rotated: the new key signs, the old one still verifies.
    const JwtCodec during = codec({newKey, oldKey}, newKey.id);
    SHOP_VERIFY_OK(during.verify(oldToken, kAccess, kNow));
    const QByteArray newToken = during.sign(claims());
    QCOMPARE(QJsonDocument::fromJson(parts(newToken).at(0))
                 .object()
                 .value(QStringLiteral("kid"))
                 .toString(),
             newKey.id);
    SHOP_VERIFY_OK(during.verify(newToken, kAccess, kNow));
    // A server not yet rotated does not know the new key.
    QVERIFY(!before.verify(newToken, kAccess, kNow));

    // The old key removed: its tokens are refused, the new ones still pass.
    const JwtCodec after = codec({newKey}, newKey.id);
    const auto refused = after.verify(oldToken, kAccess, kNow);
    QVERIFY(!refused);
    QVERIFY(refused.error().logDetail.contains(QStringLiteral("unknown kid")));
    SHOP_VERIFY_OK(after.verify(newToken, kAccess, kNow));

    // Same id, new secret (a key replaced in place): old tokens fail on the signature.
    const JwtCodec replaced = codec({{oldKey.id, kSecret2}}, oldKey.id);
    const auto replacedResult = replaced.verify(oldToken, kAccess, kNow);
    QVERIFY(!replacedResult);
    QVERIFY(replacedResult.error().logDetail.contains(QStringLiteral("signature")));
}

void TestJwt::concurrentUse()
{
    // One codec shared by several threads (as the HTTP workers will share it).
    const JwtCodec c = codec();
    std::atomic<int> verified {0};
    std::atomic<int> refused {0};
    QList<QThread *> threads;
    for (int t = 0; t < 4; ++t) {
        threads.append(QThread::create([&c, &verified, &refused, t] {
            for (int i = 0; i < 500; ++i) {
                TokenClaims in = claims();
                in.subject = QStringLiteral("user-%1-%2").arg(t).arg(i);
                const QByteArray jwt = c.sign(in);
                const auto out = c.verify(jwt, kAccess, kNow);
                if (out && out->subject == in.subject) {
                    ++verified;
                }
                if (!c.verify(QByteArray(jwt).append('A'), kAccess, kNow)) {
                    ++refused;
                }
            }
        }));
    }
    for (QThread *thread : std::as_const(threads)) {
        thread->start();
    }
    for (QThread *thread : std::as_const(threads)) {
        QVERIFY(thread->wait(120'000));
        delete thread;
    }
    QCOMPARE(verified.load(), 2000);
    QCOMPARE(refused.load(), 2000);
}

void TestJwt::create_data()
{
    QTest::addColumn<QList<SigningKey>>("keys");
    QTest::addColumn<QString>("active");
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<int>("leeway");
    QTest::addColumn<QString>("refusal"); // empty when accepted

    const QString k1 = QStringLiteral("k1");
    const QList<SigningKey> one {{k1, kSecret1}};
    QTest::newRow("one key") << one << k1 << kIssuer << 30 << QString();
    QTest::newRow("no leeway") << one << k1 << kIssuer << 0 << QString();
    QTest::newRow("id with dots, dashes, underscores")
        << QList<SigningKey> {{QStringLiteral("key_2026-12.a"), kSecret1}}
        << QStringLiteral("key_2026-12.a") << kIssuer << 30 << QString();
    QTest::newRow("exactly 32 bytes")
        << QList<SigningKey> {{k1, QByteArray(32, 'x')}} << k1 << kIssuer << 30 << QString();
    QTest::newRow("no keys") << QList<SigningKey> {} << k1 << kIssuer << 30
                             << QStringLiteral("no JWT signing keys");
    QTest::newRow("31-byte secret") << QList<SigningKey> {{k1, QByteArray(31, 'x')}} << k1
                                    << kIssuer << 30 << QStringLiteral("31 bytes");
    QTest::newRow("duplicate ids") << QList<SigningKey> {{k1, kSecret1}, {k1, kSecret2}} << k1
                                   << kIssuer << 30 << QStringLiteral("twice");
    QTest::newRow("active not among keys")
        << one << QStringLiteral("k2") << kIssuer << 30 << QStringLiteral("active");
    QTest::newRow("empty active") << one << QString() << kIssuer << 30 << QStringLiteral("active");
    QTest::newRow("empty id") << QList<SigningKey> {{QString(), kSecret1}} << QString() << kIssuer
                              << 30 << QStringLiteral("must be 1 to 64");
    QTest::newRow("id with a space")
        << QList<SigningKey> {{QStringLiteral("k 1"), kSecret1}} << QStringLiteral("k 1") << kIssuer
        << 30 << QStringLiteral("must be 1 to 64");
    QTest::newRow("id with a quote")
        << QList<SigningKey> {{QStringLiteral("k\"1"), kSecret1}} << QStringLiteral("k\"1")
        << kIssuer << 30 << QStringLiteral("must be 1 to 64");
    QTest::newRow("id too long") << QList<SigningKey> {{QString(65, QLatin1Char('k')), kSecret1}}
                                 << QString(65, QLatin1Char('k')) << kIssuer << 30
                                 << QStringLiteral("must be 1 to 64");
    QTest::newRow("empty issuer") << one << k1 << QString() << 30 << QStringLiteral("issuer");
    QTest::newRow("negative leeway") << one << k1 << kIssuer << -1 << QStringLiteral("leeway");
    QTest::newRow("leeway over 5 min") << one << k1 << kIssuer << 301 << QStringLiteral("leeway");
}

void TestJwt::create()
{
    QFETCH(QList<SigningKey>, keys);
    QFETCH(QString, active);
    QFETCH(QString, issuer);
    QFETCH(int, leeway);
    QFETCH(QString, refusal);

    const auto created =
        JwtCodec::create(keys, active, {issuer, kAudience, std::chrono::seconds(leeway)});
    if (refusal.isEmpty()) {
        SHOP_VERIFY_OK(created);
        QCOMPARE(created->activeKeyId(), active);
        return;
    }
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::BadRequest);
    QVERIFY2(created.error().message.contains(refusal), qPrintable(created.error().message));
    for (const SigningKey &key : keys) {
        QVERIFY(!created.error().message.contains(QLatin1StringView(key.secret)));
    }
}

void TestJwt::parseSigningKeys_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QList<QByteArray>>("secrets");

    const QByteArray s1(32, '\xfb'); // base64 "+/..." and base64url "-_..."
    const QByteArray s2 = kSecret2;
    QTest::newRow("one") << QStringLiteral("k1:") + QString::fromLatin1(s1.toBase64())
                         << QStringList {QStringLiteral("k1")} << QList<QByteArray> {s1};
    QTest::newRow("two, spaces") << QStringLiteral(" 2026-12 : ")
            + QString::fromLatin1(s1.toBase64()) + QStringLiteral(" ,\n 2026-06:")
            + QString::fromLatin1(s2.toBase64())
                                 << QStringList {QStringLiteral("2026-12"),
                                                 QStringLiteral("2026-06")}
                                 << QList<QByteArray> {s1, s2};
    QTest::newRow("base64url, no padding")
        << QStringLiteral("k1:")
            + QString::fromLatin1(
                s1.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
        << QStringList {QStringLiteral("k1")} << QList<QByteArray> {s1};
    QTest::newRow("base64, no padding")
        << QStringLiteral("k1:") + QString::fromLatin1(s1.toBase64(QByteArray::OmitTrailingEquals))
        << QStringList {QStringLiteral("k1")} << QList<QByteArray> {s1};
}

void TestJwt::parseSigningKeys()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);
    QFETCH(QList<QByteArray>, secrets);

    const auto keys = Auth::parseSigningKeys(text);
    SHOP_VERIFY_OK(keys);
    QCOMPARE(keys->size(), ids.size());
    for (qsizetype i = 0; i < ids.size(); ++i) {
        QCOMPARE(keys->at(i).id, ids.at(i));
        QCOMPARE(keys->at(i).secret, secrets.at(i));
    }
    // What parseSigningKeys accepts, JwtCodec::create accepts.
    SHOP_VERIFY_OK(JwtCodec::create(*keys, ids.first(), {kIssuer, kAudience, 30s}));
}

void TestJwt::parseSigningKeysRefusals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("refusal");

    const QString secret = QString::fromLatin1(kSecret1.toBase64());
    QTest::newRow("empty") << QString() << QStringLiteral("no signing keys");
    QTest::newRow("blank") << QStringLiteral("  ") << QStringLiteral("no signing keys");
    QTest::newRow("no colon") << secret << QStringLiteral("not id:base64-secret");
    QTest::newRow("empty id") << QStringLiteral(":") + secret << QStringLiteral("has an id");
    QTest::newRow("bad id") << QStringLiteral("k/1:") + secret << QStringLiteral("has an id");
    QTest::newRow("empty secret") << QStringLiteral("k1:") << QStringLiteral("not base64");
    QTest::newRow("not base64") << QStringLiteral("k1:this is not base64!!")
                                << QStringLiteral("not base64");
    QTest::newRow("short secret") << QStringLiteral("k1:")
            + QString::fromLatin1(QByteArray(31, 'x').toBase64())
                                  << QStringLiteral("31 bytes");
    QTest::newRow("duplicate") << QStringLiteral("k1:") + secret + QStringLiteral(",k1:") + secret
                               << QStringLiteral("twice");
    QTest::newRow("empty entry") << QStringLiteral("k1:") + secret + QStringLiteral(",,")
                                 << QStringLiteral("entry 2 is empty");
}

void TestJwt::parseSigningKeysRefusals()
{
    QFETCH(QString, text);
    QFETCH(QString, refusal);

    const auto keys = Auth::parseSigningKeys(text);
    QVERIFY(!keys);
    QCOMPARE(keys.error().code, ErrorCode::BadRequest);
    QVERIFY2(keys.error().message.contains(refusal), qPrintable(keys.error().message));
    QVERIFY(!keys.error().message.contains(QString::fromLatin1(kSecret1.toBase64())));
}

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
