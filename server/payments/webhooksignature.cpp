#include "webhooksignature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>

namespace Shop::Payments {

namespace {

QByteArray hmacSha256(const QByteArray &key, QByteArrayView t, QByteArrayView body)
{
    QByteArray message;
    message.reserve(t.size() + 1 + body.size());
    message.append(t.data(), t.size());
    message.append('.');
    message.append(body.data(), body.size());
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.constData(), int(key.size()),
              reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()),
              out, &length)) {
        return {};
    }
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

bool allDigits(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 12) {
        return false;
    }
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

} // namespace

SignatureCheck verifyStripeSignature(QByteArrayView header, QByteArrayView body,
                                     const QStringList &secrets, qint64 nowSeconds,
                                     int toleranceSec)
{
    if (header.isEmpty()) {
        return SignatureCheck::Missing;
    }
    if (header.size() > kMaxSignatureHeader) {
        return SignatureCheck::TooLong;
    }
    QByteArray t;
    QList<QByteArray> v1;
    for (const QByteArray &item : QByteArray(header.data(), header.size()).split(',')) {
        const QByteArray part = item.trimmed();
        const qsizetype equals = part.indexOf('=');
        if (equals <= 0) {
            return SignatureCheck::Malformed;
        }
        const QByteArray key = part.left(equals);
        const QByteArray value = part.mid(equals + 1);
        if (key == "t") {
            if (!t.isNull() || !allDigits(value)) {
                return SignatureCheck::Malformed;
            }
            t = value;
        } else if (key == "v1") {
            // 32 bytes as 64 hex digits; anything else can never match.
            const QByteArray raw = QByteArray::fromHex(value);
            if (value.size() == 64 && raw.size() == 32 && raw.toHex() == value.toLower()) {
                v1.append(raw);
            }
        }
    }
    if (t.isNull()) {
        return SignatureCheck::Malformed;
    }
    if (v1.isEmpty()) {
        return SignatureCheck::NoV1;
    }
    if (std::llabs(nowSeconds - t.toLongLong()) > toleranceSec) {
        return SignatureCheck::Stale;
    }
    bool matched = false;
    for (const QString &secret : secrets) {
        const QByteArray expected = hmacSha256(secret.toUtf8(), t, body);
        if (expected.size() != 32) {
            continue;
        }
        for (const QByteArray &candidate : std::as_const(v1)) {
            // Every comparison runs: no early exit that would time which one matched.
            matched |= CRYPTO_memcmp(expected.constData(), candidate.constData(), 32) == 0;
        }
    }
    return matched ? SignatureCheck::Valid : SignatureCheck::Mismatch;
}

QByteArray stripeSignatureHeader(QByteArrayView body, const QString &secret, qint64 t)
{
    const QByteArray time = QByteArray::number(t);
    return "t=" + time + ",v1=" + hmacSha256(secret.toUtf8(), time, body).toHex();
}

const char *signatureCheckName(SignatureCheck check)
{
    switch (check) {
    case SignatureCheck::Valid:
        return "valid";
    case SignatureCheck::Missing:
        return "missing";
    case SignatureCheck::TooLong:
        return "too long";
    case SignatureCheck::Malformed:
        return "malformed";
    case SignatureCheck::NoV1:
        return "no v1 signature";
    case SignatureCheck::Stale:
        return "timestamp outside the tolerance";
    case SignatureCheck::Mismatch:
        return "no matching signature";
    }
    return "unknown";
}

} // namespace Shop::Payments
