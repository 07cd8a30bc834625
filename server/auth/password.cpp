#include "password.h"

#include "tokens.h"

#include <QLoggingCategory>
#include <QThreadPool>

#include <sodium.h>

#include <algorithm>

namespace Shop::Auth {

Q_LOGGING_CATEGORY(lcPassword, "shop.auth.password")

namespace {

// The password as UTF-8 after NFKC; wiped when it goes out of scope.
class PasswordBytes final
{
public:
    explicit PasswordBytes(const QString &password)
        : m_bytes(password.normalized(QString::NormalizationForm_KC).toUtf8())
    { }
    ~PasswordBytes()
    {
        if (!m_bytes.isEmpty()) {
            sodium_memzero(m_bytes.data(), size_t(m_bytes.size()));
        }
    }
    Q_DISABLE_COPY_MOVE(PasswordBytes)

    [[nodiscard]] const char *data() const { return m_bytes.constData(); }
    [[nodiscard]] unsigned long long size() const { return (unsigned long long)m_bytes.size(); }

private:
    QByteArray m_bytes;
};

PasswordCost effectiveCost(PasswordCost cost)
{
    if (!cost.allowBelowMinimumForTests
        && (cost.opsLimit < kMinPasswordOpsLimit
            || cost.memLimitBytes < kMinPasswordMemLimitBytes)) {
        qCWarning(lcPassword).nospace()
            << "Argon2id cost t=" << cost.opsLimit << ", m=" << cost.memLimitBytes / 1024
            << " KiB is below the minimum; using at least t=" << kMinPasswordOpsLimit
            << ", m=" << kMinPasswordMemLimitBytes / 1024 << " KiB";
        cost.opsLimit = std::max<quint64>(cost.opsLimit, kMinPasswordOpsLimit);
        cost.memLimitBytes = std::max(cost.memLimitBytes, kMinPasswordMemLimitBytes);
    }
    cost.opsLimit = std::clamp<quint64>(cost.opsLimit, crypto_pwhash_argon2id_OPSLIMIT_MIN,
                                        crypto_pwhash_argon2id_OPSLIMIT_MAX);
    cost.memLimitBytes = std::clamp<size_t>(cost.memLimitBytes, crypto_pwhash_argon2id_MEMLIMIT_MIN,
                                            crypto_pwhash_argon2id_MEMLIMIT_MAX);
    return cost;
}

// A string libsodium may read: shorter than its buffer size, no NUL inside, our algorithm.
bool isPlausibleHash(const QByteArray &encoded)
{
    return encoded.size() < qsizetype(crypto_pwhash_argon2id_STRBYTES) && !encoded.contains('\0')
        && encoded.startsWith(crypto_pwhash_argon2id_STRPREFIX);
}

} // namespace

PasswordHasher::PasswordHasher(PasswordCost cost, int threads, int maxQueued)
    : m_cost(effectiveCost(cost))
    , m_pool(std::make_unique<QThreadPool>())
{
    ensureSodium();
    threads = std::max(1, threads);
    m_capacity = threads + std::max(0, maxQueued);
    m_pool->setMaxThreadCount(threads);
    m_pool->setObjectName(QStringLiteral("shop-password-hasher"));
    // The dummy hash for verifyDummy() is made now, on the pool, so that no login pays for it.
    m_pool->start([this] { Q_UNUSED(dummyHash()); });
}

PasswordHasher::~PasswordHasher()
{
    m_pool->waitForDone();
}

bool PasswordHasher::submit(std::function<void()> work)
{
    int pending = m_pending.load();
    do {
        if (pending >= m_capacity) {
            return false;
        }
    } while (!m_pending.compare_exchange_weak(pending, pending + 1));
    m_pool->start([this, work = std::move(work)] {
        ++m_running;
        work();
        --m_running;
        --m_pending;
    });
    return true;
}

bool PasswordHasher::hash(QString password, std::function<void(Result<QByteArray>)> done)
{
    return submit([this, password = std::move(password), done = std::move(done)] {
        done(hashNow(password));
    });
}

bool PasswordHasher::verify(QString password, QByteArray encoded,
                            std::function<void(PasswordCheck)> done)
{
    return submit([this, password = std::move(password), encoded = std::move(encoded),
                   done = std::move(done)] { done(verifyNow(password, encoded)); });
}

bool PasswordHasher::verifyDummy(QString password, std::function<void(PasswordCheck)> done)
{
    return submit([this, password = std::move(password), done = std::move(done)] {
        const PasswordCheck check = verifyNow(password, dummyHash());
        Q_UNUSED(check);
        done(PasswordCheck {});
    });
}

const QByteArray &PasswordHasher::dummyHash() const
{
    std::call_once(m_dummyOnce, [this] {
        const Result<QByteArray> hashed = hashNow(QString::fromLatin1(randomToken(24)));
        if (hashed) {
            m_dummyHash = *hashed;
        } else {
            qCCritical(lcPassword) << "could not make the dummy hash:" << hashed.error().message;
        }
    });
    return m_dummyHash;
}

Result<QByteArray> PasswordHasher::hashNow(const QString &password) const
{
    const PasswordBytes bytes(password);
    QByteArray out(crypto_pwhash_argon2id_STRBYTES, '\0');
    if (crypto_pwhash_argon2id_str(out.data(), bytes.data(), bytes.size(), m_cost.opsLimit,
                                   m_cost.memLimitBytes)
        != 0) {
        qCWarning(lcPassword) << "Argon2id hashing failed (out of memory?)";
        return fail(Error::unavailable(QStringLiteral("password hashing failed")));
    }
    out.truncate(out.indexOf('\0'));
    return out;
}

PasswordCheck PasswordHasher::verifyNow(const QString &password, const QByteArray &encoded) const
{
    PasswordCheck check;
    if (!isPlausibleHash(encoded)) {
        return check;
    }
    const PasswordBytes bytes(password);
    check.matches =
        crypto_pwhash_argon2id_str_verify(encoded.constData(), bytes.data(), bytes.size()) == 0;
    if (check.matches) {
        check.needsRehash = crypto_pwhash_argon2id_str_needs_rehash(
                                encoded.constData(), m_cost.opsLimit, m_cost.memLimitBytes)
            != 0;
    }
    return check;
}

int PasswordHasher::queued() const
{
    return std::max(0, m_pending.load() - m_running.load());
}

int PasswordHasher::running() const
{
    return m_running.load();
}

} // namespace Shop::Auth
