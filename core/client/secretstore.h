#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace Shop::Client {

// Where secrets that outlive the process are kept: the system keychain (KeychainSecretStore in
// core/client/keychain) or, for tests and as the fallback, memory. Asynchronous: a keychain may
// ask the user or wait for a service. Every callback is called exactly once, later, on this
// object's thread (never from inside the call).
class SecretStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    enum class Status {
        Ok,
        NotFound, // read or remove: nothing stored under the key
        Unavailable, // no keychain service, access denied, or another failure
    };
    struct Outcome
    {
        Status status = Status::Ok;
        QByteArray value; // read and Ok only
        QString error; // Unavailable: why, for the log and the user
    };
    using Callback = std::function<void(Outcome)>;

    explicit SecretStore(QObject *parent = nullptr)
        : QObject(parent)
    { }

    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QByteArray &value, Callback done) = 0;
    virtual void remove(const QString &key, Callback done) = 0;
};

// Secrets for the lifetime of the object. `setAvailable(false)` makes it behave like a machine
// without a keychain service.
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemorySecretStore)

public:
    explicit MemorySecretStore(QObject *parent = nullptr);

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QByteArray &value, Callback done) override;
    void remove(const QString &key, Callback done) override;

    void setAvailable(bool available) { m_available = available; }
    [[nodiscard]] bool contains(const QString &key) const { return m_secrets.contains(key); }
    [[nodiscard]] QByteArray value(const QString &key) const { return m_secrets.value(key); }

private:
    void later(Callback done, Outcome outcome);

    QHash<QString, QByteArray> m_secrets;
    bool m_available = true;
};

} // namespace Shop::Client
