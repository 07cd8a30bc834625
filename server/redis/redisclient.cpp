#include "redisclient.h"

#include <QCryptographicHash>
#include <QHash>
#include <QLoggingCategory>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <hiredis/hiredis.h>

#include <csignal>
#include <signal.h>
#include <sys/time.h>

namespace Shop::Redis {

namespace {

Q_LOGGING_CATEGORY(lcClient, "shop.redis.client")

constexpr qint64 kFirstBackoffMs = 500;
constexpr qint64 kMaxBackoffMs = 5000;

// True on the thread that probes a Redis that was down, while it runs its call and the
// reconnect callbacks: their commands go through although the client is not up yet.
thread_local bool t_probing = false;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               Client::Clock::now().time_since_epoch())
        .count();
}

Reply convert(const redisReply *r)
{
    Reply reply;
    switch (r->type) {
    case REDIS_REPLY_STRING:
        reply.type = Reply::Type::String;
        reply.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_STATUS:
        reply.type = Reply::Type::Status;
        reply.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_ERROR:
        reply.type = Reply::Type::Error;
        reply.string = QByteArray(r->str, qsizetype(r->len));
        break;
    case REDIS_REPLY_INTEGER:
        reply.type = Reply::Type::Integer;
        reply.integer = r->integer;
        break;
    case REDIS_REPLY_ARRAY:
        reply.type = Reply::Type::Array;
        reply.elements.reserve(qsizetype(r->elements));
        for (size_t i = 0; i < r->elements; ++i) {
            reply.elements.append(convert(r->element[i]));
        }
        break;
    default:
        reply.type = Reply::Type::Nil;
        break;
    }
    return reply;
}

timeval toTimeval(std::chrono::milliseconds ms)
{
    timeval tv {};
    tv.tv_sec = time_t(ms.count() / 1000);
    tv.tv_usec = suseconds_t((ms.count() % 1000) * 1000);
    return tv;
}

Error unavailable(const QString &why)
{
    return Error::unavailable(QStringLiteral("Redis is unavailable: %1").arg(why));
}

} // namespace

Script::Script(QByteArray text)
    : source(std::move(text))
    , sha1(QCryptographicHash::hash(source, QCryptographicHash::Sha1).toHex())
{ }

Result<Endpoint> Endpoint::fromUrl(const QString &text)
{
    const QUrl url(text);
    Endpoint endpoint;
    const auto bad = [&] {
        return Error::badRequest(QStringLiteral("redis/url must be redis://host:port/db or "
                                                "unix:///path/redis.sock?db=N"));
    };
    if (!url.isValid()) {
        return fail(bad());
    }
    bool ok = true;
    if (url.scheme() == u"redis") {
        endpoint.host = url.host();
        endpoint.port = url.port(6379);
        const QString path = url.path().mid(1);
        if (!path.isEmpty()) {
            endpoint.db = path.toInt(&ok);
        }
    } else if (url.scheme() == u"unix") {
        endpoint.socketPath = url.path();
        const QString db = QUrlQuery(url).queryItemValue(QStringLiteral("db"));
        if (!db.isEmpty()) {
            endpoint.db = db.toInt(&ok);
        }
    } else {
        return fail(bad());
    }
    if (!ok || endpoint.db < 0 || (endpoint.host.isEmpty() && endpoint.socketPath.isEmpty())) {
        return fail(bad());
    }
    endpoint.password = url.password(QUrl::FullyDecoded).toUtf8();
    return endpoint;
}

QString Endpoint::display() const
{
    const QString where = socketPath.isEmpty() ? QStringLiteral("redis://%1:%2").arg(host).arg(port)
                                               : QStringLiteral("unix://%1").arg(socketPath);
    return where + QStringLiteral(" db %1").arg(db);
}

struct Client::Connection
{
    redisContext *context = nullptr;
    ~Connection()
    {
        if (context) {
            redisFree(context);
        }
    }
};

