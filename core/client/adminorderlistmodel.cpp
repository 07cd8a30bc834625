#include "client/adminorderlistmodel.h"
#include "client/ordersclient.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

Q_LOGGING_CATEGORY(lcAdminOrderList, "shop.client.adminorderlist", QtInfoMsg)

namespace Shop::Client {

using Commerce::OrderStatus;
using Commerce::OrderSummary;

AdminOrderListModel::AdminOrderListModel(AdminOrdersClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{ }

AdminOrderListModel::~AdminOrderListModel()
{
    if (m_client && m_request != 0) {
        m_client->cancel(m_request);
    }
}

void AdminOrderListModel::setPageSize(int rows)
{
    m_pageSize = std::clamp(rows, 1, AdminOrdersClient::kMaxPageSize);
}

void AdminOrderListModel::retranslate()
{
    m_locale = QLocale();
    if (!m_orders.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void AdminOrderListModel::setFilter(const AdminOrderFilter &filter)
{
    m_filter = filter;
    m_filter.after.clear();
    ++m_generation;
    send(Request::First);
}

void AdminOrderListModel::refresh()
{
    if (m_orders.isEmpty() || m_state == State::Failed) {
        setFilter(m_filter); // nothing to keep
        return;
    }
    ++m_generation; // a page still coming would not fit the refreshed rows
    send(Request::Refresh);
}

void AdminOrderListModel::retry()
{
    if (m_state == State::Failed) {
        send(m_failed);
    }
}

void AdminOrderListModel::send(Request kind)
{
    if (!m_client) {
        return;
    }
    if (m_request != 0) {
        m_client->cancel(m_request);
    }
    setState(State::Loading);
    AdminOrderFilter page = m_filter;
    page.limit = m_pageSize;
    if (kind == Request::Next) {
        page.after = m_nextCursor;
    } else if (kind == Request::Refresh) {
        // The rows on show and room for a page of new orders above them.
        page.limit = std::clamp(int(m_orders.size()) + m_pageSize, m_pageSize,
                                AdminOrdersClient::kMaxPageSize);
    }
    const quint64 generation = m_generation;
    qCDebug(lcAdminOrderList) << "requesting" << int(kind) << page.limit;
    m_request =
        m_client->orders(page, this, [this, generation, kind](Result<AdminOrderPage> result) {
            apply(generation, kind, std::move(result));
        });
}

void AdminOrderListModel::apply(quint64 generation, Request kind, Result<AdminOrderPage> result)
{
    if (generation != m_generation) {
        return;
    }
    m_request = 0;
    if (!result) {
        m_error = result.error();
        m_failed = kind;
        if (kind == Request::First && !m_orders.isEmpty()) {
            beginResetModel(); // the rows on show answer an older filter
            m_orders.clear();
            endResetModel();
            m_nextCursor.clear();
        }
        setState(State::Failed);
        return;
    }
    switch (kind) {
    case Request::First:
        beginResetModel();
        m_orders = std::move(result->items);
        endResetModel();
        break;
    case Request::Next: {
        QList<OrderSummary> fresh;
        for (OrderSummary &order : result->items) {
            if (rowOf(order.id) < 0) {
                fresh.append(std::move(order));
            }
        }
        if (!fresh.isEmpty()) {
            const int first = int(m_orders.size());
            beginInsertRows({}, first, first + int(fresh.size()) - 1);
            m_orders.append(std::move(fresh));
            endInsertRows();
        }
        break;
    }
    case Request::Refresh:
        merge(std::move(result->items));
        break;
    }
    m_nextCursor = result->nextCursor;
    setState(State::Ready);
    Q_EMIT loaded();
}

void AdminOrderListModel::merge(QList<OrderSummary> fresh)
{
    // Both lists are in the server's order (newest first), which never changes for two orders:
    // after removing what is gone, the rows left are a subsequence of `fresh`.
    QSet<QString> freshIds;
    for (const OrderSummary &order : fresh) {
        freshIds.insert(order.id);
    }
    for (int row = int(m_orders.size()) - 1; row >= 0; --row) {
        if (!freshIds.contains(m_orders.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_orders.removeAt(row);
            endRemoveRows();
        }
    }
    for (int row = 0; row < fresh.size(); ++row) {
        if (row < m_orders.size() && m_orders.at(row).id == fresh.at(row).id) {
            if (!(m_orders.at(row) == fresh.at(row))) {
                m_orders[row] = fresh.at(row);
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            continue;
        }
        beginInsertRows({}, row, row);
        m_orders.insert(row, fresh.at(row));
        endInsertRows();
    }
}

void AdminOrderListModel::setState(State state)
{
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

void AdminOrderListModel::updateOrder(const Commerce::OrderView &order)
{
    const int row = rowOf(order.id);
    if (row < 0) {
        return;
    }
    OrderSummary &summary = m_orders[row];
    summary.status = order.status;
    summary.total = order.totals.total;
    summary.itemCount = order.totals.itemCount;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const OrderSummary *AdminOrderListModel::orderAt(int row) const
{
    return row >= 0 && row < m_orders.size() ? &m_orders.at(row) : nullptr;
}

int AdminOrderListModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_orders.size(); ++row) {
        if (m_orders.at(row).id == id) {
            return row;
        }
    }
    return -1;
}

QString AdminOrderListModel::statusText(OrderStatus status)
{
    return OrdersClient::statusText(status);
}

int AdminOrderListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

int AdminOrderListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant AdminOrderListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const OrderSummary &o = m_orders.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return o.number;
        case StatusColumn:
            return statusText(o.status);
        case CustomerColumn:
            return o.customerEmail;
        case TotalColumn:
            return o.total.format(m_locale);
        case ItemsColumn:
            return m_locale.toString(o.itemCount);
        case CreatedColumn:
            return m_locale.toString(o.createdAt.toLocalTime(), QLocale::ShortFormat);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == TotalColumn || index.column() == ItemsColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case IdRole:
        return o.id;
    case NumberRole:
        return o.number;
    case StatusRole:
        return int(o.status);
    case EmailRole:
        return o.customerEmail;
    default:
        return {};
    }
}

QVariant AdminOrderListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NumberColumn:
        return tr("Number");
    case StatusColumn:
        return tr("Status");
    case CustomerColumn:
        return tr("Customer");
    case TotalColumn:
        return tr("Total");
    case ItemsColumn:
        return tr("Items");
    case CreatedColumn:
        return tr("Created");
    default:
        return {};
    }
}

bool AdminOrderListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_state == State::Ready && !m_nextCursor.isEmpty();
}

void AdminOrderListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent)) {
        send(Request::Next);
    }
}

} // namespace Shop::Client
