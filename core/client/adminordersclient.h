#pragma once

#include "client/adminusersclient.h" // AuditEntry, AuditFilter
#include "client/apiclient.h"
#include "commerce/orderstatus.h"
#include "commerce/views.h"
#include "error.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <optional>

namespace Shop::Client {

// GET /api/admin/orders: which orders, one keyset page at a time (newest first).
struct AdminOrderFilter
{
    std::optional<Commerce::OrderStatus> status;
    QDateTime from; // created at or after; invalid: no bound
    QDateTime to; // created before; invalid: no bound
    QString email; // the customer's email, exact (any case)
    QString number; // an order number
    QString after; // the previous page's next_cursor; empty: the first page
    int limit = 50; // 1..200

    [[nodiscard]] QByteArray toQueryString() const;
    friend bool operator==(const AdminOrderFilter &, const AdminOrderFilter &) = default;
};

// One keyset page: the orders and the cursor of the next page (empty on the last page).
struct AdminOrderPage
{
    QList<Commerce::OrderSummary> items;
    int limit = 0;
    QString nextCursor;
};

// PUT /api/admin/orders/{id}/status
struct OrderStatusChange
{
    Commerce::OrderStatus to = Commerce::OrderStatus::Processing;
    QString reason; // optional, up to 500 characters
    QString carrier; // shipped only, optional
    QString trackingNumber; // shipped only, optional

    [[nodiscard]] QJsonObject toJson() const;
};

// The staff's calls on orders (role admin; a customer gets Forbidden): list with filters and
// keyset paging, one order with the customer's email, a status change (Conflict when the order's
// state machine has no such transition from where the order is now, Forbidden when it is not
// staff's to make), and the order's audit entries (GET /api/admin/audit?target=<order id>).
class AdminOrdersClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminOrdersClient)

public:
    using RequestId = ApiClient::RequestId;
    template<typename T>
    using Callback = ApiClient::Callback<T>;

    static constexpr int kMaxPageSize = 200; // the API's limit

    explicit AdminOrdersClient(ApiClient *api, QObject *parent = nullptr);

    // `supersede`: a newer list call cancels an older one still in flight (the table's search).
    RequestId orders(const AdminOrderFilter &filter, const QObject *context,
                     Callback<AdminOrderPage> done, bool supersede = true);
    RequestId order(const QString &id, const QObject *context, Callback<Commerce::OrderView> done);
    RequestId setStatus(const QString &id, const OrderStatusChange &change, const QObject *context,
                        Callback<Commerce::OrderView> done);
    // The audit log entries whose target is the order, newest first (up to 100).
    RequestId audit(const QString &orderId, const QObject *context,
                    Callback<Page<AuditEntry>> done);

    void cancel(RequestId id);

private:
    QPointer<ApiClient> m_api;
    AdminUsersClient *m_auditClient;
};

} // namespace Shop::Client
