#pragma once

#include <QWidget>

#include <functional>

class QLabel;

namespace Shop::Client {
class CatalogClient;
} // namespace Shop::Client

namespace Shop::Widgets {
class AppContext;
class Retranslator;
} // namespace Shop::Widgets

namespace Shop::Admin {

// Catalog figures from the API (products, in stock, out of stock, categories); sales figures
// arrive with the orders feature and the page says so.
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    explicit DashboardPage(Widgets::AppContext &context, QWidget *parent = nullptr);

    void refresh();
    [[nodiscard]] QString figure(const QString &name) const; // for tests: "products", ...

private:
    QLabel *addTile(const QString &name, const std::function<QString()> &title);
    void setFigure(QLabel *label, qint64 value);
    void showError(const QString &message);

    Widgets::AppContext &m_context;
    Client::CatalogClient *m_catalog;
    Widgets::Retranslator *m_retranslator = nullptr;
    QWidget *m_tiles;
    QLabel *m_products;
    QLabel *m_inStock;
    QLabel *m_outOfStock;
    QLabel *m_categories;
    QLabel *m_error;
};

} // namespace Shop::Admin
