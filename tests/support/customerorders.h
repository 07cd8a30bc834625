#pragma once

#include "client/apiclient.h"
#include "client/authsession.h"
#include "error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <optional>

namespace Shop::Tests {

// A customer placing orders over HTTP as the storefront does, for client and app tests against
// the real shop-server (ExternalServer): sign in, put a product in the cart, POST /api/orders
// with a fresh Idempotency-Key and an inline shipping address. Waits for each answer.
class CustomerOrders final
{
public:
    explicit CustomerOrders(const QUrl &server)
        : session(&api, nullptr)
    {
        api.setBaseUrl(server);
    }

    [[nodiscard]] bool signIn(const QString &email, const QString &password)
    {
        std::optional<bool> ok;
        session.signIn(email, password, false, nullptr,
                       [&](Result<Client::User> user) { ok = user.has_value(); });
        return QTest::qWaitFor([&] { return ok.has_value(); }, 30000) && *ok;
    }

    // The id of an active product with at least `stock` units.
    [[nodiscard]] QString productWithStock(int stock)
    {
        const auto reply = call(
            Client::ApiRequest::get(QStringLiteral("api/products"), "limit=100&sort=price_asc"));
        if (!reply) {
            return {};
        }
        for (const QJsonValue &value : reply->object().value(QLatin1String("items")).toArray()) {
            const QJsonObject product = value.toObject();
            if (product.value(QLatin1String("stock_quantity")).toInt() >= stock) {
                return product.value(QLatin1String("id")).toString();
            }
        }
        return {};
    }

    // The placed order ({"id","order_number",...}), or an empty object (lastError says why).
    [[nodiscard]] QJsonObject placeOrder(const QString &productId, int quantity = 1)
    {
        const auto added = call(Client::ApiRequest::post(
            QStringLiteral("api/cart/items"),
            QJsonDocument(QJsonObject {{QStringLiteral("product_id"), productId},
                                       {QStringLiteral("quantity"), quantity}})));
        if (!added) {
            return {};
        }
        Client::ApiRequest order = Client::ApiRequest::post(
            QStringLiteral("api/orders"),
            QJsonDocument(QJsonObject {
                {QStringLiteral("shipping_address"),
                 QJsonObject {{QStringLiteral("recipient_name"), QStringLiteral("Ada Lovelace")},
                              {QStringLiteral("line1"), QStringLiteral("12 St James's Square")},
                              {QStringLiteral("city"), QStringLiteral("London")},
                              {QStringLiteral("postal_code"), QStringLiteral("SW1Y 4JH")},
                              {QStringLiteral("country"), QStringLiteral("GB")}}}}));
        order.idempotencyKey = Client::ApiClient::newIdempotencyKey();
        const auto placed = call(order);
        return placed ? placed->object() : QJsonObject();
    }

    Client::ApiClient api;
    Client::AuthSession session;
    Error lastError;

private:
    std::optional<QJsonDocument> call(const Client::ApiRequest &request)
    {
        std::optional<Result<Client::ApiResponse>> result;
        api.send(request, nullptr, [&](Result<Client::ApiResponse> r) { result = std::move(r); });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000)) {
            lastError = Error::internal(QStringLiteral("no answer"));
            return std::nullopt;
        }
        if (!*result) {
            lastError = result->error();
            return std::nullopt;
        }
        return (*result)->json;
    }
};

} // namespace Shop::Tests
