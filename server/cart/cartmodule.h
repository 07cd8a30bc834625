#pragma once

#include "config/serverconfig.h"
#include "http/servermodule.h"

#include <memory>

namespace Shop::Cart {

class CartService;

// The cart module: each customer's one cart (GET /api/cart, POST /api/cart/items,
// PUT and DELETE /api/cart/items/{id}, DELETE /api/cart) with its totals, tax and shipping
// computed by core/commerce, as checkout will charge them. No background work.
class CartModule final : public Http::ServerModule
{
public:
    explicit CartModule(const Server::ServerConfig &config);
    ~CartModule() override;

    [[nodiscard]] QString name() const override { return QStringLiteral("cart"); }
    void registerRoutes(Http::Router &router) override;
    [[nodiscard]] QJsonObject openApi() const override;

private:
    std::shared_ptr<const CartService> m_service;
};

} // namespace Shop::Cart
