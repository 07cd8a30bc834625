#include "client/secretstore.h"

#include <QTimer>

namespace Shop::Client {

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{ }

void MemorySecretStore::later(Callback done, Outcome outcome)
{
    QTimer::singleShot(0, this,
                       [done = std::move(done), outcome = std::move(outcome)] { done(outcome); });
}

void MemorySecretStore::read(const QString &key, Callback done)
{
    if (!m_available) {
        later(std::move(done), {Status::Unavailable, {}, QStringLiteral("no keychain (test)")});
    } else if (const auto it = m_secrets.constFind(key); it != m_secrets.constEnd()) {
        later(std::move(done), {Status::Ok, *it, {}});
    } else {
        later(std::move(done), {Status::NotFound, {}, {}});
    }
}

void MemorySecretStore::write(const QString &key, const QByteArray &value, Callback done)
{
    if (!m_available) {
        later(std::move(done), {Status::Unavailable, {}, QStringLiteral("no keychain (test)")});
        return;
    }
    m_secrets.insert(key, value);
    later(std::move(done), {Status::Ok, {}, {}});
}

void MemorySecretStore::remove(const QString &key, Callback done)
{
    if (!m_available) {
        later(std::move(done), {Status::Unavailable, {}, QStringLiteral("no keychain (test)")});
        return;
    }
    const bool removed = m_secrets.remove(key) > 0;
    later(std::move(done), {removed ? Status::Ok : Status::NotFound, {}, {}});
}

} // namespace Shop::Client
