#pragma once

#include "error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringView>

#include <chrono>

namespace Shop::Auth {

// One HMAC key. `id` is the JWT header's `kid`: 1 to 64 characters of [A-Za-z0-9._-]. `secret`
// is at least 32 bytes (256 bits, the size of the HS256 output).
struct SigningKey
{
    QString id;
    QByteArray secret;
};

inline constexpr qsizetype kMinSigningSecretBytes = 32;
inline constexpr qsizetype kMaxSigningKeyIdLength = 64;
// verify() refuses longer tokens before looking at them.
inline constexpr qsizetype kMaxJwtBytes = 8 * 1024;

// The claims of a Shop token. iss and aud come from JwtSettings, not from here.
struct TokenClaims
{
    QString subject; // sub: the user id
    QString sessionId; // sid: the session (refresh token family) id
    QString type; // typ: "access" (later also e.g. "reset")
    QString role; // role: "user" | "admin"; may be empty (then not in the token)
    QString tokenId; // jti: random when empty at sign()
    QDateTime issuedAt; // iat; now when invalid at sign()
    QDateTime notBefore; // nbf; issuedAt when invalid at sign()
    QDateTime expiresAt; // exp; required
};

struct JwtSettings
{
    QString issuer; // iss, required
    QString audience; // aud, required
    std::chrono::seconds leeway {30}; // clock skew allowed on exp, nbf and iat; 0 to 300 s
};

// JSON Web Tokens (RFC 7519) signed with HS256 (HMAC-SHA-256, OpenSSL) and nothing else.
//
// sign() writes the header {"alg":"HS256","kid":<active key id>,"typ":"JWT"} and the payload
// {"aud","exp","iat","iss","jti","nbf","role","sid","sub","typ"} (times in whole seconds since
// the epoch), each as compact JSON in base64url without padding.
//
// verify() is strict, and checks in this order: at most kMaxJwtBytes; exactly three non-empty
// parts of canonical base64url without padding; the header a JSON object whose "alg" is "HS256"
// (the algorithm is never chosen by the token: "none", HS512, RS256 ... are refused), whose
// "typ", if present, is "JWT", with no "crit", and whose "kid" names one of the configured keys
// (so tokens signed before a key rotation still verify while the old key is configured); the
// signature (32 bytes) compared in constant time; only then the payload: a JSON object with
// iss equal to the issuer, aud equal to the audience or an array containing it, integer exp,
// nbf and iat with now < exp + leeway, nbf <= now + leeway, iat <= now + leeway and iat <= exp,
// typ equal to expectedType (an empty expectedType refuses everything), sub and sid non-empty
// strings, role and jti strings when present.
//
// Every refusal is ErrorCode::Unauthorized with the same message ("invalid or expired token");
// the precise reason is in Error::logDetail, for logs only (it never contains a secret, and
// nothing from the token but a well-formed kid).
//
// A JwtCodec is immutable after create(): sign() and verify() may run on any number of threads
// at once. To rotate keys, build a new codec.
class JwtCodec final
{
public:
    // Refuses (ErrorCode::BadRequest, a configuration error): no keys, a key id that is empty,
    // too long or has other characters, a secret under 32 bytes, duplicate ids, an active id that
    // is not among the keys, an empty issuer or audience, a leeway outside 0..300 s. Messages
    // name key ids, never secrets.
    [[nodiscard]] static Result<JwtCodec> create(QList<SigningKey> keys, QString activeKeyId,
                                                 JwtSettings settings);

    // The token for `claims`, signed with the active key. Empty, with a critical log line, for
    // claims verify() would refuse anyway: no subject, session id or type, or an invalid
    // expiresAt.
    [[nodiscard]] QByteArray sign(const TokenClaims &claims) const;

    [[nodiscard]] Result<TokenClaims>
    verify(QByteArrayView token, QStringView expectedType,
           const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    [[nodiscard]] const QString &activeKeyId() const { return m_activeKeyId; }
    [[nodiscard]] const JwtSettings &settings() const { return m_settings; }

private:
    JwtCodec() = default;

    [[nodiscard]] const SigningKey *key(QStringView id) const;

    QList<SigningKey> m_keys;
    QString m_activeKeyId;
    JwtSettings m_settings;
};

// The [auth] signing_keys configuration value: comma-separated `id:secret` entries, e.g.
//   2026-12:q83vEjRWeJq8...,2026-06:Zm9vYmFy...
// Whitespace around entries and around the colon is ignored. The secret is standard base64
// (RFC 4648 section 4) or base64url (section 5), with or without padding, and decodes to at least
// 32 bytes; `openssl rand -base64 32` makes one. Ids follow SigningKey's rules and are unique.
// Entries keep their order (the caller decides which key signs; by convention the first).
// Errors are ErrorCode::BadRequest and never contain a secret.
[[nodiscard]] Result<QList<SigningKey>> parseSigningKeys(const QString &text);

// Whether `id` is a valid key id (1 to 64 characters of [A-Za-z0-9._-]).
[[nodiscard]] bool isValidKeyId(QStringView id);

} // namespace Shop::Auth
