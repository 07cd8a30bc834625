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

bool InProcessCatalogCache::staleLocked(quint64 generation,
                                        const CacheDependencyPtr &dependency) const
{
    if (generation == m_generation) {
        return false;
    }
    if (generation < m_wholeAt || generation > m_generation) {
        return true;
    }
    // The log holds the changes after m_wholeAt, unless it was trimmed.
    if (m_log.empty() || m_log.front().first > generation + 1) {
        return true;
    }
    for (auto it = m_log.crbegin(); it != m_log.crend() && it->first > generation; ++it) {
        if (!dependency || dependency->affectedBy(*it->second)) {
            return true;
        }
    }
    return false;
}

bool InProcessCatalogCache::insert(const QByteArray &key, const QByteArray &value,
                                   std::chrono::seconds ttl, quint64 generation,
                                   CacheDependencyPtr dependency)
{
    if (!m_live.load(std::memory_order_acquire)) {
        return false;
    }
    const qint64 size = key.size() + value.size();
    QMutexLocker lock(&m_mutex);
    if (staleLocked(generation, dependency)) {
        qCDebug(lcCache) << "dropped a value read before a change it depends on:" << key;
        return false;
    }
    if (ttl.count() <= 0 || size > m_maxBytes) {
        return true;
    }
    if (const auto it = m_index.constFind(key); it != m_index.cend()) {
        eraseLocked(it.value());
    }
    const bool isProduct = dependency && dependency->kind() == CacheDependency::Kind::Product;
    if (isProduct) {
        m_productKeys.insert(*dependency->products().cbegin(), key);
    } else {
        m_otherKeys.insert(key, dependency);
    }
    m_lru.push_front(Entry {key, value, Clock::now() + ttl, std::move(dependency)});
    m_index.insert(key, m_lru.begin());
    m_bytes += size;
    ++m_stats.inserts;
    while (!m_lru.empty() && (m_index.size() > m_maxEntries || m_bytes > m_maxBytes)) {
        eraseLocked(std::prev(m_lru.end()));
        ++m_stats.evictions;
    }
    return true;
}

void InProcessCatalogCache::invalidateAll()
{
    QMutexLocker lock(&m_mutex);
    clearLocked();
}

void InProcessCatalogCache::invalidate(const CatalogChange &change)
{
    if (change.everything) {
        invalidateAll();
        return;
    }
    auto logged = std::make_shared<const CatalogChange>(change);
    QHash<QByteArray, CacheDependencyPtr> others; // implicitly shared: no copy under the lock
    qsizetype details = 0;
    {
        QMutexLocker lock(&m_mutex);
        ++m_generation;
        ++m_stats.invalidations;
        m_log.emplace_back(m_generation, logged);
        while (qsizetype(m_log.size()) > kMaxLoggedChanges) {
            m_log.pop_front();
        }
        // The products' own details, by their index.
        for (const ProductChange &product : change.products) {
            for (const QByteArray &key : m_productKeys.values(product.id)) {
                if (const auto entry = m_index.constFind(key); entry != m_index.cend()) {
                    eraseLocked(entry.value());
                    ++details;
                }
            }
        }
        others = m_otherKeys;
    }
    // Every other entry is checked against the change without the lock, so that readers do not
    // wait for thousands of checks. A value stored meanwhile is safe: insert() already sees this
    // change in the log. Only the entries checked are dropped, not a newer value under their key.
    QList<std::pair<QByteArray, CacheDependencyPtr>> dropped;
    for (auto it = others.cbegin(); it != others.cend(); ++it) {
        if (!it.value() || it.value()->affectedBy(*logged)) {
            dropped.append({it.key(), it.value()});
        }
    }
    others = {}; // before the lock: the next insert() must not copy the whole set
    if (!dropped.isEmpty()) {
        QMutexLocker lock(&m_mutex);
        for (const auto &[key, dependency] : std::as_const(dropped)) {
            const auto other = m_otherKeys.constFind(key);
            if (other != m_otherKeys.cend() && other.value() == dependency) {
                eraseLocked(m_index.value(key));
            }
        }
    }
    qCDebug(lcCache) << "a change of" << change.products.size() << "products dropped"
                     << details + dropped.size() << "entries";
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
    if (it->dependency && it->dependency->kind() == CacheDependency::Kind::Product) {
        m_productKeys.remove(*it->dependency->products().cbegin(), it->key);
    } else {
        m_otherKeys.remove(it->key);
    }
    m_index.remove(it->key);
    m_lru.erase(it);
}

void InProcessCatalogCache::clearLocked()
{
    ++m_generation;
    m_wholeAt = m_generation;
    m_log.clear();
    ++m_stats.invalidations;
    m_lru.clear();
    m_index.clear();
    m_productKeys.clear();
    m_otherKeys.clear();
    m_bytes = 0;
}

} // namespace Shop::Catalog
