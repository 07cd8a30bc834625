#pragma once

#include "catalogcache.h"

#include <QHash>
#include <QMutex>

#include <atomic>
#include <deque>
#include <list>

namespace Shop::Catalog {

// The CatalogCache of one server process: an LRU map bounded by entry count and by bytes, with a
// time to live per entry, behind one mutex (each operation is a hash lookup and a list splice).
//
// A product's change (invalidate()) drops the product's detail by its index and checks the other
// entries (lists, totals, the category tree, brands: up to the whole cache) against it outside
// the mutex, then drops those it alters: readers wait for the drops, not the checks. generation()
// is the number of invalidations so far; the recent product changes are kept (kMaxLoggedChanges) so
// that insert() can tell whether one of them, since the token it is given, alters the value: if so,
// or if the log no longer reaches back that far, the value is dropped.
class InProcessCatalogCache final : public CatalogCache
{
public:
    static constexpr qint64 kDefaultMaxBytes = 256LL * 1024 * 1024;
    static constexpr qsizetype kMaxLoggedChanges = 1024;

    explicit InProcessCatalogCache(int maxEntries, qint64 maxBytes = kDefaultMaxBytes);

    [[nodiscard]] std::optional<QByteArray> find(const QByteArray &key) override;
    [[nodiscard]] quint64 generation() const override;
    bool insert(const QByteArray &key, const QByteArray &value, std::chrono::seconds ttl,
                quint64 generation, CacheDependencyPtr dependency = {}) override;
    void invalidateAll() override;
    void invalidate(const CatalogChange &change) override;
    void setLive(bool live) override;
    [[nodiscard]] bool isLive() const override;
    [[nodiscard]] Stats stats() const override;

private:
    using Clock = std::chrono::steady_clock;
    struct Entry
    {
        QByteArray key;
        QByteArray value;
        Clock::time_point expires;
        CacheDependencyPtr dependency; // nullptr: depends on everything
    };
    using List = std::list<Entry>; // most recently used first

    void eraseLocked(List::iterator it);
    void clearLocked();
    [[nodiscard]] bool staleLocked(quint64 generation, const CacheDependencyPtr &dependency) const;

    const int m_maxEntries;
    const qint64 m_maxBytes;
    mutable QMutex m_mutex;
    List m_lru;
    QHash<QByteArray, List::iterator> m_index;
    qint64 m_bytes = 0;
    quint64 m_generation = 0; // invalidations so far, whole and per product
    quint64 m_wholeAt = 0; // m_generation at the last whole invalidation
    // The product changes since, oldest first: (generation after it, change).
    std::deque<std::pair<quint64, std::shared_ptr<const CatalogChange>>> m_log;
    QMultiHash<ProductId, QByteArray> m_productKeys; // the keys of product details, by product
    // Every other key, with its dependency: checked against each change.
    QHash<QByteArray, CacheDependencyPtr> m_otherKeys;
    std::atomic<bool> m_live {false};
    Stats m_stats;
};

} // namespace Shop::Catalog
