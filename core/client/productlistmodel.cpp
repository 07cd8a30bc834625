#include "client/productlistmodel.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcProducts, "shop.client.products", QtInfoMsg)

namespace Shop::Client {

namespace {
constexpr int kLowStock = 5;
quint64 s_nextModelId = 1;
} // namespace

ProductListModel::ProductListModel(CatalogClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
    , m_supersedeKey(QStringLiteral("products-model-%1").arg(s_nextModelId++))
{ }

ProductListModel::~ProductListModel()
{
    if (m_client && m_request != 0) {
        m_client->cancel(m_request);
    }
}

void ProductListModel::setPageSize(int rows)
{
    m_pageSize = std::clamp(rows, 1, ProductQuery::kMaxLimit);
}

void ProductListModel::setLocale(const QLocale &locale)
{
    m_locale = locale;
    if (!m_products.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

void ProductListModel::retranslate()
{
    setLocale(QLocale());
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void ProductListModel::setQuery(const ProductQuery &query)
{
    m_query = query;
    m_query.page = 1;
    m_query.limit = m_maxRows > 0 ? std::min(m_pageSize, m_maxRows) : m_pageSize;
    ++m_generation;
    m_loadedPages = 0;
    Q_EMIT queryChanged();
    requestPage(1);
}

void ProductListModel::reload()
{
    setQuery(m_query);
}

void ProductListModel::retry()
{
    if (m_state != State::Failed) {
        return;
    }
    requestPage(m_loadedPages + 1);
}

void ProductListModel::requestPage(int page)
{
    if (!m_client) {
        return;
    }
    if (m_request != 0) {
        m_client->cancel(m_request);
    }
    m_pendingPage = page;
    setState(State::Loading);
    ProductQuery pageQuery = m_query;
    pageQuery.page = page;
    const quint64 generation = m_generation;
    CallOptions options;
    options.supersedeKey = m_supersedeKey;
    qCDebug(lcProducts) << "requesting page" << page << pageQuery.toQueryString();
    auto done = [this, generation, page](Result<Page<Product>> result) {
        applyPage(generation, page, std::move(result));
    };
    m_request = m_source == Source::Admin
        ? m_client->adminProducts(pageQuery, this, std::move(done), options)
        : m_client->products(pageQuery, this, std::move(done), options);
}

void ProductListModel::applyPage(quint64 generation, int page, Result<Page<Product>> result)
{
    if (generation != m_generation) {
        return;
    }
    m_request = 0;
    if (!result) {
        m_error = result.error();
        if (page == 1 && !m_products.isEmpty()) {
            // The rows on show belong to an older query: do not leave them standing as if they
            // were the answer to this one.
            beginResetModel();
            m_products.clear();
            m_ids.clear();
            endResetModel();
        }
        if (page == 1 && m_total != -1) {
            m_total = -1;
            Q_EMIT totalCountChanged(m_total);
        }
        setState(State::Failed);
        Q_EMIT loadFailed(m_error);
        return;
    }

    QList<Product> fresh;
    fresh.reserve(result->items.size());
    QSet<ProductId> ids = page == 1 ? QSet<ProductId>() : m_ids;
    const int existing = page == 1 ? 0 : int(m_products.size());
    for (Product &product : result->items) {
        if (m_maxRows > 0 && existing + fresh.size() >= m_maxRows) {
            break;
        }
        if (!ids.contains(product.id)) {
            ids.insert(product.id);
            fresh.append(std::move(product));
        }
    }

    if (page == 1) {
        beginResetModel();
        m_products = std::move(fresh);
        m_ids = std::move(ids);
        endResetModel();
    } else if (!fresh.isEmpty()) {
        beginInsertRows({}, existing, existing + int(fresh.size()) - 1);
        m_products.append(std::move(fresh));
        m_ids = std::move(ids);
        endInsertRows();
    }
    m_loadedPages = page;
    if (m_total != result->total) {
        m_total = result->total;
        Q_EMIT totalCountChanged(m_total);
    }
    setState(State::Ready);
    Q_EMIT pageLoaded(page);
}

void ProductListModel::setState(State state)
{
    if (m_state == state) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state);
}

const Product *ProductListModel::productAt(int row) const
{
    if (row < 0 || row >= m_products.size()) {
        return nullptr;
    }
    return &m_products.at(row);
}

int ProductListModel::rowOf(const ProductId &id) const
{
    for (int row = 0; row < m_products.size(); ++row) {
        if (m_products.at(row).id == id) {
            return row;
        }
    }
    return -1;
}

bool ProductListModel::updateProduct(const Product &product)
{
    const int row = rowOf(product.id);
    if (row < 0) {
        return false;
    }
    m_products[row] = product;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

std::optional<ProductSort> ProductListModel::sortForColumn(int column, Qt::SortOrder order)
{
    switch (column) {
    case NameColumn:
        return order == Qt::AscendingOrder ? std::optional(ProductSort::Name) : std::nullopt;
    case PriceColumn:
        return order == Qt::AscendingOrder ? ProductSort::PriceAsc : ProductSort::PriceDesc;
    case CreatedColumn:
        return order == Qt::DescendingOrder ? std::optional(ProductSort::Newest) : std::nullopt;
    default:
        return std::nullopt;
    }
}

std::optional<std::pair<int, Qt::SortOrder>> ProductListModel::columnForSort(ProductSort sort)
{
    switch (sort) {
    case ProductSort::Name:
        return std::pair {int(NameColumn), Qt::AscendingOrder};
    case ProductSort::PriceAsc:
        return std::pair {int(PriceColumn), Qt::AscendingOrder};
    case ProductSort::PriceDesc:
        return std::pair {int(PriceColumn), Qt::DescendingOrder};
    case ProductSort::Newest:
        return std::pair {int(CreatedColumn), Qt::DescendingOrder};
    case ProductSort::Relevance:
        return std::nullopt;
    }
    return std::nullopt;
}

void ProductListModel::sort(int column, Qt::SortOrder order)
{
    const auto sort = sortForColumn(column, order);
    if (!sort || *sort == m_query.sort) {
        return;
    }
    ProductQuery query = m_query;
    query.sort = *sort;
    setQuery(query);
}

int ProductListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_products.size());
}

int ProductListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QString ProductListModel::stockText(const Product &product) const
{
    if (product.stockQuantity <= 0) {
        return tr("Out of stock");
    }
    if (product.stockQuantity <= kLowStock) {
        return tr("Only %n left", nullptr, product.stockQuantity);
    }
    return tr("In stock");
}

QVariant ProductListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Product &p = m_products.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn:
            // Only the admin list has inactive products: say so where staff look.
            return p.isActive || role == Qt::EditRole ? p.name : tr("%1 (inactive)").arg(p.name);
        case SkuColumn:
            return p.sku;
        case BrandColumn:
            return p.brand;
        case CategoryColumn:
            return p.categoryName;
        case PriceColumn:
            return p.price.format(m_locale);
        case StockColumn:
            return m_locale.toString(p.stockQuantity);
        case CreatedColumn:
            return m_locale.toString(p.createdAt.toLocalTime().date(), QLocale::ShortFormat);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == PriceColumn || index.column() == StockColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (index.column() == StockColumn) {
            return stockText(p);
        }
        return p.brand.isEmpty() ? p.name : tr("%1 by %2").arg(p.name, p.brand);
    case IdRole:
        return p.id.toString();
    case NameRole:
        return p.name;
    case SkuRole:
        return p.sku;
    case BrandRole:
        return p.brand;
    case CategoryNameRole:
        return p.categoryName;
    case DescriptionRole:
        return p.description;
    case PriceRole:
        return QVariant::fromValue(p.price);
    case FormattedPriceRole:
        return p.price.format(m_locale);
    case StockQuantityRole:
        return p.stockQuantity;
    case InStockRole:
        return p.inStock();
    case StockTextRole:
        return stockText(p);
    case ImageUrlRole:
        return m_client && m_client->api() ? m_client->api()->resolve(p.imageUrl) : QUrl();
    case ProductRole:
        return QVariant::fromValue(p);
    case IsActiveRole:
        return p.isActive;
    default:
        return {};
    }
}

QVariant ProductListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Name");
        case SkuColumn:
            return tr("SKU");
        case BrandColumn:
            return tr("Brand");
        case CategoryColumn:
            return tr("Category");
        case PriceColumn:
            return tr("Price");
        case StockColumn:
            return tr("Stock");
        case CreatedColumn:
            return tr("Added");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn:
            return tr("Click to sort by name (A to Z)");
        case PriceColumn:
            return tr("Click to sort by price; click again to reverse");
        case CreatedColumn:
            return tr("Click to sort by date added (newest first)");
        default:
            return tr("The server cannot sort by this column");
        }
    }
    if (role == Qt::TextAlignmentRole && (section == PriceColumn || section == StockColumn)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QHash<int, QByteArray> ProductListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({
        {IdRole, "productId"},
        {NameRole, "name"},
        {SkuRole, "sku"},
        {BrandRole, "brand"},
        {CategoryNameRole, "categoryName"},
        {DescriptionRole, "description"},
        {PriceRole, "price"},
        {FormattedPriceRole, "formattedPrice"},
        {StockQuantityRole, "stockQuantity"},
        {InStockRole, "inStock"},
        {StockTextRole, "stockText"},
        {ImageUrlRole, "imageUrl"},
        {ProductRole, "product"},
        {IsActiveRole, "isActive"},
    });
    return names;
}

bool ProductListModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_state != State::Ready || m_loadedPages == 0) {
        return false;
    }
    if (m_maxRows > 0 && m_products.size() >= m_maxRows) {
        return false;
    }
    if (m_loadedPages >= ProductQuery::kMaxPage) {
        return false;
    }
    return qint64(m_loadedPages) * m_query.limit < m_total;
}

void ProductListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    requestPage(m_loadedPages + 1);
}

} // namespace Shop::Client
