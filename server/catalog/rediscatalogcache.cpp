#include "rediscatalogcache.h"

#include "catalog/productquery.h"
#include "redis/redisclient.h"

#include <QHash>
#include <QLoggingCategory>
#include <QUrlQuery>

namespace Shop::Catalog {

namespace {

Q_LOGGING_CATEGORY(lcRedisCache, "shop.catalog.rediscache")

// At most this many product changes are looked at for a value read from Redis; a value older than
// that is read from PostgreSQL again. The log keeps a few more.
constexpr int kMaxChangesChecked = 64;
constexpr int kLoggedChanges = 256;

// Reads the generation, the change sequence and the value under the generation in one round trip,
// with the product changes logged since the value was stored (its first line: "<sequence>
// <dependency>"). Answers {G, S} for a miss, {G, S, value, changes...} for a hit; a value older
// than ARGV[3] changes, or whose changes the log no longer holds all of, is a miss.
// KEYS[1] the generation, KEYS[2] the change sequence, KEYS[3] the change log (a sorted set by
// sequence); ARGV[1] "<prefix>catalog:", ARGV[2] the key name, ARGV[3] kMaxChangesChecked.
const Redis::Script kFetch(QByteArrayLiteral(R"lua(
local g = redis.call('GET', KEYS[1]) or '0'
local s = redis.call('GET', KEYS[2]) or '0'
local v = redis.call('GET', ARGV[1] .. g .. ':' .. ARGV[2])
if not v then return {g, s} end
local s0 = tonumber(string.match(v, '^(%d+) '))
local now = tonumber(s)
if s0 == nil or s0 > now then return {g, s} end
if now == s0 then return {g, s, v} end
if now - s0 > tonumber(ARGV[3]) then return {g, s} end
local changes = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. s0, now)
if #changes ~= now - s0 then return {g, s} end
local reply = {g, s, v}
for i = 1, #changes do reply[#reply + 1] = changes[i] end
return reply
)lua"));

// Logs a product change: a new sequence number, the change under it (the oldest beyond ARGV[2]
// dropped), the log living longer than any value (ARGV[3] s). The sequence never expires: the cart
// cache's stamps include it, and a stamp must never come back. A notification another instance
// logged already (its mark KEYS[3] is set; ARGV[4] s) is not logged again: 0.
// KEYS[1] the change sequence, KEYS[2] the change log, KEYS[3] the notification's mark or "";
// ARGV[1] the change's payload.
const Redis::Script kLogChange(QByteArrayLiteral(R"lua(
if KEYS[3] ~= '' and not redis.call('SET', KEYS[3], '1', 'NX', 'EX', ARGV[4]) then
  return 0
end
local s = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[2], s, s .. ' ' .. ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -1 - tonumber(ARGV[2]))
redis.call('EXPIRE', KEYS[2], ARGV[3])
return s
)lua"));

// The lifetime of the change log and its sequence: longer than any value's (the categories' hour
// by default), so a value never outlives the changes after it.
constexpr int kLogLifetimeSec = 2 * 24 * 3600;
// How long a logged notification stays marked: far longer than any instance takes to hear it.
constexpr int kNotificationMarkSec = 3600;

// The Redis generation each worker thread read with its last misses, by (cache, key): insert()
// stores under it. A handful of entries per thread (a request misses one or two keys).
thread_local QHash<QByteArray, QByteArray> t_missGenerations;

QByteArray pendingKey(const void *cache, const QByteArray &key)
{
    return QByteArray::number(quintptr(cache), 16) + ' ' + key;
}

} // namespace

RedisCatalogCache::RedisCatalogCache(std::shared_ptr<CatalogCache> memory,
                                     std::shared_ptr<Redis::Client> client,
                                     std::chrono::seconds memoryTtl)
    : m_memory(std::move(memory))
    , m_client(std::move(client))
    , m_memoryTtl(memoryTtl)
    , m_generationKey(m_client->key("catalog:generation"))
    , m_sequenceKey(m_client->key("catalog:changes:sequence"))
    , m_changesKey(m_client->key("catalog:changes"))
{
    // Invalidations may have been missed while this process had no Redis.
    // (A weak reference: the client may outlive this cache; the generation key stays valid.)
    m_client->onReconnect([weak = std::weak_ptr<Redis::Client>(m_client), key = m_generationKey] {
        if (auto client = weak.lock()) {
            (void)client->command({"INCR", key});
        }
    });
}

QByteArray RedisCatalogCache::redisKeyName(const QByteArray &key)
{
    const auto query = [&](qsizetype from) {
        return QByteArray(key.mid(from));
    };
    if (key.startsWith("products?")) {
        QUrlQuery items(QString::fromLatin1(query(9)));
        const QString page = items.queryItemValue(QStringLiteral("page"));
        const QString limit = items.queryItemValue(QStringLiteral("limit"));
        items.removeAllQueryItems(QStringLiteral("page"));
        items.removeAllQueryItems(QStringLiteral("limit"));
        return "products:list:" + (page.isEmpty() ? QByteArray("1") : page.toLatin1()) + ':'
            + (limit.isEmpty() ? QByteArray::number(ProductQuery::kDefaultLimit) : limit.toLatin1())
            + ':' + items.query(QUrl::FullyEncoded).toLatin1();
    }
    if (key.startsWith("count?")) {
        return "products:count:" + query(6);
    }
    if (key.startsWith("product/")) {
        return "product:" + query(8);
    }
    if (key.startsWith("brands?")) {
        return "brands:" + query(7);
    }
    return key; // "categories"
}

std::optional<QByteArray> RedisCatalogCache::find(const QByteArray &key)
{
    return m_memory->find(key);
}

std::optional<QByteArray> RedisCatalogCache::fetch(const QByteArray &key)
{
    if (auto hit = m_memory->find(key)) {
        return hit;
    }
    if (!m_memory->isLive() || !m_client->available()) {
        return std::nullopt;
    }
    const quint64 memoryGeneration = m_memory->generation();
    auto reply = m_client->eval(
        kFetch, {m_generationKey, m_sequenceKey, m_changesKey},
        {m_client->key("catalog:"), redisKeyName(key), QByteArray::number(kMaxChangesChecked)});
    if (!reply || reply->type != Redis::Reply::Type::Array || reply->elements.size() < 2) {
        return std::nullopt;
    }
    const auto miss = [&]() -> std::optional<QByteArray> {
        m_client->countCache(false, false);
        if (t_missGenerations.size() > 64) {
            t_missGenerations.clear();
        }
        // Stored under the generation and stamped with the sequence read before the database.
        t_missGenerations.insert(pendingKey(this, key),
                                 reply->elements.at(0).string + ' ' + reply->elements.at(1).string);
        return std::nullopt;
    };
    if (reply->elements.size() < 3 || reply->elements.at(2).type != Redis::Reply::Type::String) {
        return miss();
    }
    // "<sequence> <dependency>\n<value>"
    const QByteArray &stored = reply->elements.at(2).string;
    const qsizetype space = stored.indexOf(' ');
    const qsizetype newline = stored.indexOf('\n');
    if (space < 0 || newline < space) {
        return miss();
    }
    // "*": stored without a dependency, so altered by any change.
    const QByteArrayView dependencyText =
        QByteArrayView(stored).sliced(space + 1, newline - space - 1);
    CacheDependencyPtr dependency;
    if (dependencyText != "*") {
        dependency = CacheDependency::decode(dependencyText);
        if (!dependency) {
            return miss();
        }
    }
    for (qsizetype i = 3; i < reply->elements.size(); ++i) {
        const QByteArray &logged = reply->elements.at(i).string;
        const qsizetype at = logged.indexOf(' ');
        if (at < 0 || !dependency
            || dependency->affectedBy(CatalogChange::fromPayload(logged.mid(at + 1)))) {
            return miss(); // changed since it was stored
        }
    }
    QByteArray value = stored.mid(newline + 1);
    m_client->countCache(false, true);
    // Refused by the memory tier if a change it depends on came in since memoryGeneration.
    m_memory->insert(key, value, m_memoryTtl, memoryGeneration, dependency);
    return value;
}

quint64 RedisCatalogCache::generation() const
{
    return m_memory->generation();
}

bool RedisCatalogCache::insert(const QByteArray &key, const QByteArray &value,
                               std::chrono::seconds ttl, quint64 generation,
                               CacheDependencyPtr dependency)
{
    const QByteArray stamp = t_missGenerations.take(pendingKey(this, key));
    if (!m_memory->insert(key, value, std::min(ttl, m_memoryTtl), generation, dependency)) {
        return false; // read before a change it depends on: not shared either
    }
    const qsizetype space = stamp.indexOf(' ');
    if (space < 0 || ttl.count() <= 0) {
        return true; // no Redis miss before this value
    }
    // Under the generation read before the database was (unreachable if it moved on since),
    // stamped with the change sequence read then: a reader checks the changes logged after it.
    const QByteArray header = stamp.mid(space + 1) + ' '
        + (dependency ? dependency->encode() : QByteArrayLiteral("*")) + '\n';
    (void)m_client->command(
        {"SET", m_client->key("catalog:") + stamp.left(space) + ':' + redisKeyName(key),
         header + value, "EX", QByteArray::number(ttl.count())});
    return true;
}

void RedisCatalogCache::bumpGeneration()
{
    if (m_client->available()) {
        auto reply = m_client->command({"INCR", m_generationKey});
        if (reply && !reply->isError()) {
            qCDebug(lcRedisCache) << "catalog generation" << reply->integer;
        }
    }
}

void RedisCatalogCache::invalidateAll()
{
    // Redis first: once the memory tier is empty, nothing may be read from the old keys.
    bumpGeneration();
    m_memory->invalidateAll();
}

void RedisCatalogCache::invalidate(const CatalogChange &change)
{
    if (change.everything) {
        invalidateAll();
        return;
    }
    // Redis first, as for invalidateAll(): once the memory tier dropped its values, a reader
    // finds the change logged against the shared ones.
    bool logged = false;
    if (m_client->available()) {
        // Each instance hears the same notification: the first logs it, the others find its
        // mark. An instance's own staff change (no source) is logged by it alone, at once.
        const QByteArray mark = change.source.isEmpty()
            ? QByteArray()
            : m_client->key("catalog:changes:seen:") + change.source;
        auto reply = m_client->eval(kLogChange, {m_sequenceKey, m_changesKey, mark},
                                    {change.toPayload(), QByteArray::number(kLoggedChanges),
                                     QByteArray::number(kLogLifetimeSec),
                                     QByteArray::number(kNotificationMarkSec)});
        logged = reply && !reply->isError();
    }
    if (!logged) {
        // The shared values cannot learn of this change: none of them may be read any more.
        bumpGeneration();
    }
    m_memory->invalidate(change);
}

void RedisCatalogCache::setLive(bool live)
{
    if (live) {
        bumpGeneration(); // changes made while nobody listened are not in Redis's values either
    }
    m_memory->setLive(live);
}

bool RedisCatalogCache::isLive() const
{
    return m_memory->isLive();
}

CatalogCache::Stats RedisCatalogCache::stats() const
{
    return m_memory->stats();
}

} // namespace Shop::Catalog
