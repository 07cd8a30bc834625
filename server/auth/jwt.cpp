#include "jwt.h"

#include "tokens.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QSet>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cmath>
#include <optional>

namespace Shop::Auth {

Q_LOGGING_CATEGORY(lcJwt, "shop.auth.jwt")

namespace {

constexpr auto kAlgorithm = "HS256";
constexpr qsizetype kSignatureBytes = 32; // SHA-256
constexpr std::chrono::seconds kMaxLeeway {300};
// 9999-12-31T23:59:59Z: no time claim beyond it is plausible, and it keeps every value exact.
constexpr double kMaxTimeClaim = 253402300799.0;

const QString kInvalidToken = QStringLiteral("invalid or expired token");

Error unauthorized(const QString &detail)
{
    Error error;
    error.code = ErrorCode::Unauthorized;
    error.message = kInvalidToken;
    error.logDetail = detail;
    return error;
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool isBase64UrlChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
        || c == '_';
}

// Canonical base64url without padding: only the alphabet, no length that cannot be, and no
// unused bits set (so one value has exactly one encoding).
std::optional<QByteArray> decodeBase64Url(QByteArrayView part)
{
    if (part.isEmpty() || part.size() % 4 == 1) {
        return std::nullopt;
    }
    for (const char c : part) {
        if (!isBase64UrlChar(c)) {
            return std::nullopt;
        }
    }
    const QByteArray text = part.toByteArray();
    auto decoded = QByteArray::fromBase64Encoding(
        text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || base64Url(decoded.decoded) != text) {
        return std::nullopt;
    }
    return decoded.decoded;
}

std::optional<QJsonObject> parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return std::nullopt;
    }
    return document.object();
}

QByteArray hmacSha256(const QByteArray &secret, QByteArrayView data)
{
    QByteArray mac(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    const unsigned char *result =
        HMAC(EVP_sha256(), secret.constData(), int(secret.size()),
             reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()),
             reinterpret_cast<unsigned char *>(mac.data()), &length);
    if (result == nullptr || length != unsigned(kSignatureBytes)) {
        return {};
    }
    mac.truncate(kSignatureBytes);
    return mac;
}

// An integer number of seconds since the epoch, or nothing.
std::optional<qint64> timeClaim(const QJsonObject &payload, const QString &name)
{
    const QJsonValue value = payload.value(name);
    if (!value.isDouble()) {
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (!std::isfinite(number) || number < 0 || number > kMaxTimeClaim
        || std::floor(number) != number) {
        return std::nullopt;
    }
    return qint64(number);
}

std::optional<QString> optionalString(const QJsonObject &payload, const QString &name)
{
    const QJsonValue value = payload.value(name);
    if (value.isUndefined()) {
        return QString();
    }
    if (!value.isString()) {
        return std::nullopt;
    }
    return value.toString();
}

} // namespace

