#include "rediscatalogcache.h"

#include "redis/redisclient.h"

#include <QHash>
#include <QLoggingCategory>
#include <QUrlQuery>

namespace Shop::Catalog {

namespace {

Q_LOGGING_CATEGORY(lcRedisCache, "shop.catalog.rediscache")

// Reads the generation and the value under it in one round trip.
// KEYS[1] the generation key; ARGV[1] "<prefix>catalog:", ARGV[2] the key name.
const Redis::Script kFetch(QByteArrayLiteral(R"lua(
local g = redis.call('GET', KEYS[1]) or '0'
return {g, redis.call('GET', ARGV[1] .. g .. ':' .. ARGV[2])}
)lua"));

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
            + (limit.isEmpty() ? QByteArray("-") : limit.toLatin1()) + ':'
            + items.query(QUrl::FullyEncoded).toLatin1();
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
    auto reply =
        m_client->eval(kFetch, {m_generationKey}, {m_client->key("catalog:"), redisKeyName(key)});
    if (!reply || reply->type != Redis::Reply::Type::Array || reply->elements.size() != 2) {
        return std::nullopt;
    }
    const Redis::Reply &value = reply->elements.at(1);
    if (value.type == Redis::Reply::Type::String) {
        m_client->countCache(false, true);
        // Refused by the memory tier if an invalidation came in since memoryGeneration.
        m_memory->insert(key, value.string, m_memoryTtl, memoryGeneration);
        return value.string;
    }
    m_client->countCache(false, false);
    if (t_missGenerations.size() > 64) {
        t_missGenerations.clear();
    }
    t_missGenerations.insert(pendingKey(this, key), reply->elements.at(0).string);
    return std::nullopt;
}

quint64 RedisCatalogCache::generation() const
{
    return m_memory->generation();
}

void RedisCatalogCache::insert(const QByteArray &key, const QByteArray &value,
                               std::chrono::seconds ttl, quint64 generation)
{
    m_memory->insert(key, value, std::min(ttl, m_memoryTtl), generation);
    const QByteArray redisGeneration = t_missGenerations.take(pendingKey(this, key));
    if (redisGeneration.isEmpty() || ttl.count() <= 0 || !m_memory->isLive()
        || m_memory->generation() != generation) {
        return; // no Redis miss before this value, or an invalidation since: not shared
    }
    // Under the generation read before the database was: unreachable if it moved on since.
    (void)m_client->command({"SET",
                             m_client->key("catalog:") + redisGeneration + ':' + redisKeyName(key),
                             value, "EX", QByteArray::number(ttl.count())});
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
