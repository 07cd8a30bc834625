#include "dashboard.h"

#include "db/database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMap>

namespace Shop::Events {

namespace {

constexpr int kDays = 30;
constexpr int kLowStockLimit = 20;
constexpr int kTopProducts = 10;

QJsonObject money(qint64 amount, const QString &currency)
{
    return {{QStringLiteral("amount"), amount}, {QStringLiteral("currency"), currency}};
}

QJsonObject sales(qint64 orders, qint64 revenue, const QString &currency)
{
    // Rounded half up (revenue and orders are never negative once summed).
    const qint64 average = orders > 0 ? (revenue + orders / 2) / orders : 0;
    return {{QStringLiteral("orders"), orders},
            {QStringLiteral("revenue"), money(revenue, currency)},
            {QStringLiteral("average_order"), money(average, currency)}};
}

} // namespace

Result<QJsonObject> readDashboard(QSqlDatabase &db, const QString &currency, int lowStockThreshold,
                                  QDate today)
{
    const QDate first = today.addDays(-(kDays - 1));
    QMap<QDate, std::pair<qint64, qint64>> perDay;
    {
        auto q = Db::run(db,
                         QStringLiteral("SELECT day, sum(orders), sum(revenue) "
                                        "FROM dashboard_daily_sales WHERE day BETWEEN ? AND ? "
                                        "GROUP BY day"),
                         {first, today});
        if (!q) {
            return fail(q.error());
        }
        while ((*q)->next()) {
            perDay.insert((*q)->value(0).toDate(),
                          {(*q)->value(1).toLongLong(), (*q)->value(2).toLongLong()});
        }
    }
    QJsonArray daily;
    qint64 orders7 = 0, revenue7 = 0, orders30 = 0, revenue30 = 0;
    for (int i = 0; i < kDays; ++i) {
        const QDate day = first.addDays(i);
        const auto [orders, revenue] = perDay.value(day, {0, 0});
        daily.append(QJsonObject {{QStringLiteral("date"), day.toString(Qt::ISODate)},
                                  {QStringLiteral("orders"), orders},
                                  {QStringLiteral("revenue"), revenue}});
        orders30 += orders;
        revenue30 += revenue;
        if (i >= kDays - 7) {
            orders7 += orders;
            revenue7 += revenue;
        }
    }
    const auto [ordersToday, revenueToday] = perDay.value(today, {0, 0});

    QJsonObject byStatus;
    for (const char *status :
         {"pending", "paid", "processing", "shipped", "delivered", "cancelled"}) {
        byStatus.insert(QLatin1StringView(status), 0);
    }
    {
        auto q = Db::run(db,
                         QStringLiteral("SELECT status, sum(orders) FROM dashboard_status_counts "
                                        "GROUP BY status"));
        if (!q) {
            return fail(q.error());
        }
        while ((*q)->next()) {
            byStatus.insert((*q)->value(0).toString(), (*q)->value(1).toLongLong());
        }
    }

    QJsonArray lowStock;
    {
        auto q = Db::run(db,
                         QStringLiteral("SELECT p.id, p.sku, p.name, w.stock_quantity "
                                        "FROM product_stock_watch w "
                                        "JOIN products p ON p.id = w.product_id "
                                        "WHERE p.is_active AND w.stock_quantity <= ? "
                                        "ORDER BY w.stock_quantity, w.product_id LIMIT ?"),
                         {lowStockThreshold, kLowStockLimit});
        if (!q) {
            return fail(q.error());
        }
        while ((*q)->next()) {
            lowStock.append(
                QJsonObject {{QStringLiteral("product_id"), (*q)->value(0).toString()},
                             {QStringLiteral("sku"), (*q)->value(1).toString()},
                             {QStringLiteral("name"), (*q)->value(2).toString()},
                             {QStringLiteral("stock_quantity"), (*q)->value(3).toInt()}});
        }
    }

    QJsonArray top;
    {
        // The window table (0013) when its first day is ours; otherwise (between midnight UTC
        // and the housekeeping roll, or a clock that differs from the one that rolled) the sum
        // of the product-day rows, exact but slower.
        auto start = Db::run(db, QStringLiteral("SELECT window_start FROM dashboard_top_window"));
        if (!start) {
            return fail(start.error());
        }
        const bool current = (*start)->next() && (*start)->value(0).toDate() == first;
        auto q = current
            ? Db::run(db,
                      QStringLiteral("SELECT t.product_id, p.sku, p.name, t.units, t.revenue "
                                     "FROM shop_dashboard_top_products(?) AS t "
                                     "JOIN products p ON p.id = t.product_id "
                                     "ORDER BY t.units DESC, t.revenue DESC, t.product_id"),
                      {kTopProducts})
            : Db::run(
                db,
                QStringLiteral(
                    "SELECT t.product_id, p.sku, p.name, t.units, t.revenue "
                    "FROM (SELECT product_id, sum(units) AS units, sum(revenue) AS revenue "
                    "      FROM dashboard_product_daily WHERE day BETWEEN ? AND ? "
                    "      GROUP BY product_id HAVING sum(units) > 0 "
                    "      ORDER BY sum(units) DESC, sum(revenue) DESC, product_id LIMIT ?) AS t "
                    "JOIN products p ON p.id = t.product_id "
                    "ORDER BY t.units DESC, t.revenue DESC, t.product_id"),
                {first, today, kTopProducts});
        if (!q) {
            return fail(q.error());
        }
        while ((*q)->next()) {
            top.append(QJsonObject {{QStringLiteral("product_id"), (*q)->value(0).toString()},
                                    {QStringLiteral("sku"), (*q)->value(1).toString()},
                                    {QStringLiteral("name"), (*q)->value(2).toString()},
                                    {QStringLiteral("units"), (*q)->value(3).toLongLong()},
                                    {QStringLiteral("revenue"), (*q)->value(4).toLongLong()}});
        }
    }

    return QJsonObject {
        {QStringLiteral("currency"), currency},
        {QStringLiteral("generated_at"),
         QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("sales"),
         QJsonObject {{QStringLiteral("today"), sales(ordersToday, revenueToday, currency)},
                      {QStringLiteral("last_7_days"), sales(orders7, revenue7, currency)},
                      {QStringLiteral("last_30_days"), sales(orders30, revenue30, currency)}}},
        {QStringLiteral("daily"), daily},
        {QStringLiteral("orders_by_status"), byStatus},
        {QStringLiteral("low_stock"), lowStock},
        {QStringLiteral("top_products"), top},
    };
}

Result<qint64> rollDashboardWindow(QSqlDatabase &db, QDate today)
{
    auto q = Db::run(db, QStringLiteral("SELECT shop_dashboard_roll(?)"), {today});
    if (!q) {
        return fail(q.error());
    }
    return (*q)->next() ? (*q)->value(0).toLongLong() : 0;
}

} // namespace Shop::Events
