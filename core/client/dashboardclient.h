#pragma once

#include "client/apiclient.h"
#include "error.h"
#include "money.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Shop::Client {

// GET /api/admin/dashboard (docs/events.md): the console's figures.
struct SalesFigures
{
    qint64 orders = 0;
    Money revenue;
    Money averageOrder;
};

struct DailySales
{
    QDate date;
    qint64 orders = 0;
    qint64 revenue = 0; // minor units of Dashboard::currency
};

struct LowStockProduct
{
    QString productId;
    QString sku;
    QString name;
    qint64 stockQuantity = 0;
};

struct TopProduct
{
    QString productId;
    QString sku;
    QString name;
    qint64 units = 0;
    qint64 revenue = 0; // minor units of Dashboard::currency
};

struct Dashboard
{
    Currency currency;
    QDateTime generatedAt;
    SalesFigures today;
    SalesFigures last7Days;
    SalesFigures last30Days;
    QList<DailySales> daily; // oldest first
    QMap<QString, qint64> ordersByStatus; // wire status name -> count
    QList<LowStockProduct> lowStock;
    QList<TopProduct> topProducts;

    // Internal when the answer lacks the `sales` object or its figures.
    [[nodiscard]] static Result<Dashboard> fromJson(const QJsonObject &json);
};

// The dashboard call (role admin; a customer gets Forbidden).
class DashboardClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardClient)

public:
    using RequestId = ApiClient::RequestId;

    explicit DashboardClient(ApiClient *api, QObject *parent = nullptr);

    // A newer call cancels an older one still in flight.
    RequestId dashboard(const QObject *context, ApiClient::Callback<Dashboard> done);

private:
    QPointer<ApiClient> m_api;
};

} // namespace Shop::Client
