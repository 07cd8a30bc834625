#include "client/userlistmodel.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcUsers, "shop.client.users", QtInfoMsg)

namespace Shop::Client {

UserListModel::UserListModel(AdminUsersClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{ }

UserListModel::~UserListModel()
{
    if (m_client && m_request != 0) {
        m_client->cancel(m_request);
    }
}

void UserListModel::setPageSize(int rows)
{
    m_pageSize = std::clamp(rows, 1, kMaxPageSize);
}

void UserListModel::retranslate()
{
    m_locale = QLocale();
    if (!m_users.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void UserListModel::setFilter(const UserFilter &filter)
{
    m_filter = filter;
    m_filter.page = 1;
    m_filter.limit = m_pageSize;
    ++m_generation;
    m_loadedPages = 0;
    requestPage(1);
}

void UserListModel::reload()
{
    setFilter(m_filter);
}

void UserListModel::retry()
{
    if (m_state == State::Failed) {
        requestPage(m_loadedPages + 1);
    }
}

void UserListModel::requestPage(int page)
{
    if (!m_client) {
        return;
    }
    if (m_request != 0) {
        m_client->cancel(m_request);
    }
    setState(State::Loading);
    UserFilter pageFilter = m_filter;
    pageFilter.page = page;
    const quint64 generation = m_generation;
    qCDebug(lcUsers) << "requesting page" << page;
    m_request =
        m_client->users(pageFilter, this, [this, generation, page](Result<Page<User>> result) {
            applyPage(generation, page, std::move(result));
        });
}

void UserListModel::applyPage(quint64 generation, int page, Result<Page<User>> result)
{
    if (generation != m_generation) {
        return;
    }
    m_request = 0;
    if (!result) {
        m_error = result.error();
        if (page == 1 && !m_users.isEmpty()) {
            beginResetModel(); // the rows on show answer an older filter
            m_users.clear();
            endResetModel();
        }
        if (page == 1) {
            m_total = -1;
        }
        setState(State::Failed);
        return;
    }
    QList<User> fresh;
    for (User &user : result->items) {
        // Pages can overlap when accounts are added between requests.
        if (page == 1 || rowOf(user.id) < 0) {
            fresh.append(std::move(user));
        }
    }
    Q_EMIT usersSeen(fresh);
    if (page == 1) {
        beginResetModel();
        m_users = std::move(fresh);
        endResetModel();
    } else if (!fresh.isEmpty()) {
        const int first = int(m_users.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        m_users.append(std::move(fresh));
        endInsertRows();
    }
    m_loadedPages = page;
    m_total = result->total;
    setState(State::Ready);
    Q_EMIT pageLoaded(page);
}

void UserListModel::setState(State state)
{
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

void UserListModel::updateUser(const User &user)
{
    const int row = rowOf(user.id);
    if (row < 0) {
        return;
    }
    m_users[row] = user;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT usersSeen({user});
}

const User *UserListModel::userAt(int row) const
{
    return row >= 0 && row < m_users.size() ? &m_users.at(row) : nullptr;
}

int UserListModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_users.size(); ++row) {
        if (m_users.at(row).id == id) {
            return row;
        }
    }
    return -1;
}

QString UserListModel::roleText(const QString &role)
{
    if (role == QLatin1String("admin")) {
        return tr("Admin");
    }
    if (role == QLatin1String("user")) {
        return tr("Customer");
    }
    return role;
}

QString UserListModel::statusText(bool active)
{
    return active ? tr("Active") : tr("Deactivated");
}

int UserListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int UserListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant UserListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const User &u = m_users.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case EmailColumn:
            return u.email;
        case NameColumn:
            return QStringList {u.firstName, u.lastName}.join(u' ').trimmed();
        case RoleColumn:
            return roleText(u.role);
        case StatusColumn:
            return statusText(u.isActive);
        case LanguageColumn:
            return u.language;
        case CreatedColumn:
            return m_locale.toString(u.createdAt.toLocalTime().date(), QLocale::ShortFormat);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return u.isActive ? u.displayName()
                          : tr("%1 (deactivated: cannot sign in)").arg(u.displayName());
    case IdRole:
        return u.id;
    case EmailRole:
        return u.email;
    case IsActiveRole:
        return u.isActive;
    case IsAdminRole:
        return u.isAdmin();
    default:
        return {};
    }
}

QVariant UserListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case EmailColumn:
        return tr("Email");
    case NameColumn:
        return tr("Name");
    case RoleColumn:
        return tr("Role");
    case StatusColumn:
        return tr("Status");
    case LanguageColumn:
        return tr("Language");
    case CreatedColumn:
        return tr("Created");
    default:
        return {};
    }
}

bool UserListModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_state != State::Ready || m_loadedPages == 0) {
        return false;
    }
    return qint64(m_loadedPages) * m_filter.limit < m_total;
}

void UserListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent)) {
        requestPage(m_loadedPages + 1);
    }
}

} // namespace Shop::Client
