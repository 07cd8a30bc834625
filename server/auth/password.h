#pragma once

#include "error.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

QT_BEGIN_NAMESPACE
class QThreadPool;
QT_END_NAMESPACE

namespace Shop::Auth {

// Argon2id cost. The defaults are the minimum this project accepts (OWASP's m = 19 MiB, t = 2,
// p = 1; libsodium always uses p = 1): the PHC string reads $argon2id$v=19$m=19456,t=2,p=1$...
//
// PasswordHasher raises a cost below these minima to them (and logs a warning), unless
// `allowBelowMinimumForTests` is set: only tests may hash cheaply, and they must say so.
// libsodium's own floor (t >= 1, m >= 8 KiB) applies either way.
struct PasswordCost
{
    quint64 opsLimit = 2;
    size_t memLimitBytes = 19u * 1024 * 1024;
    bool allowBelowMinimumForTests = false;
};

inline constexpr quint64 kMinPasswordOpsLimit = 2;
inline constexpr size_t kMinPasswordMemLimitBytes = 19u * 1024 * 1024;

struct PasswordCheck
{
    bool matches = false;
    bool needsRehash = false; // only ever true when matches: the hash has another cost
};

// Argon2id password hashing (libsodium crypto_pwhash_argon2id_str, _str_verify,
// _str_needs_rehash) on a small pool of its own threads, so neither the HTTP event loop nor the
// HTTP workers ever wait for a hash.
//
// Passwords are hashed as UTF-8 after Unicode NFKC normalisation, so the same password typed
// with composed or decomposed characters matches. The UTF-8 copies made for hashing are wiped
// (sodium_memzero) after use; the QString the caller hands in is implicitly shared and cannot be.
//
// The asynchronous functions accept work while fewer than threads + maxQueued jobs are pending
// (running or waiting) and return false otherwise, without calling `done`; callers answer 503 or
// 429. `done` runs on a hasher thread, exactly once for every accepted job, and must not throw.
// The destructor waits for every accepted job to finish.
class PasswordHasher final
{
public:
    PasswordHasher(PasswordCost cost, int threads, int maxQueued);
    ~PasswordHasher();
    Q_DISABLE_COPY_MOVE(PasswordHasher)

    [[nodiscard]] bool hash(QString password, std::function<void(Result<QByteArray>)> done);
    [[nodiscard]] bool verify(QString password, QByteArray encoded,
                              std::function<void(PasswordCheck)> done);
    // For an unknown account: the same work as verify() against a hash of the current cost (of a
    // random password, made on the pool when the hasher is built), and always matches = false.
    // Login then takes about as long for an unknown email as for a wrong password.
    [[nodiscard]] bool verifyDummy(QString password, std::function<void(PasswordCheck)> done);

    // Synchronous, on the calling thread (the create-admin command, tests). Never call these
    // from the HTTP event loop or an HTTP worker.
    [[nodiscard]] Result<QByteArray> hashNow(const QString &password) const;
    [[nodiscard]] PasswordCheck verifyNow(const QString &password, const QByteArray &encoded) const;

    [[nodiscard]] int queued() const; // accepted, not started
    [[nodiscard]] int running() const; // being hashed or verified now
    [[nodiscard]] const PasswordCost &cost() const { return m_cost; }

private:
    [[nodiscard]] bool submit(std::function<void()> work);
    [[nodiscard]] const QByteArray &dummyHash() const;

    PasswordCost m_cost;
    int m_capacity = 0;
    std::atomic<int> m_pending {0};
    std::atomic<int> m_running {0};
    mutable std::once_flag m_dummyOnce;
    mutable QByteArray m_dummyHash;
    std::unique_ptr<QThreadPool> m_pool;
};

} // namespace Shop::Auth
