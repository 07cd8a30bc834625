#pragma once

#include "config/serverconfig.h"
#include "error.h"

#include <QByteArray>
#include <QList>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

struct redisContext;

namespace Shop::Redis {

// One answer of Redis (RESP2). Error replies (WRONGTYPE, NOSCRIPT, ...) are values, not failures:
// a failure (Result's error) means Redis could not be asked (down, timeout, protocol error).
struct Reply
{
    enum class Type { Nil, Integer, String, Status, Array, Error };
    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string; // String, Status and Error
    QList<Reply> elements; // Array

    [[nodiscard]] bool isNil() const { return type == Type::Nil; }
    [[nodiscard]] bool isError() const { return type == Type::Error; }
};

// A Lua script run by EVALSHA, with EVAL when the server does not know it (NOSCRIPT: restarted,
// SCRIPT FLUSH).
struct Script
{
    explicit Script(QByteArray source);
    QByteArray source;
    QByteArray sha1; // hex
};

// What the metrics read (Prometheus: shop_cache_requests_total{tier="redis"}, shop_redis_up).
struct Stats
{
    struct Cache
    {
        quint64 hits = 0;
        quint64 misses = 0;
    };
    bool up = false; // the last command succeeded (false until one did)
    quint64 commands = 0; // sent and answered
    quint64 errors = 0; // connection failures, timeouts, protocol errors
    quint64 skipped = 0; // not sent because Redis was down and the retry interval not over
    quint64 downEvents = 0; // transitions up -> down
    Cache catalog;
    Cache cart;
};

// Where Redis is: redis://[:password@]host:port/db or unix:///path/redis.sock?db=N.
struct Endpoint
{
    QString host; // empty for a unix socket
    int port = 6379;
    QString socketPath;
    int db = 0;
    QByteArray password; // never logged

    [[nodiscard]] static Result<Endpoint> fromUrl(const QString &url);
    [[nodiscard]] QString display() const; // without the password
};

// A client for one Redis server, shared by the threads of one process.
//
// Never used on the HTTP event loop: every call may wait for the network (at most timeoutMs for
// the connection and for each answer). Connections are synchronous hiredis contexts in a small
// pool: a call takes an idle one (or connects a new one), uses it and gives it back, so each
// worker or job thread effectively has its own and no thread waits for another's command. At
// most `pool` idle connections are kept (default: the database pool size, one per worker).
//
// Availability: a failed call (connection refused, timeout, broken connection) marks Redis down,
// logs that once ("Redis unavailable: ... serving without it"), and for a retry interval (0.5 s,
// doubling to 5 s while failures go on) every call fails at once without touching the network
// (Stats::skipped), so a dead Redis costs a request nothing and causes no reconnect storm. After
// the interval one call (a single prober) tries again; its success logs "Redis is back" once and
// runs the onReconnect callbacks (the catalog tier moves its generation on there) before any
// other command goes through. The process's first connection is made the same way (the other
// threads wait for it, at most 4 x timeout, instead of going without Redis).
class Client final
{
public:
    using Clock = std::chrono::steady_clock;

    // The shared client of this process for the configuration (nullptr when redis/url is
    // empty or invalid): modules that use Redis get the same connections and statistics.
    [[nodiscard]] static std::shared_ptr<Client> forConfig(const Server::ServerConfig &config);

    Client(Endpoint endpoint, QByteArray prefix, std::chrono::milliseconds timeout, int maxIdle);
    ~Client();
    Q_DISABLE_COPY_MOVE(Client)

    // The configured key prefix ("shop:"); key() prepends it.
    [[nodiscard]] const QByteArray &prefix() const { return m_prefix; }
    [[nodiscard]] QByteArray key(QByteArrayView suffix) const { return m_prefix + suffix; }

    // One command, arguments binary-safe: command({"SET", key, value, "EX", "300"}).
    [[nodiscard]] Result<Reply> command(const QList<QByteArray> &arguments);
    // Several commands in one round trip; the replies in order.
    [[nodiscard]] Result<QList<Reply>> pipeline(const QList<QList<QByteArray>> &commands);
    // EVALSHA, falling back to EVAL on NOSCRIPT.
    [[nodiscard]] Result<Reply> eval(const Script &script, const QList<QByteArray> &keys,
                                     const QList<QByteArray> &arguments);

    // Whether calls are attempted now: up, or down with the retry interval over. Cheap (atomics).
    [[nodiscard]] bool available() const;
    [[nodiscard]] bool isUp() const { return m_up.load(std::memory_order_acquire); }

    // Called (on the thread whose call found Redis back) after Redis was down and answers again.
    void onReconnect(std::function<void()> callback);

    [[nodiscard]] Stats stats() const;
    void countCache(bool cart, bool hit);

    [[nodiscard]] const Endpoint &endpoint() const { return m_endpoint; }

private:
    struct Connection;
    [[nodiscard]] Result<std::unique_ptr<Connection>> acquire();
    void release(std::unique_ptr<Connection> connection);
    enum class Attempt { Go, Probe, Skip };
    [[nodiscard]] Attempt claimAttempt();
    void failed(const QString &what);
    [[nodiscard]] bool probe();
    [[nodiscard]] Result<QList<Reply>> run(const QList<QList<QByteArray>> &commands);
    [[nodiscard]] Result<QList<Reply>> execute(const QList<QList<QByteArray>> &commands);

    const Endpoint m_endpoint;
    const QByteArray m_prefix;
    const std::chrono::milliseconds m_timeout;
    const int m_maxIdle;

    std::mutex m_poolMutex;
    QList<Connection *> m_idle;

    std::atomic<bool> m_up {false};
    std::atomic<bool> m_everUp {false};
    std::atomic<bool> m_reportedDown {false};
    std::atomic<qint64> m_retryAtNs {0}; // while down: calls before this are skipped
    std::atomic<bool> m_probing {false};
    std::atomic<bool> m_everFailed {false};
    std::mutex m_probeMutex;
    std::condition_variable m_probeDone;
    std::atomic<qint64> m_backoffMs {0};

    std::atomic<quint64> m_commands {0};
    std::atomic<quint64> m_errors {0};
    std::atomic<quint64> m_skipped {0};
    std::atomic<quint64> m_downEvents {0};
    std::atomic<quint64> m_catalogHits {0};
    std::atomic<quint64> m_catalogMisses {0};
    std::atomic<quint64> m_cartHits {0};
    std::atomic<quint64> m_cartMisses {0};

    std::mutex m_callbacksMutex;
    QList<std::function<void()>> m_onReconnect;
};

} // namespace Shop::Redis
