#include "client/categorytreemodel.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCategories, "shop.client.categories", QtInfoMsg)

namespace Shop::Client {

CategoryTreeModel::CategoryTreeModel(CatalogClient *client, QObject *parent)
    : QAbstractItemModel(parent)
    , m_client(client)
    , m_root(std::make_unique<Node>())
{ }

CategoryTreeModel::~CategoryTreeModel()
{
    if (m_client && m_request != 0) {
        m_client->cancel(m_request);
    }
}

void CategoryTreeModel::setShowAllItem(bool show)
{
    if (m_showAll == show) {
        return;
    }
    m_showAll = show;
    rebuild(m_categories);
}

void CategoryTreeModel::reload()
{
    if (!m_client) {
        return;
    }
    if (m_request != 0) {
        m_client->cancel(m_request);
    }
    setState(State::Loading);
    m_request = m_client->categories(this, [this](Result<QList<Category>> result) {
        m_request = 0;
        if (!result) {
            m_error = result.error();
            qCWarning(lcCategories) << "loading categories failed:" << m_error.message;
            setState(State::Failed);
            Q_EMIT loadFailed(m_error);
            return;
        }
        setCategories(*result);
        setState(State::Ready);
        Q_EMIT loaded();
    });
}

void CategoryTreeModel::setCategories(const QList<Category> &categories)
{
    m_categories = categories;
    rebuild(m_categories);
}

void CategoryTreeModel::rebuild(const QList<Category> &categories)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_categoryCount = 0;
    m_totalProducts = 0;
    for (const Category &category : categories) {
        m_totalProducts += category.productCount;
    }
    if (m_showAll) {
        auto all = std::make_unique<Node>();
        all->isAll = true;
        all->parent = m_root.get();
        all->row = 0;
        all->category.productCount = m_totalProducts;
        m_root->children.push_back(std::move(all));
    }
    addChildren(m_root.get(), categories);
    endResetModel();
}

void CategoryTreeModel::addChildren(Node *parent, const QList<Category> &categories)
{
    for (const Category &category : categories) {
        auto node = std::make_unique<Node>();
        node->category = category;
        node->category.children.clear();
        node->parent = parent;
        node->row = int(parent->children.size());
        ++m_categoryCount;
        Node *raw = node.get();
        parent->children.push_back(std::move(node));
        addChildren(raw, category.children);
    }
}

void CategoryTreeModel::setState(State state)
{
    if (m_state == state) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state);
}

CategoryTreeModel::Node *CategoryTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex CategoryTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0)) {
        return {};
    }
    const Node *parentNode = nodeFor(parent);
    if (row < 0 || row >= int(parentNode->children.size())) {
        return {};
    }
    return createIndex(row, column, parentNode->children[size_t(row)].get());
}

QModelIndex CategoryTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) {
        return {};
    }
    const Node *node = nodeFor(child);
    Node *parentNode = node->parent;
    if (!parentNode || parentNode == m_root.get()) {
        return {};
    }
    return createIndex(parentNode->row, 0, parentNode);
}

int CategoryTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0) {
        return 0;
    }
    return int(nodeFor(parent)->children.size());
}

int CategoryTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant CategoryTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    const Node *node = nodeFor(index);
    const Category &c = node->category;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == CountColumn) {
            return node->isAll ? QVariant() : QVariant(m_locale.toString(c.productCount));
        }
        return node->isAll ? tr("All products") : c.name;
    case Qt::ToolTipRole:
        if (node->isAll) {
            return tr("Products of every category");
        }
        return tr("%Ln product(s)", nullptr, int(std::min<qint64>(c.productCount, INT_MAX)));
    case Qt::TextAlignmentRole:
        if (index.column() == CountColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case SlugRole:
        return c.slug;
    case IdRole:
        return node->isAll ? QString() : c.id.toString();
    case ProductCountRole:
        return c.productCount;
    case IsAllRole:
        return node->isAll;
    default:
        return {};
    }
}

QVariant CategoryTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == NameColumn ? tr("Category") : tr("Products");
}

QModelIndex CategoryTreeModel::findSlug(const Node *node, const QString &slug) const
{
    for (const auto &child : node->children) {
        if (!child->isAll && child->category.slug == slug) {
            return createIndex(child->row, 0, child.get());
        }
        if (const QModelIndex found = findSlug(child.get(), slug); found.isValid()) {
            return found;
        }
    }
    return {};
}

void CategoryTreeModel::retranslate()
{
    m_locale = QLocale();
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    announceDataChanged(m_root.get());
}

void CategoryTreeModel::announceDataChanged(const Node *node)
{
    if (node == nullptr || node->children.empty()) {
        return;
    }
    const int last = int(node->children.size()) - 1;
    Q_EMIT dataChanged(createIndex(0, 0, node->children.front().get()),
                       createIndex(last, ColumnCount - 1, node->children.back().get()));
    for (const auto &child : node->children) {
        announceDataChanged(child.get());
    }
}

QModelIndex CategoryTreeModel::indexForSlug(const QString &slug) const
{
    if (slug.isEmpty()) {
        if (m_showAll && !m_root->children.empty()) {
            return createIndex(0, 0, m_root->children.front().get());
        }
        return {};
    }
    return findSlug(m_root.get(), slug);
}

QString CategoryTreeModel::slugAt(const QModelIndex &index) const
{
    return index.isValid() ? nodeFor(index)->category.slug : QString();
}

} // namespace Shop::Client
