#pragma once

#include "catalogchange.h"

#include <QByteArray>

#include <chrono>
#include <optional>

namespace Shop::Catalog {

// A cache of serialised catalog responses (compact JSON bytes), keyed by a canonical request
// ("products?page=2&search=lapt", "product/<uuid>", "categories"). Thread-safe: the HTTP event
// loop reads it (find) and the worker threads fill it (insert).
//
// Correctness rules every implementation keeps (InProcessCatalogCache, and RedisCatalogCache in
// front of it):
// - A value computed from data read before an invalidation is never stored after it: take
//   generation() BEFORE reading the database and pass it to insert() with what the value depends
//   on, which drops the value when a change it depends on (or a whole invalidation) came in since.
// - A change drops only the values that depend on it (CacheDependency): a product's new price
//   drops its detail and the lists it is on or may move into, not the rest of the catalog.
// - A shared tier (Redis: RedisCatalogCache) keeps the same rules across instances: its values are
//   stored under a shared generation read before the database was (a whole invalidation moves it
//   on) and stamped with the shared change sequence read then (a product's change is logged under
//   the next number, and a reader checks the value against the changes logged since), before any
//   instance drops anything from its own memory.
// - While the cache is not live (the change listener has no connection, so changes could go
//   unnoticed), find() misses and insert() drops. Becoming live again starts from empty.
class CatalogCache
{
public:
    struct Stats
    {
        quint64 hits = 0;
        quint64 misses = 0;
        quint64 inserts = 0;
        quint64 evictions = 0; // for size, not for expiry
        quint64 invalidations = 0;
        qsizetype entries = 0;
        qint64 bytes = 0;
    };

    virtual ~CatalogCache() = default;

    // Never blocks on I/O: safe on the HTTP event loop. nullopt on a miss or an expired entry.
    [[nodiscard]] virtual std::optional<QByteArray> find(const QByteArray &key) = 0;
    // May wait for the network: worker threads only. find(), then a shared tier behind this
    // process's memory if there is one (a hit there is kept in memory too). Default: find().
    [[nodiscard]] virtual std::optional<QByteArray> fetch(const QByteArray &key)
    {
        return find(key);
    }
    // A token for insert(): where this cache's invalidations stand.
    [[nodiscard]] virtual quint64 generation() const = 0;
    // Stores the value unless a change it depends on (nullptr: any change) came in since
    // `generation` was taken; false when it was dropped for that (or the cache is not live).
    virtual bool insert(const QByteArray &key, const QByteArray &value, std::chrono::seconds ttl,
                        quint64 generation, CacheDependencyPtr dependency = {}) = 0;
    // Drops everything and moves the generation on (the catalog changed).
    virtual void invalidateAll() = 0;
    // Drops the values the change can alter (everything: invalidateAll()).
    virtual void invalidate(const CatalogChange &change) = 0;
    // Live: changes are being observed, so cached values may be served. Any transition also
    // invalidates.
    virtual void setLive(bool live) = 0;
    [[nodiscard]] virtual bool isLive() const = 0;
    [[nodiscard]] virtual Stats stats() const = 0;
};

} // namespace Shop::Catalog
