#pragma once

#include "catalogcache.h"

#include <QHash>
#include <QMutex>

#include <atomic>
#include <list>

namespace Shop::Catalog {

// The CatalogCache of one server process: an LRU map bounded by entry count and by bytes, with a
// time to live per entry, behind one mutex (each operation is a hash lookup and a list splice).
class InProcessCatalogCache final : public CatalogCache
{
public:
    static constexpr qint64 kDefaultMaxBytes = 256LL * 1024 * 1024;

    explicit InProcessCatalogCache(int maxEntries, qint64 maxBytes = kDefaultMaxBytes);

    [[nodiscard]] std::optional<QByteArray> find(const QByteArray &key) override;
    [[nodiscard]] quint64 generation() const override;
    void insert(const QByteArray &key, const QByteArray &value, std::chrono::seconds ttl,
                quint64 generation) override;
    void invalidateAll() override;
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
    };
    using List = std::list<Entry>; // most recently used first

    void eraseLocked(List::iterator it);
    void clearLocked();

    const int m_maxEntries;
    const qint64 m_maxBytes;
    mutable QMutex m_mutex;
    List m_lru;
    QHash<QByteArray, List::iterator> m_index;
    qint64 m_bytes = 0;
    quint64 m_generation = 0;
    std::atomic<bool> m_live {false};
    Stats m_stats;
};

} // namespace Shop::Catalog