std::shared_ptr<Client> Client::forConfig(const Server::ServerConfig &config)
{
    const Server::RedisConfig &redis = config.redis;
    if (!redis.enabled()) {
        return nullptr;
    }
    static std::mutex mutex;
    static QHash<QString, std::weak_ptr<Client>> clients;
    const QString id = redis.url + u'\n' + redis.prefix + u'\n' + QString::number(redis.timeoutMs)
        + u'\n' + QString::number(redis.pool);
    std::lock_guard lock(mutex);
    if (auto existing = clients.value(id).lock()) {
        return existing;
    }
    auto endpoint = Endpoint::fromUrl(redis.url);
    if (!endpoint) {
        qCCritical(lcClient, "%ls", qUtf16Printable(endpoint.error().message));
        return nullptr;
    }
    // One idle connection per thread that may use it: the workers and the job workers.
    const int threads = config.database.poolSize > 0 ? config.database.poolSize
                                                     : std::max(4, 2 * QThread::idealThreadCount());
    const int maxIdle = redis.pool > 0 ? redis.pool : threads + config.jobs.workers + 2;
    auto client = std::make_shared<Client>(*endpoint, redis.prefix.toUtf8(),
                                           std::chrono::milliseconds(redis.timeoutMs), maxIdle);
    clients.insert(id, client);
    return client;
}

Client::Client(Endpoint endpoint, QByteArray prefix, std::chrono::milliseconds timeout, int maxIdle)
    : m_endpoint(std::move(endpoint))
    , m_prefix(std::move(prefix))
    , m_timeout(timeout)
    , m_maxIdle(std::max(1, maxIdle))
{
    // hiredis writes with write(2): a connection Redis closed must fail with EPIPE, not end the
    // process with SIGPIPE (unless someone installed a handler of their own).
    static std::once_flag ignorePipe;
    std::call_once(ignorePipe, [] {
        struct sigaction current
        { };
        if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
            std::signal(SIGPIPE, SIG_IGN);
        }
    });
    qCInfo(lcClient).noquote() << "Redis at" << m_endpoint.display() << "key prefix"
                               << QString::fromUtf8(m_prefix);
}

Client::~Client()
{
    std::lock_guard lock(m_poolMutex);
    qDeleteAll(m_idle);
    m_idle.clear();
}

bool Client::available() const
{
    return m_up.load(std::memory_order_acquire)
        || nowNs() >= m_retryAtNs.load(std::memory_order_acquire);
}

void Client::onReconnect(std::function<void()> callback)
{
    std::lock_guard lock(m_callbacksMutex);
    m_onReconnect.append(std::move(callback));
}

Client::Attempt Client::claimAttempt()
{
    if (m_up.load(std::memory_order_acquire) || t_probing) {
        return Attempt::Go;
    }
    if (nowNs() < m_retryAtNs.load(std::memory_order_acquire)) {
        return Attempt::Skip;
    }
    bool expected = false;
    if (m_probing.compare_exchange_strong(expected, true)) {
        return Attempt::Probe;
    }
    if (m_everFailed.load()) {
        return Attempt::Skip; // down: the prober alone finds out whether it is back
    }
    // The first connection of this process: wait for it rather than go without Redis.
    std::unique_lock lock(m_probeMutex);
    m_probeDone.wait_for(lock, 4 * m_timeout, [&] { return !m_probing.load(); });
    return m_up.load(std::memory_order_acquire) ? Attempt::Go : Attempt::Skip;
}

