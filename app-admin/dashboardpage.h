#pragma once

#include <QWidget>

class QLabel;

namespace Shop::Client {
class AppContext;
}

namespace Shop::Admin {

// Catalog figures from the API (products, in stock, out of stock, categories); sales figures
// arrive with the orders feature and the page says so.
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    explicit DashboardPage(Client::AppContext &context, QWidget *parent = nullptr);

    void refresh();
    [[nodiscard]] QString figure(const QString &name) const; // for tests: "products", ...

private:
    QLabel *addTile(const QString &name, const QString &title);
    void setFigure(QLabel *label, qint64 value);
    void showError(const QString &message);

    Client::AppContext &m_context;
    QWidget *m_tiles;
    QLabel *m_products;
    QLabel *m_inStock;
    QLabel *m_outOfStock;
    QLabel *m_categories;
    QLabel *m_error;
};

} // namespace Shop::Admin
