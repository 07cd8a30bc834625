#pragma once

// A customer of the REAL shop-server (ExternalServer) for client and app tests of the orders
// screens: registers, fills the cart and places orders over HTTP (POST /api/cart/items, then
// POST /api/orders with an Idempotency-Key), and reads stock and orders back. Every call waits
// for its answer (generous timeouts: a loaded 2-core machine hashes passwords slowly).

#include "client/account.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

#include <optional>

namespace Shop::Tests {

class OrderShopper final
{
public:
    static inline const QString kPassword = QStringLiteral("a long enough test passphrase");

    explicit OrderShopper(const QUrl &server)
        : m_session(&m_api, nullptr)
    {
        m_api.setBaseUrl(server);
    }

    [[nodiscard]] Client::ApiClient &api() { return m_api; }
    [[nodiscard]] Client::AuthSession &session() { return m_session; }
    [[nodiscard]] QString email() const { return m_email; }
    [[nodiscard]] QString errorString() const { return m_error; }

    // A new account ("<prefix>-<random>@example.com"), signed in.
    [[nodiscard]] bool registerNew(const QString &prefix)
    {
        Client::Registration r;
        r.email = prefix + u'-' + QUuid::createUuid().toString(QUuid::Id128).left(10)
            + QStringLiteral("@example.com");
        r.password = kPassword;
        r.firstName = QStringLiteral("Test");
        r.lastName = prefix;
        std::optional<Result<Client::User>> result;
        m_session.registerAccount(r, false, nullptr,
                                  [&result](Result<Client::User> user) { result = user; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 60000)) {
            m_error = QStringLiteral("registration: no answer");
            return false;
        }
        if (!*result) {
            m_error = QStringLiteral("registration: ") + result->error().message;
            return false;
        }
        m_email = r.email;
        return true;
    }

    // Signs in an existing account (the seeded customer, say).
    [[nodiscard]] bool signIn(const QString &email, const QString &password)
    {
        std::optional<Result<Client::User>> result;
        m_session.signIn(email, password, false, nullptr,
                         [&result](Result<Client::User> user) { result = user; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 60000)) {
            m_error = QStringLiteral("sign-in: no answer");
            return false;
        }
        if (!*result) {
            m_error = QStringLiteral("sign-in: ") + result->error().message;
            return false;
        }
        m_email = email;
        return true;
    }

    // One request with this session; the JSON answer, or nullopt (errorString() says why).
    std::optional<QJsonObject> call(const QByteArray &method, const QString &path,
                                    const QJsonObject &body = {}, const QByteArray &key = {},
                                    Error *error = nullptr)
    {
        Client::ApiRequest request;
        request.method = method;
        const qsizetype question = path.indexOf(u'?');
        request.path = question < 0 ? path : path.left(question);
        if (question >= 0) {
            request.query = path.mid(question + 1).toLatin1();
        }
        if (method == "POST" || method == "PUT") {
            request.body = QJsonDocument(body);
        }
        request.idempotencyKey = key;
        std::optional<Result<Client::ApiResponse>> result;
        m_api.send(request, nullptr,
                   [&result](Result<Client::ApiResponse> response) { result = response; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 60000)) {
            m_error = QString::fromLatin1(method) + u' ' + path + QStringLiteral(": no answer");
            return std::nullopt;
        }
        if (!*result) {
            m_error = QString::fromLatin1(method) + u' ' + path + QStringLiteral(": ")
                + result->error().message;
            if (error) {
                *error = result->error();
            }
            return std::nullopt;
        }
        return (*result)->json.object();
    }

    // Active products with at least `minStock` units, cheapest first (the seed's catalog).
    [[nodiscard]] QJsonArray productsInStock(int minStock)
    {
        QJsonArray found;
        const auto page = call("GET", QStringLiteral("api/products?limit=100&sort=price_asc"));
        if (!page) {
            return found;
        }
        for (const QJsonValue &p : page->value(QStringLiteral("items")).toArray()) {
            if (p[u"stock_quantity"].toInt() >= minStock) {
                found.append(p);
            }
        }
        return found;
    }

    // The id of the cheapest active product with at least `minStock` units ("" if none).
    [[nodiscard]] QString productWithStock(int minStock)
    {
        const QJsonArray found = productsInStock(minStock);
        return found.isEmpty() ? QString() : found.first()[u"id"].toString();
    }

    // The stock of a product in this shopper's cart, as GET /api/cart reads it from the products
    // table (the catalog's GET /api/products/{id} answers from a cache that is not told about
    // every stock change). -1 when the product is not in the cart.
    [[nodiscard]] int stockInCart(const QString &productId)
    {
        const auto cart = call("GET", QStringLiteral("api/cart"));
        if (!cart) {
            return -1;
        }
        for (const QJsonValue &line : cart->value(QStringLiteral("items")).toArray()) {
            if (line[u"product_id"].toString() == productId) {
                return line[u"stock_quantity"].toInt(-1);
            }
        }
        m_error = QStringLiteral("not in the cart: ") + productId;
        return -1;
    }

    // Adds the product to the cart without ordering it.
    [[nodiscard]] bool addToCart(const QString &productId, int quantity = 1)
    {
        return bool(call(
            "POST", QStringLiteral("api/cart/items"),
            {{QStringLiteral("product_id"), productId}, {QStringLiteral("quantity"), quantity}}));
    }

    static QJsonObject address()
    {
        return {{QStringLiteral("recipient_name"), QStringLiteral("Ada Lovelace")},
                {QStringLiteral("line1"), QStringLiteral("1 Analytical Way")},
                {QStringLiteral("city"), QStringLiteral("New York")},
                {QStringLiteral("postal_code"), QStringLiteral("10001")},
                {QStringLiteral("region"), QStringLiteral("NY")},
                {QStringLiteral("country"), QStringLiteral("US")}};
    }

    // Puts the lines ({product id, quantity}) in the cart and checks out: the new order's JSON.
    std::optional<QJsonObject> placeOrder(const QList<std::pair<QString, int>> &lines)
    {
        for (const auto &[product, quantity] : lines) {
            if (!call("POST", QStringLiteral("api/cart/items"),
                      {{QStringLiteral("product_id"), product},
                       {QStringLiteral("quantity"), quantity}})) {
                return std::nullopt;
            }
        }
        return call("POST", QStringLiteral("api/orders"),
                    {{QStringLiteral("shipping_address"), address()}},
                    Client::ApiClient::newIdempotencyKey());
    }

private:
    Client::ApiClient m_api;
    Client::AuthSession m_session;
    QString m_email;
    QString m_error;
};

} // namespace Shop::Tests