Result<std::unique_ptr<Client::Connection>> Client::acquire()
{
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_idle.isEmpty()) {
            return std::unique_ptr<Connection>(m_idle.takeLast());
        }
    }
    const timeval tv = toTimeval(m_timeout);
    auto connection = std::make_unique<Connection>();
    connection->context = m_endpoint.socketPath.isEmpty()
        ? redisConnectWithTimeout(m_endpoint.host.toUtf8().constData(), m_endpoint.port, tv)
        : redisConnectUnixWithTimeout(m_endpoint.socketPath.toUtf8().constData(), tv);
    if (!connection->context) {
        return fail(unavailable(QStringLiteral("out of memory")));
    }
    if (connection->context->err) {
        return fail(unavailable(QString::fromUtf8(connection->context->errstr)));
    }
    if (redisSetTimeout(connection->context, tv) != REDIS_OK) {
        return fail(unavailable(QStringLiteral("cannot set the timeout")));
    }
    const auto setup = [&](QList<QByteArray> arguments) -> std::optional<Error> {
        QList<const char *> argv;
        QList<size_t> lengths;
        for (const QByteArray &a : arguments) {
            argv.append(a.constData());
            lengths.append(size_t(a.size()));
        }
        auto *reply = static_cast<redisReply *>(
            redisCommandArgv(connection->context, int(argv.size()), argv.data(), lengths.data()));
        if (!reply) {
            return unavailable(QString::fromUtf8(connection->context->errstr));
        }
        const bool error = reply->type == REDIS_REPLY_ERROR;
        const QByteArray text =
            error ? QByteArray(reply->str, qsizetype(reply->len)) : QByteArray();
        freeReplyObject(reply);
        if (error) {
            return unavailable(QString::fromUtf8(text));
        }
        return std::nullopt;
    };
    if (!m_endpoint.password.isEmpty()) {
        if (auto error = setup({"AUTH", m_endpoint.password})) {
            return fail(*error);
        }
    }
    if (m_endpoint.db != 0) {
        if (auto error = setup({"SELECT", QByteArray::number(m_endpoint.db)})) {
            return fail(*error);
        }
    }
    return connection;
}

void Client::release(std::unique_ptr<Connection> connection)
{
    std::lock_guard lock(m_poolMutex);
    if (m_idle.size() < m_maxIdle) {
        m_idle.append(connection.release());
    }
}

void Client::failed(const QString &what)
{
    m_errors.fetch_add(1, std::memory_order_relaxed);
    m_everFailed.store(true);
    const bool wasUp = m_up.exchange(false, std::memory_order_acq_rel);
    if (wasUp) {
        m_downEvents.fetch_add(1, std::memory_order_relaxed);
        m_backoffMs.store(kFirstBackoffMs);
    } else {
        const qint64 backoff = m_backoffMs.load();
        m_backoffMs.store(backoff <= 0 ? kFirstBackoffMs : std::min(kMaxBackoffMs, backoff * 2));
    }
    m_retryAtNs.store(nowNs() + m_backoffMs.load() * 1000000, std::memory_order_release);
    {
        // Connections opened before the failure are most likely broken too.
        std::lock_guard lock(m_poolMutex);
        qDeleteAll(m_idle);
        m_idle.clear();
    }
    if (!m_reportedDown.exchange(true)) {
        qCWarning(lcClient,
                  "Redis unavailable (%ls): serving without it (from PostgreSQL), "
                  "retrying in the background",
                  qUtf16Printable(what));
    }
}

bool Client::probe()
{
    auto pong = execute({{"PING"}});
    if (!pong) {
        return false;
    }
    // The reconnect callbacks' commands go through (t_probing) before anyone else's: the
    // catalog tier moves its generation on before a value can be read again.
    QList<std::function<void()>> callbacks;
    {
        std::lock_guard lock(m_callbacksMutex);
        callbacks = m_onReconnect;
    }
    const quint64 errorsBefore = m_errors.load();
    for (const auto &callback : callbacks) {
        callback();
    }
    if (m_errors.load() != errorsBefore) {
        return false; // a callback's command failed: still down, retried later
    }
    m_backoffMs.store(0);
    m_up.store(true, std::memory_order_release);
    if (m_reportedDown.exchange(false)) {
        qCWarning(lcClient).noquote() << "Redis is back at" << m_endpoint.display();
    } else if (!m_everUp.exchange(true)) {
        qCInfo(lcClient).noquote() << "connected to Redis at" << m_endpoint.display();
    }
    m_everUp.store(true);
    return true;
}

