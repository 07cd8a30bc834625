#include "client/keychain/keychainsecretstore.h"

#include <QLoggingCategory>

#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcKeychain, "shop.client.keychain", QtInfoMsg)

namespace Shop::Client {

namespace {

// The job's result as an Outcome; `value` is read only for a successful read.
SecretStore::Outcome outcomeOf(QKeychain::Job *job, const QByteArray &value = {})
{
    switch (job->error()) {
    case QKeychain::NoError:
        return {SecretStore::Status::Ok, value, {}};
    case QKeychain::EntryNotFound:
        return {SecretStore::Status::NotFound, {}, {}};
    default:
        qCInfo(lcKeychain) << "keychain" << job->service() << "unavailable: error" << job->error()
                           << job->errorString();
        return {SecretStore::Status::Unavailable, {}, job->errorString()};
    }
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{ }

void KeychainSecretStore::read(const QString &key, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *j) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        done(outcomeOf(j, j->error() == QKeychain::NoError ? read->binaryData() : QByteArray()));
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QByteArray &value, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setBinaryData(value);
    connect(job, &QKeychain::Job::finished, this,
            [done = std::move(done)](QKeychain::Job *j) { done(outcomeOf(j)); });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this,
            [done = std::move(done)](QKeychain::Job *j) { done(outcomeOf(j)); });
    job->start();
}

} // namespace Shop::Client
