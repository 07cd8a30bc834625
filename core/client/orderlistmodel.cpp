#include "client/orderlistmodel.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcOrderList, "shop.client.orderlist", QtInfoMsg)

namespace Shop::Client {

OrderListModel::OrderListModel(OrdersClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{ }

OrderListModel::~OrderListModel()
{
    if (m_client && m_request != 0) {
        m_client->cancel(m_request);
    }
}

void OrderListModel::setPageSize(int rows)
{
    m_pageSize = std::clamp(rows, 1, OrdersClient::kMaxPageSize);
}

void OrderListModel::retranslate()
{
    m_locale = QLocale();
    if (!m_orders.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void OrderListModel::reload()
{
    ++m_generation;
    m_loadedPages = 0;
    m_limit = m_pageSize;
    requestPage(1);
}

void OrderListModel::retry()
{
    if (m_state == State::Failed) {
        requestPage(m_loadedPages + 1);
    }
}

void OrderListModel::clear()
{
    ++m_generation;
    if (m_client && m_request != 0) {
        m_client->cancel(m_request);
    }
    m_request = 0;
    beginResetModel();
    m_orders.clear();
    endResetModel();
    m_total = -1;
    m_loadedPages = 0;
    setState(State::Idle);
}

void OrderListModel::requestPage(int page)
{
    if (!m_client) {
        return;
    }
    if (m_request != 0) {
        m_client->cancel(m_request);
    }
    setState(State::Loading);
    const quint64 generation = m_generation;
    qCDebug(lcOrderList) << "requesting page" << page;
    m_request = m_client->orders(
        page, m_limit, this, [this, generation, page](Result<Page<Commerce::OrderSummary>> result) {
            applyPage(generation, page, std::move(result));
        });
}

void OrderListModel::applyPage(quint64 generation, int page,
                               Result<Page<Commerce::OrderSummary>> result)
{
    if (generation != m_generation) {
        return;
    }
    m_request = 0;
    if (!result) {
        m_error = result.error();
        if (page == 1 && !m_orders.isEmpty()) {
            beginResetModel();
            m_orders.clear();
            endResetModel();
        }
        if (page == 1) {
            m_total = -1;
        }
        setState(State::Failed);
        return;
    }
    QList<Commerce::OrderSummary> fresh;
    for (Commerce::OrderSummary &order : result->items) {
        // Pages overlap when orders are placed between requests (newest first).
        if (page == 1 || rowOf(order.id) < 0) {
            fresh.append(std::move(order));
        }
    }
    if (page == 1) {
        beginResetModel();
        m_orders = std::move(fresh);
        endResetModel();
    } else if (!fresh.isEmpty()) {
        const int first = int(m_orders.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        m_orders.append(std::move(fresh));
        endInsertRows();
    }
    m_loadedPages = page;
    m_total = result->total;
    setState(State::Ready);
    Q_EMIT pageLoaded(page);
}

void OrderListModel::setState(State state)
{
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

void OrderListModel::updateOrder(const Commerce::OrderView &order)
{
    const int row = rowOf(order.id);
    if (row < 0) {
        return;
    }
    Commerce::OrderSummary &summary = m_orders[row];
    summary.status = order.status;
    summary.total = order.totals.total;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const Commerce::OrderSummary *OrderListModel::orderAt(int row) const
{
    return row >= 0 && row < m_orders.size() ? &m_orders.at(row) : nullptr;
}

int OrderListModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_orders.size(); ++row) {
        if (m_orders.at(row).id == id) {
            return row;
        }
    }
    return -1;
}

int OrderListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

int OrderListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant OrderListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Commerce::OrderSummary &o = m_orders.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return o.number;
        case DateColumn:
            return m_locale.toString(o.createdAt.toLocalTime(), QLocale::ShortFormat);
        case StatusColumn:
            return OrdersClient::statusText(o.status);
        case ItemsColumn:
            return m_locale.toString(o.itemCount);
        case TotalColumn:
            return o.total.format(m_locale);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == ItemsColumn || index.column() == TotalColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case Qt::ToolTipRole:
        return tr("Order %1, placed %2")
            .arg(o.number, m_locale.toString(o.createdAt.toLocalTime(), QLocale::LongFormat));
    case IdRole:
        return o.id;
    case NumberRole:
        return o.number;
    case StatusRole:
        return int(o.status);
    case TotalMinorRole:
        return o.total.minorUnits();
    default:
        return {};
    }
}

QVariant OrderListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NumberColumn:
        return tr("Order");
    case DateColumn:
        return tr("Date");
    case StatusColumn:
        return tr("Status");
    case ItemsColumn:
        return tr("Items");
    case TotalColumn:
        return tr("Total");
    default:
        return {};
    }
}

bool OrderListModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_state != State::Ready || m_loadedPages == 0) {
        return false;
    }
    return qint64(m_loadedPages) * m_limit < m_total;
}

void OrderListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent)) {
        requestPage(m_loadedPages + 1);
    }
}

} // namespace Shop::Client