Result<QList<Reply>> Client::run(const QList<QList<QByteArray>> &commands)
{
    const Attempt attempt = claimAttempt();
    if (attempt == Attempt::Skip) {
        m_skipped.fetch_add(1, std::memory_order_relaxed);
        return fail(unavailable(QStringLiteral("down, retrying later")));
    }
    if (attempt == Attempt::Probe) {
        // This thread won the attempt: it checks Redis is back and runs the reconnect
        // callbacks before its own commands.
        t_probing = true;
        const bool back = probe();
        t_probing = false;
        {
            std::lock_guard lock(m_probeMutex);
            m_probing.store(false, std::memory_order_release);
        }
        m_probeDone.notify_all();
        if (!back) {
            return fail(unavailable(QStringLiteral("still down")));
        }
    }
    return execute(commands);
}

Result<QList<Reply>> Client::execute(const QList<QList<QByteArray>> &commands)
{
    auto connection = acquire();
    if (!connection) {
        failed(connection.error().message);
        return fail(connection.error());
    }
    redisContext *context = (*connection)->context;
    for (const QList<QByteArray> &arguments : commands) {
        QList<const char *> argv;
        QList<size_t> lengths;
        argv.reserve(arguments.size());
        lengths.reserve(arguments.size());
        for (const QByteArray &a : arguments) {
            argv.append(a.constData());
            lengths.append(size_t(a.size()));
        }
        if (redisAppendCommandArgv(context, int(argv.size()), argv.data(), lengths.data())
            != REDIS_OK) {
            const QString why = QString::fromUtf8(context->errstr);
            failed(why);
            return fail(unavailable(why));
        }
    }
    QList<Reply> replies;
    replies.reserve(commands.size());
    for (qsizetype i = 0; i < commands.size(); ++i) {
        void *raw = nullptr;
        if (redisGetReply(context, &raw) != REDIS_OK || !raw) {
            const QString why = QString::fromUtf8(context->errstr);
            failed(why);
            return fail(unavailable(why));
        }
        auto *reply = static_cast<redisReply *>(raw);
        replies.append(convert(reply));
        freeReplyObject(reply);
    }
    m_commands.fetch_add(quint64(commands.size()), std::memory_order_relaxed);
    release(std::move(*connection));
    return replies;
}

Result<Reply> Client::command(const QList<QByteArray> &arguments)
{
    auto replies = run({arguments});
    if (!replies) {
        return fail(replies.error());
    }
    return replies->first();
}

Result<QList<Reply>> Client::pipeline(const QList<QList<QByteArray>> &commands)
{
    if (commands.isEmpty()) {
        return QList<Reply>();
    }
    return run(commands);
}

Result<Reply> Client::eval(const Script &script, const QList<QByteArray> &keys,
                           const QList<QByteArray> &arguments)
{
    QList<QByteArray> command {"EVALSHA", script.sha1, QByteArray::number(keys.size())};
    command += keys;
    command += arguments;
    auto reply = this->command(command);
    if (reply && reply->isError() && reply->string.startsWith("NOSCRIPT")) {
        command[0] = "EVAL";
        command[1] = script.source;
        reply = this->command(command);
    }
    return reply;
}

Stats Client::stats() const
{
    Stats s;
    s.up = m_up.load();
    s.commands = m_commands.load();
    s.errors = m_errors.load();
    s.skipped = m_skipped.load();
    s.downEvents = m_downEvents.load();
    s.catalog = {m_catalogHits.load(), m_catalogMisses.load()};
    s.cart = {m_cartHits.load(), m_cartMisses.load()};
    return s;
}

void Client::countCache(bool cart, bool hit)
{
    auto &counter =
        cart ? (hit ? m_cartHits : m_cartMisses) : (hit ? m_catalogHits : m_catalogMisses);
    counter.fetch_add(1, std::memory_order_relaxed);
}

} // namespace Shop::Redis