bool isValidKeyId(QStringView id)
{
    if (id.isEmpty() || id.size() > kMaxSigningKeyIdLength) {
        return false;
    }
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z')
            || (u >= u'0' && u <= u'9') || u == u'.' || u == u'_' || u == u'-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

Result<JwtCodec> JwtCodec::create(QList<SigningKey> keys, QString activeKeyId, JwtSettings settings)
{
    if (keys.isEmpty()) {
        return fail(Error::badRequest(QStringLiteral("no JWT signing keys are configured")));
    }
    QSet<QString> ids;
    for (const SigningKey &key : keys) {
        if (!isValidKeyId(key.id)) {
            return fail(Error::badRequest(
                QStringLiteral("JWT signing key id \"%1\" must be 1 to %2 characters of "
                               "A-Z, a-z, 0-9, '.', '_' and '-'")
                    .arg(key.id.left(kMaxSigningKeyIdLength))
                    .arg(kMaxSigningKeyIdLength)));
        }
        if (key.secret.size() < kMinSigningSecretBytes) {
            return fail(Error::badRequest(
                QStringLiteral("JWT signing key \"%1\" has a secret of %2 bytes; at least %3 "
                               "are needed")
                    .arg(key.id)
                    .arg(key.secret.size())
                    .arg(kMinSigningSecretBytes)));
        }
        if (ids.contains(key.id)) {
            return fail(Error::badRequest(
                QStringLiteral("JWT signing key id \"%1\" appears twice").arg(key.id)));
        }
        ids.insert(key.id);
    }
    if (!ids.contains(activeKeyId)) {
        return fail(Error::badRequest(
            QStringLiteral("the active JWT signing key \"%1\" is not among the configured keys")
                .arg(activeKeyId.left(kMaxSigningKeyIdLength))));
    }
    if (settings.issuer.isEmpty() || settings.audience.isEmpty()) {
        return fail(Error::badRequest(QStringLiteral("the JWT issuer and audience must be set")));
    }
    if (settings.leeway < std::chrono::seconds(0) || settings.leeway > kMaxLeeway) {
        return fail(
            Error::badRequest(QStringLiteral("the JWT leeway must be between 0 and %1 seconds")
                                  .arg(kMaxLeeway.count())));
    }
    JwtCodec codec;
    codec.m_keys = std::move(keys);
    codec.m_activeKeyId = std::move(activeKeyId);
    codec.m_settings = std::move(settings);
    return codec;
}

const SigningKey *JwtCodec::key(QStringView id) const
{
    for (const SigningKey &k : m_keys) {
        if (k.id == id) {
            return &k;
        }
    }
    return nullptr;
}

QByteArray JwtCodec::sign(const TokenClaims &claims) const
{
    if (claims.subject.isEmpty() || claims.sessionId.isEmpty() || claims.type.isEmpty()
        || !claims.expiresAt.isValid()) {
        qCCritical(lcJwt) << "refusing to sign a token without sub, sid, typ or exp";
        return {};
    }
    const SigningKey *signingKey = key(m_activeKeyId);
    Q_ASSERT(signingKey); // create() guarantees it

    const QDateTime issuedAt =
        claims.issuedAt.isValid() ? claims.issuedAt : QDateTime::currentDateTimeUtc();
    const QDateTime notBefore = claims.notBefore.isValid() ? claims.notBefore : issuedAt;
    const QString tokenId =
        claims.tokenId.isEmpty() ? QString::fromLatin1(randomToken(16)) : claims.tokenId;

    const QJsonObject header {{QStringLiteral("alg"), QLatin1StringView(kAlgorithm)},
                              {QStringLiteral("typ"), QStringLiteral("JWT")},
                              {QStringLiteral("kid"), m_activeKeyId}};
    QJsonObject payload {{QStringLiteral("iss"), m_settings.issuer},
                         {QStringLiteral("aud"), m_settings.audience},
                         {QStringLiteral("sub"), claims.subject},
                         {QStringLiteral("sid"), claims.sessionId},
                         {QStringLiteral("typ"), claims.type},
                         {QStringLiteral("jti"), tokenId},
                         {QStringLiteral("iat"), issuedAt.toSecsSinceEpoch()},
                         {QStringLiteral("nbf"), notBefore.toSecsSinceEpoch()},
                         {QStringLiteral("exp"), claims.expiresAt.toSecsSinceEpoch()}};
    if (!claims.role.isEmpty()) {
        payload.insert(QStringLiteral("role"), claims.role);
    }
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact))
        + '.' + base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const QByteArray signature = hmacSha256(signingKey->secret, signingInput);
    if (signature.isEmpty()) {
        qCCritical(lcJwt) << "HMAC-SHA-256 failed";
        return {};
    }
    return signingInput + '.' + base64Url(signature);
}

