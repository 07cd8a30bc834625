#pragma once

#include "catalogcache.h"

#include <memory>

namespace Shop::Redis {
class Client;
}

namespace Shop::Catalog {

// The catalog cache with two tiers: this process's memory (the event loop's hits, a short
// lifetime) in front of Redis (shared by every instance, the seed's lifetimes). docs/caching.md.
//
// - find() (the event loop): the memory tier only, never I/O.
// - fetch() (workers): the memory tier, then Redis; a Redis hit is copied into the memory tier.
// - insert() (workers, after a miss): both tiers, each under the generation taken BEFORE the
//   database was read, so a value read before an invalidation is never served after it.
//
// Redis keys: `<prefix>catalog:<G>:<key>` where G is the shared generation
// `<prefix>catalog:generation` and <key> the seed's name (`products:list:{page}:{limit}:{filters}`,
// `product:{id}`, `categories`; also `products:count:{filters}` and `brands:{query}`). One Lua
// script reads G and the value in one round trip; the value is stored under the G read then.
// Invalidation (a catalog NOTIFY on every instance, or this instance's own change) INCRs G
// first and then empties the memory tier: after the INCR nobody reads the old keys (they expire
// by themselves), and a value read from them before the INCR is refused by the memory tier,
// whose generation moved on after it. A value computed from the database before a change and
// written afterwards lands under the old G: unreachable. While Redis is down the memory tier
// and PostgreSQL serve; when it is back (and whenever this process connects first) G is INCRed
// before any value is read, because invalidations may have been missed meanwhile.
// A product's change (invalidate()) does not move G: it is logged in Redis under the next number
// of a change sequence (`<prefix>catalog:changes`, the last 256), and each value is stored with the
// sequence read before the database was and with what it depends on
// ("<sequence> <CacheDependency>\n<bytes>"). A reader gets the value and the changes logged after
// its sequence in the same round trip and treats it as a miss when one of them alters it (or when
// more than 64 came since, or the log lost some). The memory tier drops its affected values.
// Not live (the NOTIFY listener has no connection): neither tier is read or written.
class RedisCatalogCache final : public CatalogCache
{
public:
    // `memoryTtl` caps the memory tier's lifetime; Redis gets the lifetime insert() is given.
    RedisCatalogCache(std::shared_ptr<CatalogCache> memory, std::shared_ptr<Redis::Client> client,
                      std::chrono::seconds memoryTtl = kDefaultMemoryTtl);

    static constexpr std::chrono::seconds kDefaultMemoryTtl {30};

    [[nodiscard]] std::optional<QByteArray> find(const QByteArray &key) override;
    [[nodiscard]] std::optional<QByteArray> fetch(const QByteArray &key) override;
    [[nodiscard]] quint64 generation() const override;
    bool insert(const QByteArray &key, const QByteArray &value, std::chrono::seconds ttl,
                quint64 generation, CacheDependencyPtr dependency = {}) override;
    void invalidateAll() override;
    void invalidate(const CatalogChange &change) override;
    void setLive(bool live) override;
    [[nodiscard]] bool isLive() const override;
    [[nodiscard]] Stats stats() const override;

    // `products?page=2&limit=20&search=x` -> `products:list:2:20:search=x`, ... (without prefix
    // and generation).
    [[nodiscard]] static QByteArray redisKeyName(const QByteArray &key);
    [[nodiscard]] const std::shared_ptr<Redis::Client> &client() const { return m_client; }

private:
    void bumpGeneration();

    std::shared_ptr<CatalogCache> m_memory;
    std::shared_ptr<Redis::Client> m_client;
    const std::chrono::seconds m_memoryTtl;
    const QByteArray m_generationKey;
    const QByteArray m_sequenceKey;
    const QByteArray m_changesKey;
};

} // namespace Shop::Catalog
