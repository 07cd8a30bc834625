#pragma once

#include <QDialog>
#include <QPointer>
#include <QTimer>

#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace Shop::Client {
class AdminOrdersClient;
class AdminUsersClient;
class ApiClient;
class CatalogClient;
} // namespace Shop::Client

namespace Shop::Admin {

// The command palette (Ctrl+K): type to find an action of the window (every enabled QAction with
// text, menus and pages included), a product (GET /api/products?search=), an order (by its
// number, GET /api/admin/orders?number=) or a customer (GET /api/admin/users?search=); Up and
// Down choose, Enter opens the product, order or customer in its section or triggers the action,
// Escape closes. Actions are matched at once (every word of the text in the action's name, any
// case); the server is asked kSearchDelay after typing stops, and older answers are dropped.
class CommandPalette final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandPalette)

public:
    static constexpr std::chrono::milliseconds kSearchDelay {200};
    static constexpr int kMaxPerKind = 5;

    enum class Kind { Action, Product, Order, Customer };
    Q_ENUM(Kind)

    struct Hit
    {
        Kind kind = Kind::Action;
        QString id; // product, order or user id
        QString key; // SKU, order number, email
        QPointer<QAction> action;
    };
    // Opens a product, order or customer (the window's sections).
    using Opener = std::function<void(const Hit &)>;

    CommandPalette(Client::ApiClient *api, QWidget *actionsOf, Opener open,
                   QWidget *parent = nullptr);

    // Shows the palette empty and focused.
    void popup();
    [[nodiscard]] QLineEdit *input() const { return m_input; }
    [[nodiscard]] QListWidget *results() const { return m_results; }
    // The hits on show, in order (tests).
    [[nodiscard]] QList<Hit> hits() const;
    // Whether the server's answers for the current text arrived.
    [[nodiscard]] bool isSearching() const { return m_pending > 0 || m_delay.isActive(); }
    // Opens or triggers the chosen hit and closes.
    void activateCurrent();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void textChanged();
    void search();
    void rebuild();
    void addHit(const Hit &hit, const QString &text, const QString &detail);

    Client::CatalogClient *m_catalog;
    Client::AdminOrdersClient *m_orders;
    Client::AdminUsersClient *m_users;
    QPointer<QWidget> m_actionsOf;
    Opener m_open;
    QLineEdit *m_input;
    QListWidget *m_results;
    QLabel *m_hint;
    QTimer m_delay;
    quint64 m_generation = 0;
    int m_pending = 0;
    struct Found
    {
        Hit hit;
        QString text;
        QString detail;
    };
    QList<Found> m_remote; // products, orders, customers for the current text
    QList<Hit> m_hits; // as listed
};

} // namespace Shop::Admin