Result<TokenClaims> JwtCodec::verify(QByteArrayView token, QStringView expectedType,
                                     const QDateTime &now) const
{
    if (!now.isValid()) {
        return fail(unauthorized(QStringLiteral("no valid current time given")));
    }
    if (token.size() > kMaxJwtBytes) {
        return fail(unauthorized(QStringLiteral("token longer than %1 bytes").arg(kMaxJwtBytes)));
    }
    if (token.count('.') != 2) {
        return fail(unauthorized(QStringLiteral("token does not have three parts")));
    }
    const qsizetype firstDot = token.indexOf('.');
    const qsizetype lastDot = token.lastIndexOf('.');
    const QByteArrayView headerPart = token.first(firstDot);
    const QByteArrayView payloadPart = token.sliced(firstDot + 1, lastDot - firstDot - 1);
    const QByteArrayView signaturePart = token.sliced(lastDot + 1);

    const std::optional<QByteArray> headerJson = decodeBase64Url(headerPart);
    const std::optional<QByteArray> payloadJson = decodeBase64Url(payloadPart);
    const std::optional<QByteArray> signature = decodeBase64Url(signaturePart);
    if (!headerJson || !payloadJson || !signature) {
        return fail(unauthorized(QStringLiteral("a part is not canonical base64url")));
    }

    const std::optional<QJsonObject> header = parseObject(*headerJson);
    if (!header) {
        return fail(unauthorized(QStringLiteral("the header is not a JSON object")));
    }
    const QJsonValue alg = header->value(QStringLiteral("alg"));
    if (!alg.isString() || alg.toString() != QLatin1StringView(kAlgorithm)) {
        return fail(unauthorized(QStringLiteral("header alg is not HS256")));
    }
    const QJsonValue headerType = header->value(QStringLiteral("typ"));
    if (!headerType.isUndefined()
        && (!headerType.isString() || headerType.toString() != QStringLiteral("JWT"))) {
        return fail(unauthorized(QStringLiteral("header typ is not JWT")));
    }
    if (header->contains(QStringLiteral("crit"))) {
        return fail(unauthorized(QStringLiteral("header has crit")));
    }
    const QJsonValue kid = header->value(QStringLiteral("kid"));
    if (!kid.isString()) {
        return fail(unauthorized(QStringLiteral("header has no kid")));
    }
    const SigningKey *verifyingKey = key(kid.toString());
    if (verifyingKey == nullptr) {
        // The id goes into the log only when it is well-formed (no line breaks or controls).
        const QString id = isValidKeyId(kid.toString()) ? kid.toString() : QStringLiteral("?");
        return fail(unauthorized(QStringLiteral("unknown kid \"%1\"").arg(id)));
    }

    const QByteArray expected = hmacSha256(verifyingKey->secret, token.first(lastDot));
    if (expected.isEmpty() || signature->size() != kSignatureBytes
        || !constantTimeEquals(expected, *signature)) {
        return fail(
            unauthorized(QStringLiteral("bad signature (kid \"%1\")").arg(verifyingKey->id)));
    }

    // From here on the payload is ours (signed with a configured key).
    const std::optional<QJsonObject> payload = parseObject(*payloadJson);
    if (!payload) {
        return fail(unauthorized(QStringLiteral("the payload is not a JSON object")));
    }
    const QJsonValue iss = payload->value(QStringLiteral("iss"));
    if (!iss.isString() || iss.toString() != m_settings.issuer) {
        return fail(unauthorized(QStringLiteral("wrong iss")));
    }
    const QJsonValue aud = payload->value(QStringLiteral("aud"));
    bool audienceMatches = false;
    if (aud.isString()) {
        audienceMatches = aud.toString() == m_settings.audience;
    } else if (aud.isArray()) {
        const QJsonArray audiences = aud.toArray();
        for (const QJsonValue &entry : audiences) {
            if (entry.isString() && entry.toString() == m_settings.audience) {
                audienceMatches = true;
            }
        }
    }
    if (!audienceMatches) {
        return fail(unauthorized(QStringLiteral("wrong aud")));
    }

    const std::optional<qint64> exp = timeClaim(*payload, QStringLiteral("exp"));
    const std::optional<qint64> nbf = timeClaim(*payload, QStringLiteral("nbf"));
    const std::optional<qint64> iat = timeClaim(*payload, QStringLiteral("iat"));
    if (!exp || !nbf || !iat) {
        return fail(unauthorized(QStringLiteral("exp, nbf or iat missing or not an integer")));
    }
    const qint64 nowSecs = now.toSecsSinceEpoch();
    const qint64 leeway = m_settings.leeway.count();
    if (nowSecs >= *exp + leeway) {
        return fail(unauthorized(QStringLiteral("expired")));
    }
    if (*nbf > nowSecs + leeway) {
        return fail(unauthorized(QStringLiteral("not valid yet (nbf)")));
    }
    if (*iat > nowSecs + leeway) {
        return fail(unauthorized(QStringLiteral("issued in the future (iat)")));
    }
    if (*iat > *exp) {
        return fail(unauthorized(QStringLiteral("iat after exp")));
    }

    const QJsonValue type = payload->value(QStringLiteral("typ"));
    if (expectedType.isEmpty() || !type.isString() || type.toString() != expectedType) {
        return fail(unauthorized(QStringLiteral("wrong typ")));
    }
    const QJsonValue sub = payload->value(QStringLiteral("sub"));
    const QJsonValue sid = payload->value(QStringLiteral("sid"));
    if (!sub.isString() || sub.toString().isEmpty() || !sid.isString()
        || sid.toString().isEmpty()) {
        return fail(unauthorized(QStringLiteral("sub or sid missing")));
    }
    const std::optional<QString> role = optionalString(*payload, QStringLiteral("role"));
    const std::optional<QString> jti = optionalString(*payload, QStringLiteral("jti"));
    if (!role || !jti) {
        return fail(unauthorized(QStringLiteral("role or jti is not a string")));
    }

    TokenClaims claims;
    claims.subject = sub.toString();
    claims.sessionId = sid.toString();
    claims.type = type.toString();
    claims.role = *role;
    claims.tokenId = *jti;
    claims.issuedAt = QDateTime::fromSecsSinceEpoch(*iat, Qt::UTC);
    claims.notBefore = QDateTime::fromSecsSinceEpoch(*nbf, Qt::UTC);
    claims.expiresAt = QDateTime::fromSecsSinceEpoch(*exp, Qt::UTC);
    return claims;
}

