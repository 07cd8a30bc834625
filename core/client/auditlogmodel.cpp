#include "client/auditlogmodel.h"

#include "client/userlistmodel.h"

#include <QJsonValue>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAudit, "shop.client.audit", QtInfoMsg)

namespace Shop::Client {

namespace {

QString valueText(const QString &field, const QJsonValue &value)
{
    if (field == QLatin1String("is_active") && value.isBool()) {
        return UserListModel::statusText(value.toBool());
    }
    if (field == QLatin1String("role") && value.isString()) {
        return UserListModel::roleText(value.toString());
    }
    if (value.isUndefined() || value.isNull()) {
        return AuditLogModel::tr("(none)");
    }
    return value.toVariant().toString();
}

} // namespace

AuditLogModel::AuditLogModel(AdminUsersClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{ }

AuditLogModel::~AuditLogModel()
{
    if (m_client && m_request != 0) {
        m_client->cancel(m_request);
    }
}

void AuditLogModel::setPageSize(int rows)
{
    m_pageSize = std::clamp(rows, 1, kMaxPageSize);
}

void AuditLogModel::retranslate()
{
    m_locale = QLocale();
    if (!m_entries.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void AuditLogModel::rememberUser(const QString &id, const QString &email)
{
    if (id.isEmpty() || email.isEmpty() || m_names.value(id) == email) {
        return;
    }
    m_names.insert(id, email);
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).targetId == id || m_entries.at(row).actorId == id) {
            Q_EMIT dataChanged(index(row, ActorColumn), index(row, TargetColumn));
        }
    }
}

QString AuditLogModel::nameOf(const QString &id) const
{
    return m_names.value(id, id);
}

void AuditLogModel::setFilter(const AuditFilter &filter)
{
    m_filter = filter;
    m_filter.page = 1;
    m_filter.limit = m_pageSize;
    ++m_generation;
    m_loadedPages = 0;
    requestPage(1);
}

void AuditLogModel::reload()
{
    setFilter(m_filter);
}

void AuditLogModel::retry()
{
    if (m_state == State::Failed) {
        requestPage(m_loadedPages + 1);
    }
}

void AuditLogModel::requestPage(int page)
{
    if (!m_client) {
        return;
    }
    if (m_request != 0) {
        m_client->cancel(m_request);
    }
    setState(State::Loading);
    AuditFilter pageFilter = m_filter;
    pageFilter.page = page;
    const quint64 generation = m_generation;
    qCDebug(lcAudit) << "requesting page" << page;
    m_request = m_client->audit(pageFilter, this,
                                [this, generation, page](Result<Page<AuditEntry>> result) {
                                    applyPage(generation, page, std::move(result));
                                });
}

void AuditLogModel::applyPage(quint64 generation, int page, Result<Page<AuditEntry>> result)
{
    if (generation != m_generation) {
        return;
    }
    m_request = 0;
    if (!result) {
        m_error = result.error();
        if (page == 1 && !m_entries.isEmpty()) {
            beginResetModel();
            m_entries.clear();
            endResetModel();
        }
        if (page == 1) {
            m_total = -1;
        }
        setState(State::Failed);
        return;
    }
    for (const AuditEntry &entry : std::as_const(result->items)) {
        if (!entry.actorEmail.isEmpty()) {
            m_names.insert(entry.actorId, entry.actorEmail);
        }
    }
    if (page == 1) {
        beginResetModel();
        m_entries = std::move(result->items);
        endResetModel();
    } else if (!result->items.isEmpty()) {
        const int first = int(m_entries.size());
        beginInsertRows({}, first, first + int(result->items.size()) - 1);
        m_entries.append(std::move(result->items));
        endInsertRows();
    }
    m_loadedPages = page;
    m_total = result->total;
    setState(State::Ready);
    Q_EMIT pageLoaded(page);
}

void AuditLogModel::setState(State state)
{
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

const AuditEntry *AuditLogModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

QString AuditLogModel::actionText(const QString &action)
{
    if (action == QLatin1String("user.status")) {
        return tr("Account status");
    }
    if (action == QLatin1String("user.role")) {
        return tr("Role");
    }
    if (action == QLatin1String("user.create")) {
        return tr("Account created");
    }
    if (action == QLatin1String("user.setup")) {
        return tr("Account set up again");
    }
    return action;
}

QString AuditLogModel::changeText(const AuditEntry &entry)
{
    QStringList fields = entry.after.keys();
    for (const QString &field : entry.before.keys()) {
        if (!fields.contains(field)) {
            fields.append(field);
        }
    }
    QStringList parts;
    const bool single = fields.size() == 1;
    for (const QString &field : std::as_const(fields)) {
        // A new value without an old one (an account created) is the value alone.
        const QString change = entry.before.isEmpty()
            ? valueText(field, entry.after.value(field))
            : tr("%1 → %2").arg(valueText(field, entry.before.value(field)),
                                valueText(field, entry.after.value(field)));
        parts << (single ? change : tr("%1: %2").arg(field, change));
    }
    return parts.join(QStringLiteral("; "));
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const AuditEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return m_locale.toString(e.at.toLocalTime(), QLocale::ShortFormat);
        case ActorColumn:
            return e.actorEmail.isEmpty() ? nameOf(e.actorId) : e.actorEmail;
        case ActionColumn:
            return actionText(e.action);
        case TargetColumn:
            return nameOf(e.targetId);
        case ChangeColumn:
            return changeText(e);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn) {
            return m_locale.toString(e.at.toLocalTime(), QLocale::LongFormat);
        }
        if (index.column() == TargetColumn || index.column() == ActorColumn) {
            return index.column() == TargetColumn ? e.targetId : e.actorId;
        }
        return e.requestId.isEmpty() ? QVariant() : tr("Request %1").arg(e.requestId);
    case ActorIdRole:
        return e.actorId;
    case TargetIdRole:
        return e.targetId;
    default:
        return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("By");
    case ActionColumn:
        return tr("Action");
    case TargetColumn:
        return tr("Account");
    case ChangeColumn:
        return tr("Change");
    default:
        return {};
    }
}

bool AuditLogModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_state != State::Ready || m_loadedPages == 0) {
        return false;
    }
    return qint64(m_loadedPages) * m_filter.limit < m_total;
}

void AuditLogModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent)) {
        requestPage(m_loadedPages + 1);
    }
}

} // namespace Shop::Client
