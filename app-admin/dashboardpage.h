#pragma once

#include "client/dashboardclient.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QTableWidget;

namespace Shop::Client {
class AdminEvents;
class CatalogClient;
class DashboardClient;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class Retranslator;
} // namespace Shop::Widgets

namespace Shop::Admin {

// The 30-day revenue as bars, painted (no chart library needed): one bar per day, oldest left,
// the highest day's revenue at the top; the tooltip names the day under the mouse.
class RevenueChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RevenueChart)

public:
    explicit RevenueChart(QWidget *parent = nullptr);

    void setDays(const QList<Client::DailySales> &days, const Currency &currency);
    [[nodiscard]] const QList<Client::DailySales> &days() const { return m_days; }
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    [[nodiscard]] QRectF plotArea() const;
    [[nodiscard]] int dayAt(QPointF position) const;

    QList<Client::DailySales> m_days;
    Currency m_currency;
};

// The dashboard: sales today, in the last 7 and 30 days (orders, revenue, average order), the
// orders by status, the 30-day revenue chart, low-stock and top products (GET
// /api/admin/dashboard), and the catalog's figures (products, in stock, out of stock,
// categories). With a live feed (setEvents) it refreshes itself after `dashboard.changed`, order
// events and `reset`, at most once per kLiveDelay while shown (hidden, once when shown again);
// Refresh (and F5) asks at once.
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    static constexpr std::chrono::milliseconds kLiveDelay {400};

    explicit DashboardPage(Widgets::AppContext &context, QWidget *parent = nullptr);

    void setEvents(Client::AdminEvents *events);
    void refresh();
    // For tests: "products", "inStock", "outOfStock", "categories", and the sales figures
    // "todayOrders", "todayRevenue", "todayAverage", "weekOrders", ..., "monthOrders", ...,
    // "status_pending", "status_paid", ... as shown.
    [[nodiscard]] QString figure(const QString &name) const;
    // The last dashboard the server sent.
    [[nodiscard]] const std::optional<Client::Dashboard> &dashboard() const { return m_data; }
    [[nodiscard]] RevenueChart *chart() const { return m_chart; }
    [[nodiscard]] QTableWidget *lowStockTable() const { return m_lowStock; }
    [[nodiscard]] QTableWidget *topProductsTable() const { return m_topProducts; }
    // How many dashboard answers arrived (tests).
    [[nodiscard]] int loadCount() const { return m_loads; }

Q_SIGNALS:
    void dashboardLoaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QLabel *addTile(QWidget *tiles, const QString &name, const std::function<QString()> &title);
    void setFigure(QLabel *label, qint64 value);
    void showError(const QString &message);
    void refreshSales();
    void showDashboard();
    void scheduleLive();

    Widgets::AppContext &m_context;
    Client::CatalogClient *m_catalog;
    Client::DashboardClient *m_client;
    Widgets::Retranslator *m_retranslator = nullptr;
    QTimer m_liveDelay;
    QWidget *m_tiles;
    QWidget *m_salesTiles;
    QWidget *m_statusTiles;
    QLabel *m_products;
    QLabel *m_inStock;
    QLabel *m_outOfStock;
    QLabel *m_categories;
    QLabel *m_updated;
    QLabel *m_error;
    RevenueChart *m_chart;
    QTableWidget *m_lowStock;
    QTableWidget *m_topProducts;
    std::optional<Client::Dashboard> m_data;
    int m_loads = 0;
    bool m_stale = false; // live events came while hidden: refetch when shown
};

} // namespace Shop::Admin
