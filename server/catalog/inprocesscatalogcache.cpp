#include "inprocesscatalogcache.h"

#include <QLoggingCategory>

namespace Shop::Catalog {

namespace {
Q_LOGGING_CATEGORY(lcCache, "shop.catalog.cache")
}

InProcessCatalogCache::InProcessCatalogCache(int maxEntries, qint64 maxBytes)
    : m_maxEntries(qMax(1, maxEntries))
    , m_maxBytes(qMax<qint64>(1, maxBytes))
{ }

std::optional<QByteArray> InProcessCatalogCache::find(const QByteArray &key)
{
    if (!m_live.load(std::memory_order_acquire)) {
        return std::nullopt;
    }
    QMutexLocker lock(&m_mutex);
    const auto it = m_index.constFind(key);
    if (it == m_index.cend()) {
        ++m_stats.misses;
        return std::nullopt;
    }
    const List::iterator entry = it.value();
    if (entry->expires <= Clock::now()) {
        eraseLocked(entry);
        ++m_stats.misses;
        return std::nullopt;
    }
    m_lru.splice(m_lru.begin(), m_lru, entry);
    ++m_stats.hits;
    return entry->value; // implicitly shared: no copy of the bytes
}

quint64 InProcessCatalogCache::generation() const
{
    QMutexLocker lock(&m_mutex);
    return m_generation;
}

void InProcessCatalogCache::insert(const QByteArray &key, const QByteArray &value,
                                   std::chrono::seconds ttl, quint64 generation)
{
    if (ttl.count() <= 0 || !m_live.load(std::memory_order_acquire)) {
        return;
    }
    const qint64 size = key.size() + value.size();
    if (size > m_maxBytes) {
        return;
    }
    QMutexLocker lock(&m_mutex);
    if (generation != m_generation) {
        qCDebug(lcCache) << "dropped a value read before an invalidation:" << key;
        return;
    }
    if (const auto it = m_index.constFind(key); it != m_index.cend()) {
        eraseLocked(it.value());
    }
    m_lru.push_front(Entry {key, value, Clock::now() + ttl});
    m_index.insert(key, m_lru.begin());
    m_bytes += size;
    ++m_stats.inserts;
    while (!m_lru.empty() && (m_index.size() > m_maxEntries || m_bytes > m_maxBytes)) {
        eraseLocked(std::prev(m_lru.end()));
        ++m_stats.evictions;
    }
}

void InProcessCatalogCache::invalidateAll()
{
    QMutexLocker lock(&m_mutex);
    clearLocked();
}

void InProcessCatalogCache::setLive(bool live)
{
    QMutexLocker lock(&m_mutex);
    // Clear first, then publish: a reader that sees "live" finds only values stored after it.
    clearLocked();
    m_live.store(live, std::memory_order_release);
    qCInfo(lcCache) << (live ? "serving from the cache"
                             : "cache bypassed: changes are not observed");
}

bool InProcessCatalogCache::isLive() const
{
    return m_live.load(std::memory_order_acquire);
}

CatalogCache::Stats InProcessCatalogCache::stats() const
{
    QMutexLocker lock(&m_mutex);
    Stats s = m_stats;
    s.entries = m_index.size();
    s.bytes = m_bytes;
    return s;
}

void InProcessCatalogCache::eraseLocked(List::iterator it)
{
    m_bytes -= it->key.size() + it->value.size();
    m_index.remove(it->key);
    m_lru.erase(it);
}

void InProcessCatalogCache::clearLocked()
{
    ++m_generation;
    ++m_stats.invalidations;
    m_lru.clear();
    m_index.clear();
    m_bytes = 0;
}

} // namespace Shop::Catalog
