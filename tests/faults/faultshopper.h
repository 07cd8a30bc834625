#pragma once

// A customer of the REAL shop-server for the fault tests, on raw sockets (HttpClient, one
// connection per request, so a request never waits for another's connection): registers, puts a
// product in the cart and checks out. Thread-safe as long as each thread has its own shopper.

#include "testserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace Shop::Tests {

// One answer, as the load generator records it.
struct Outcome
{
    int status = 0; // 0: no answer (connection refused, reset, timeout)
    qint64 elapsedMs = 0;
    bool retryAfter = false; // a Retry-After header came with it
    QByteArray what; // "product", "cart", "order", ...
};

class FaultShopper final
{
public:
    explicit FaultShopper(quint16 port)
        : m_port(port)
    { }

    [[nodiscard]] Outcome request(const QByteArray &what, const QByteArray &method,
                                  const QByteArray &target, const QJsonObject &body = {},
                                  const QByteArray &idempotencyKey = {},
                                  QJsonObject *answer = nullptr, int timeoutMs = 30000) const
    {
        QElapsedTimer clock;
        clock.start();
        Outcome outcome;
        outcome.what = what;
        HttpClient client(m_port, 5000);
        if (!client.isConnected()) {
            outcome.elapsedMs = clock.elapsed();
            return outcome;
        }
        QList<std::pair<QByteArray, QByteArray>> headers {{"Content-Type", "application/json"},
                                                          {"X-Requested-With", "XMLHttpRequest"}};
        if (!m_token.isEmpty()) {
            headers.append({"Authorization", "Bearer " + m_token});
        }
        if (!idempotencyKey.isEmpty()) {
            headers.append({"Idempotency-Key", idempotencyKey});
        }
        const QByteArray bytes = method == "GET" || method == "DELETE"
            ? QByteArray()
            : QJsonDocument(body).toJson(QJsonDocument::Compact);
        const HttpReply reply = client.request(method, target, headers, bytes, timeoutMs);
        outcome.status = reply.status;
        outcome.elapsedMs = clock.elapsed();
        outcome.retryAfter = !reply.header("retry-after").isEmpty();
        if (answer) {
            *answer = reply.json();
        }
        return outcome;
    }

    [[nodiscard]] bool registerNew(const QString &prefix)
    {
        QJsonObject answer;
        const Outcome o =
            request("register", "POST", "/api/auth/register",
                    {{QStringLiteral("email"),
                      QString(prefix + u'-' + QUuid::createUuid().toString(QUuid::Id128).left(10)
                              + QStringLiteral("@example.com"))},
                     {QStringLiteral("password"), QStringLiteral("a long enough test passphrase")},
                     {QStringLiteral("first_name"), QStringLiteral("Fault")},
                     {QStringLiteral("last_name"), prefix}},
                    {}, &answer, 60000);
        m_token = answer.value(QStringLiteral("access_token")).toString().toLatin1();
        return o.status == 201 && !m_token.isEmpty();
    }

    [[nodiscard]] static QJsonObject address()
    {
        return {{QStringLiteral("recipient_name"), QStringLiteral("Ada Lovelace")},
                {QStringLiteral("line1"), QStringLiteral("1 Analytical Way")},
                {QStringLiteral("city"), QStringLiteral("New York")},
                {QStringLiteral("postal_code"), QStringLiteral("10001")},
                {QStringLiteral("region"), QStringLiteral("NY")},
                {QStringLiteral("country"), QStringLiteral("US")}};
    }

    // The cart gets one unit of `productId`, then POST /api/orders: both outcomes (the order's
    // only when the cart's succeeded).
    [[nodiscard]] QList<Outcome> checkout(const QString &productId, int timeoutMs = 30000) const
    {
        QList<Outcome> outcomes;
        outcomes.append(
            request("cart", "POST", "/api/cart/items",
                    {{QStringLiteral("product_id"), productId}, {QStringLiteral("quantity"), 1}},
                    {}, nullptr, timeoutMs));
        if (outcomes.last().status != 201 && outcomes.last().status != 200) {
            return outcomes;
        }
        outcomes.append(request(
            "order", "POST", "/api/orders", {{QStringLiteral("shipping_address"), address()}},
            QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1(), nullptr, timeoutMs));
        return outcomes;
    }

private:
    quint16 m_port;
    QByteArray m_token;
};

} // namespace Shop::Tests