Result<QList<SigningKey>> parseSigningKeys(const QString &text)
{
    QList<SigningKey> keys;
    QSet<QString> ids;
    const QStringList entries = text.split(QLatin1Char(','));
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString entry = entries.at(i).trimmed();
        if (entry.isEmpty()) {
            if (entries.size() == 1) {
                break; // the whole value is empty: reported below
            }
            return fail(
                Error::badRequest(QStringLiteral("signing key entry %1 is empty").arg(i + 1)));
        }
        const qsizetype colon = entry.indexOf(QLatin1Char(':'));
        if (colon < 0) {
            return fail(Error::badRequest(
                QStringLiteral("signing key entry %1 is not id:base64-secret").arg(i + 1)));
        }
        const QString id = entry.first(colon).trimmed();
        if (!isValidKeyId(id)) {
            return fail(Error::badRequest(
                QStringLiteral("signing key entry %1 has an id that is not 1 to %2 characters of "
                               "A-Z, a-z, 0-9, '.', '_' and '-'")
                    .arg(i + 1)
                    .arg(kMaxSigningKeyIdLength)));
        }
        if (ids.contains(id)) {
            return fail(
                Error::badRequest(QStringLiteral("signing key id \"%1\" appears twice").arg(id)));
        }
        const QByteArray encoded = entry.sliced(colon + 1).trimmed().toLatin1();
        std::optional<QByteArray> secret;
        for (const auto alphabet : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
            auto decoded = QByteArray::fromBase64Encoding(
                encoded, alphabet | QByteArray::AbortOnBase64DecodingErrors);
            if (decoded) {
                secret = decoded.decoded;
                break;
            }
        }
        if (encoded.isEmpty() || !secret) {
            return fail(Error::badRequest(
                QStringLiteral("signing key \"%1\" has a secret that is not base64").arg(id)));
        }
        if (secret->size() < kMinSigningSecretBytes) {
            return fail(Error::badRequest(
                QStringLiteral("signing key \"%1\" has a secret of %2 bytes; at least %3 are "
                               "needed")
                    .arg(id)
                    .arg(secret->size())
                    .arg(kMinSigningSecretBytes)));
        }
        ids.insert(id);
        keys.append(SigningKey {id, *secret});
    }
    if (keys.isEmpty()) {
        return fail(Error::badRequest(QStringLiteral("no signing keys are given")));
    }
    return keys;
}

} // namespace Shop::Auth
