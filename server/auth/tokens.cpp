#include "tokens.h"

#include <QCryptographicHash>
#include <QtGlobal>

#include <openssl/crypto.h>
#include <sodium.h>

namespace Shop::Auth {

void ensureSodium()
{
    static const bool initialised = [] {
        // sodium_init() returns 0 on success, 1 when already initialised, -1 on failure. Without
        // it there is no trustworthy randomness, so there is nothing sensible to continue with.
        if (sodium_init() < 0) {
            qFatal("shop.auth: libsodium could not be initialised");
        }
        return true;
    }();
    Q_UNUSED(initialised);
}

QByteArray randomToken(int bytes)
{
    if (bytes <= 0) {
        return {};
    }
    ensureSodium();
    QByteArray raw(bytes, Qt::Uninitialized);
    randombytes_buf(raw.data(), size_t(raw.size()));
    QByteArray token = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    sodium_memzero(raw.data(), size_t(raw.size()));
    return token;
}

QByteArray tokenDigest(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size()) {
        return false;
    }
    if (a.isEmpty()) {
        return true;
    }
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

} // namespace Shop::Auth
