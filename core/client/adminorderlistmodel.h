#pragma once

#include "client/adminordersclient.h"
#include "commerce/views.h"
#include "error.h"

#include <QAbstractTableModel>
#include <QLocale>
#include <QPointer>

namespace Shop::Client {

// The orders from GET /api/admin/orders for the admin console's Orders table, newest first,
// loaded one keyset page at a time as the view scrolls (canFetchMore / fetchMore with the
// previous page's next_cursor).
//
// refresh() asks again for the first rows (as many as are on show plus a page for new orders, up
// to the API's 200) and merges the answer into the table: rows that went away are removed, new
// ones inserted where they belong, changed ones updated; rows pushed beyond the answer's end come
// back with the next fetchMore(). Rows are never reset by a refresh, so a view keeps its selection
// and scroll position. updateOrder() puts an order the server just returned (after a status change)
// into its row. data() only reads memory.
class AdminOrderListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminOrderListModel)

public:
    enum Column {
        NumberColumn,
        StatusColumn,
        CustomerColumn,
        TotalColumn,
        ItemsColumn,
        CreatedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole + 1, // QString
        NumberRole, // QString
        StatusRole, // int (Commerce::OrderStatus)
        EmailRole, // QString
    };
    Q_ENUM(Role)

    enum class State { Idle, Loading, Ready, Failed };
    Q_ENUM(State)

    explicit AdminOrderListModel(AdminOrdersClient *client, QObject *parent = nullptr);
    ~AdminOrderListModel() override;

    // Starts over with a new filter (its `after` and `limit` are ignored: the model pages
    // itself). The old rows stay until the first page of the new filter arrives.
    void setFilter(const AdminOrderFilter &filter);
    [[nodiscard]] const AdminOrderFilter &filter() const { return m_filter; }
    void setPageSize(int rows);
    [[nodiscard]] int pageSize() const { return m_pageSize; }
    // Asks again for the rows loaded so far and merges the answer (see above).
    void refresh();
    void retry(); // after Failed: repeats what failed
    void retranslate();

    // Replaces the row of `order.id` (when loaded) with the order's summary.
    void updateOrder(const Commerce::OrderView &order);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const Error &lastError() const { return m_error; }
    [[nodiscard]] bool hasMore() const { return !m_nextCursor.isEmpty(); }
    [[nodiscard]] const Commerce::OrderSummary *orderAt(int row) const;
    [[nodiscard]] int rowOf(const QString &id) const;

    [[nodiscard]] static QString statusText(Commerce::OrderStatus status);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void stateChanged(Shop::Client::AdminOrderListModel::State state);
    // A page (first: the first page of a filter) or a refresh arrived.
    void loaded();

private:
    enum class Request { First, Next, Refresh };

    void send(Request kind);
    void apply(quint64 generation, Request kind, Result<AdminOrderPage> result);
    void merge(QList<Commerce::OrderSummary> fresh);
    void setState(State state);

    QPointer<AdminOrdersClient> m_client;
    AdminOrderFilter m_filter;
    QLocale m_locale;
    int m_pageSize = 50;
    QList<Commerce::OrderSummary> m_orders;
    QString m_nextCursor;
    quint64 m_generation = 0;
    AdminOrdersClient::RequestId m_request = 0;
    Request m_failed = Request::First;
    State m_state = State::Idle;
    Error m_error;
};

} // namespace Shop::Client
