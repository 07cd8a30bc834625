#include "cartcache.h"

#include "redisclient.h"

namespace Shop::Redis {

namespace {

// KEYS: the cart hash, its version, the epoch, the catalog generation, the catalog's product
// change sequence (any product's change, a price above all, moves every cart's stamp); ARGV[1]
// the variant.
const Script kFind(QByteArrayLiteral(R"lua(
local stamp = (redis.call('GET', KEYS[3]) or '0') .. '|' .. (redis.call('GET', KEYS[2]) or '0')
  .. '|' .. (redis.call('GET', KEYS[4]) or '0') .. '|' .. (redis.call('GET', KEYS[5]) or '0')
return {stamp, redis.call('HGET', KEYS[1], stamp .. '|' .. ARGV[1])}
)lua"));

constexpr auto kVersionTtl = std::chrono::hours(24);

} // namespace

std::shared_ptr<CartCache> CartCache::forConfig(const Server::ServerConfig &config)
{
    if (!config.cache.enabled) {
        return nullptr;
    }
    auto client = Client::forConfig(config);
    if (!client) {
        return nullptr;
    }
    return std::make_shared<CartCache>(std::move(client));
}

CartCache::CartCache(std::shared_ptr<Client> client, std::chrono::seconds ttl)
    : m_client(std::move(client))
    , m_ttl(ttl)
{
    m_client->onReconnect([weak = std::weak_ptr<Client>(m_client)] {
        if (auto client = weak.lock()) {
            (void)client->command({"INCR", client->key("cart:epoch")});
        }
    });
}

QByteArray CartCache::cartKey(const QString &userId) const
{
    return m_client->key(QByteArray("user:" + userId.toUtf8() + ":cart"));
}

CartCache::Lookup CartCache::find(const QString &userId, const QByteArray &variant)
{
    if (!m_client->available()) {
        return {};
    }
    const QByteArray key = cartKey(userId);
    auto reply = m_client->eval(kFind,
                                {key, key + ":version", m_client->key("cart:epoch"),
                                 m_client->key("catalog:generation"),
                                 m_client->key("catalog:changes:sequence")},
                                {variant});
    if (!reply || reply->type != Reply::Type::Array || reply->elements.size() != 2) {
        return {};
    }
    Lookup lookup;
    lookup.stamp = reply->elements.at(0).string;
    if (reply->elements.at(1).type == Reply::Type::String) {
        lookup.value = reply->elements.at(1).string;
    }
    m_client->countCache(true, lookup.value.has_value());
    return lookup;
}

void CartCache::store(const QString &userId, const QByteArray &variant, const QByteArray &stamp,
                      const QByteArray &value)
{
    if (stamp.isEmpty() || !m_client->available()) {
        return;
    }
    const QByteArray key = cartKey(userId);
    (void)m_client->pipeline({{"HSET", key, stamp + '|' + variant, value},
                              {"EXPIRE", key, QByteArray::number(m_ttl.count())}});
}

void CartCache::invalidate(const QString &userId)
{
    if (!m_client->available()) {
        return; // the epoch moves on when Redis is back
    }
    const QByteArray key = cartKey(userId);
    (void)m_client->pipeline({{"INCR", key + ":version"},
                              {"EXPIRE", key + ":version",
                               QByteArray::number(std::chrono::seconds(kVersionTtl).count())},
                              {"DEL", key}});
}

} // namespace Shop::Redis
