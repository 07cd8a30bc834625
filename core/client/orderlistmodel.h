#pragma once

#include "client/ordersclient.h"
#include "commerce/views.h"
#include "error.h"

#include <QAbstractTableModel>
#include <QLocale>
#include <QPointer>

namespace Shop::Client {

// The signed-in customer's orders from GET /api/orders (newest first) for the storefront's "My
// orders" table, loaded page by page as the view scrolls (canFetchMore / fetchMore), as
// UserListModel does for the admin's customers. updateOrder() puts a status the server just
// returned (after a cancel) into its row. data() only reads memory.
class OrderListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderListModel)

public:
    enum Column { NumberColumn, DateColumn, StatusColumn, ItemsColumn, TotalColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole + 1, // QString
        NumberRole, // QString
        StatusRole, // int (Commerce::OrderStatus)
        TotalMinorRole, // qint64
    };
    Q_ENUM(Role)

    enum class State { Idle, Loading, Ready, Failed };
    Q_ENUM(State)

    explicit OrderListModel(OrdersClient *client, QObject *parent = nullptr);
    ~OrderListModel() override;

    void setPageSize(int rows);
    [[nodiscard]] int pageSize() const { return m_pageSize; }
    // Loads the first page again (the rows on show stay until it arrives).
    void reload();
    void retry(); // after Failed: repeats the page that failed
    // Forgets every row (signing out).
    void clear();
    // The language changed: headers, statuses, dates and amounts follow.
    void retranslate();

    // Replaces the status (and total) of `order.id`'s row, when loaded.
    void updateOrder(const Commerce::OrderView &order);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const Error &lastError() const { return m_error; }
    [[nodiscard]] qint64 totalCount() const { return m_total; } // -1 until the first page
    [[nodiscard]] int loadedPages() const { return m_loadedPages; }
    [[nodiscard]] const Commerce::OrderSummary *orderAt(int row) const;
    [[nodiscard]] int rowOf(const QString &id) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void stateChanged(Shop::Client::OrderListModel::State state);
    void pageLoaded(int page);

private:
    void requestPage(int page);
    void applyPage(quint64 generation, int page, Result<Page<Commerce::OrderSummary>> result);
    void setState(State state);

    QPointer<OrdersClient> m_client;
    QLocale m_locale;
    int m_pageSize = 20;
    int m_limit = 20; // the page size of the pages loaded so far
    QList<Commerce::OrderSummary> m_orders;
    qint64 m_total = -1;
    int m_loadedPages = 0;
    quint64 m_generation = 0;
    OrdersClient::RequestId m_request = 0;
    State m_state = State::Idle;
    Error m_error;
};

} // namespace Shop::Client
