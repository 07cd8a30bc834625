#pragma once

#include "catalog/product.h" // Shop::Page
#include "client/apiclient.h"
#include "client/usermessages.h"
#include "commerce/views.h"
#include "error.h"

#include <QObject>
#include <QPointer>

namespace Shop::Client {

// The signed-in customer's own orders (docs/orders.md): the list (newest first, one page at a
// time), one order with its items, address snapshot and history, and cancelling one while it is
// pending or paid. Answers are read with core/serialize/commercejson.h. Errors arrive as the
// server's: NotFound for an unknown order or another customer's, Conflict when the order moved on
// and can no longer be cancelled, Forbidden while it is processing (only staff may cancel then),
// Unauthorized when signed out, Unavailable/Timeout when the server cannot be reached.
class OrdersClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersClient)

public:
    using RequestId = ApiClient::RequestId;
    template<typename T>
    using Callback = ApiClient::Callback<T>;

    static constexpr int kMaxPageSize = 100; // the API's limit

    explicit OrdersClient(ApiClient *api, QObject *parent = nullptr);

    // GET /api/orders?page=&limit=
    RequestId orders(int page, int limit, const QObject *context,
                     Callback<Page<Commerce::OrderSummary>> done);
    // GET /api/orders/{id}
    RequestId order(const QString &id, const QObject *context, Callback<Commerce::OrderView> done);
    // PUT /api/orders/{id}/cancel {"reason"} (reason omitted when empty): the cancelled order.
    RequestId cancelOrder(const QString &id, const QString &reason, const QObject *context,
                          Callback<Commerce::OrderView> done);

    void cancel(RequestId id);

    // An error of these calls as the customer reads it: a missing order and an order that can
    // no longer be cancelled get their own words; the rest as UserMessages::describe().
    [[nodiscard]] static UserMessages::Text describe(const Error &error, const QUrl &server);

    // The translated name of a status ("Pending", "Cancelled", ...).
    [[nodiscard]] static QString statusText(Commerce::OrderStatus status);

private:
    RequestId send(const ApiRequest &request, const QObject *context, Callback<ApiResponse> done);

    QPointer<ApiClient> m_api;
};

} // namespace Shop::Client
