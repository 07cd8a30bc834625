#pragma once

#include "client/secretstore.h"

namespace Shop::Client {

// Secrets in the system keychain through QtKeychain (libsecret's Secret Service on Linux, the
// Keychain on macOS, the Credential Store on Windows), under one service name per app
// ("shop-storefront"). Without a keychain service (no D-Bus session bus, no Secret Service)
// every call ends Unavailable; there is no plain-text fallback.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    explicit KeychainSecretStore(const QString &service, QObject *parent = nullptr);

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QByteArray &value, Callback done) override;
    void remove(const QString &key, Callback done) override;

private:
    QString m_service;
};

} // namespace Shop::Client
