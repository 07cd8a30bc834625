#pragma once

#include "config/serverconfig.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace Shop::Redis {

class Client;

// The seed's `user:{id}:cart` (15 minutes): each customer's priced cart (the GET /api/cart
// answer) in Redis, one hash per user whose fields are the answer per tax choice. The cart module
// reads and fills it (workers); every cart write, order placement and address change
// invalidates it (after its transaction committed).
//
// A stale cart is never stored after an invalidation: find() returns a stamp read in the same
// round trip as the value, "<epoch>|<version>|<catalog generation>|<product change sequence>",
// and store() files the answer under that stamp. invalidate() INCRs the user's version
// (`user:{id}:cart:version`), so an answer computed before it lands under a stamp nobody reads
// again. The catalog generation and the product change sequence (moved on by every catalog
// change, RedisCatalogCache) make price and availability changes reach cached carts; the epoch
// (`cart:epoch`) is moved on whenever this process (re)connects to Redis, since an invalidation may
// have been lost while Redis was unreachable. Stock figures alone do not move the catalog
// generation: a cached cart may show a line's stock up to 15 minutes old (checkout checks stock
// itself).
class CartCache final
{
public:
    // nullptr without Redis, or with the catalog cache off (no catalog generation to follow).
    [[nodiscard]] static std::shared_ptr<CartCache> forConfig(const Server::ServerConfig &config);

    explicit CartCache(std::shared_ptr<Client> client,
                       std::chrono::seconds ttl = std::chrono::minutes(15));

    struct Lookup
    {
        std::optional<QByteArray> value;
        QByteArray stamp; // empty: Redis unavailable, do not store
    };
    // `variant`: what else the answer depends on (the tax choice).
    [[nodiscard]] Lookup find(const QString &userId, const QByteArray &variant);
    void store(const QString &userId, const QByteArray &variant, const QByteArray &stamp,
               const QByteArray &value);
    void invalidate(const QString &userId);

    [[nodiscard]] const std::shared_ptr<Client> &client() const { return m_client; }

private:
    [[nodiscard]] QByteArray cartKey(const QString &userId) const;

    std::shared_ptr<Client> m_client;
    const std::chrono::seconds m_ttl;
};

} // namespace Shop::Redis
