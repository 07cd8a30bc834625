#include "productspage.h"

#include "categoryview.h"
#include "client/catalogclient.h"
#include "client/categorytreemodel.h"
#include "client/productlistmodel.h"
#include "client/usermessages.h"
#include "productgridview.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcProductsPage, "shop.storefront.products", QtInfoMsg)

namespace Shop::Storefront {

using Client::CategoryTreeModel;
using Client::ProductListModel;

namespace {
constexpr int kGridPageSize = 24;
}

ProductsPage::ProductsPage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_catalog(new Client::CatalogClient(context.api(), this))
    , m_model(new ProductListModel(m_catalog, this))
    , m_categories(new CategoryTreeModel(m_catalog, this))
    , m_search(new QLineEdit(this))
    , m_sort(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_categoryView(new QTreeView(this))
    , m_brand(new QComboBox(this))
    , m_minPrice(new QLineEdit(this))
    , m_maxPrice(new QLineEdit(this))
    , m_inStock(new QCheckBox(this))
    , m_clearFilters(new QPushButton(this))
    , m_stack(new QStackedWidget(this))
    , m_grid(new ProductGridView(context.images(), this))
    , m_status(new Widgets::StatusPanel(this))
{
    setObjectName(QStringLiteral("productsPage"));
    auto *retranslator = new Widgets::Retranslator(this);
    m_model->setPageSize(kGridPageSize);
    m_categories->setShowAllItem(true);

    // Top bar: search, sort, count.
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(QIcon(QStringLiteral(":/shop/icons/search.svg")),
                        QLineEdit::LeadingPosition);
    m_search->setMaxLength(ProductQuery::kMaxSearchLength);
    m_search->installEventFilter(this);
    m_sort->setObjectName(QStringLiteral("sortCombo"));
    for (const ProductSort sort :
         {ProductSort::Relevance, ProductSort::Newest, ProductSort::PriceAsc,
          ProductSort::PriceDesc, ProductSort::Name}) {
        m_sort->addItem(QString(), QVariant::fromValue(int(sort)));
    }
    m_count->setObjectName(QStringLiteral("resultCount"));
    auto *sortLabel = new QLabel(this);
    sortLabel->setBuddy(m_sort);
    retranslator->add([this, sortLabel] {
        m_search->setPlaceholderText(tr("Search products (Ctrl+F)"));
        // Same order as added above; setItemText keeps the current choice.
        const QStringList sorts {tr("Best match"), tr("Newest first"), tr("Price: low to high"),
                                 tr("Price: high to low"), tr("Name (A to Z)")};
        for (int i = 0; i < sorts.size(); ++i) {
            m_sort->setItemText(i, sorts.at(i));
        }
        m_sort->setToolTip(tr("Order of the products"));
        sortLabel->setText(tr("S&ort:"));
    });

    auto *topBar = new QHBoxLayout;
    topBar->addWidget(m_search, 3);
    topBar->addSpacing(fontMetrics().height());
    topBar->addWidget(sortLabel);
    topBar->addWidget(m_sort);
    topBar->addSpacing(fontMetrics().height());
    topBar->addWidget(m_count, 1, Qt::AlignRight | Qt::AlignVCenter);

    // Filter panel.
    auto *filters = new QWidget(this);
    filters->setObjectName(QStringLiteral("filterPanel"));
    auto *filterLayout = new QVBoxLayout(filters);
    filterLayout->setContentsMargins(0, 0, 0, 0);
    auto *categoriesLabel = new QLabel(filters);
    QFont heading = categoriesLabel->font();
    heading.setBold(true);
    categoriesLabel->setFont(heading);
    categoriesLabel->setBuddy(m_categoryView);
    m_categoryView->setObjectName(QStringLiteral("categoryFilter"));
    setUpCategoryView(m_categoryView, m_categories);
    filterLayout->addWidget(categoriesLabel);
    filterLayout->addWidget(m_categoryView, 1);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_brand->setObjectName(QStringLiteral("brandFilter"));
    m_brand->setEditable(true);
    m_brand->setInsertPolicy(QComboBox::NoInsert);
    m_brand->lineEdit()->setClearButtonEnabled(true);
    auto *brandLabel = new QLabel(filters);
    brandLabel->setBuddy(m_brand);
    form->addRow(brandLabel, m_brand);
    m_minPrice->setObjectName(QStringLiteral("minPrice"));
    m_maxPrice->setObjectName(QStringLiteral("maxPrice"));
    m_minPrice->setClearButtonEnabled(true);
    m_maxPrice->setClearButtonEnabled(true);
    auto *priceRow = new QHBoxLayout;
    priceRow->addWidget(m_minPrice);
    priceRow->addWidget(new QLabel(QStringLiteral("–"), filters));
    priceRow->addWidget(m_maxPrice);
    auto *priceLabel = new QLabel(filters);
    priceLabel->setBuddy(m_minPrice);
    form->addRow(priceLabel, priceRow);
    m_inStock->setObjectName(QStringLiteral("inStockFilter"));
    form->addRow(m_inStock);
    filterLayout->addLayout(form);
    m_clearFilters->setObjectName(QStringLiteral("clearFilters"));
    filterLayout->addWidget(m_clearFilters);
    retranslator->add([this, categoriesLabel, brandLabel, priceLabel] {
        categoriesLabel->setText(tr("&Categories"));
        m_brand->lineEdit()->setPlaceholderText(tr("All brands"));
        brandLabel->setText(tr("&Brand:"));
        m_minPrice->setPlaceholderText(tr("Min"));
        m_maxPrice->setPlaceholderText(tr("Max"));
        priceLabel->setText(tr("&Price:"));
        m_inStock->setText(tr("In stock only"));
        m_clearFilters->setText(tr("C&lear filters"));
    });

    // The grid and its states.
    m_grid->setObjectName(QStringLiteral("productGrid"));
    m_grid->setModel(m_model);
    m_stack->addWidget(m_grid);
    m_stack->addWidget(m_status);

    auto *main = new QWidget(this);
    auto *mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(0, 0, 0, 0);
    mainLayout->addLayout(topBar);
    mainLayout->addWidget(m_stack, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("productsSplitter"));
    splitter->addWidget(filters);
    splitter->addWidget(main);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    // Wide enough for category names such as "Car Chargers" below their parent.
    filters->setMinimumWidth(fontMetrics().horizontalAdvance(QString(28, u'0')));
    splitter->setSizes({filters->minimumWidth(), filters->minimumWidth() * 3});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    setTabOrder(m_search, m_sort);
    setTabOrder(m_sort, m_grid);
    setTabOrder(m_grid, m_categoryView);
    setTabOrder(m_categoryView, m_brand);
    setTabOrder(m_brand, m_minPrice);
    setTabOrder(m_minPrice, m_maxPrice);
    setTabOrder(m_maxPrice, m_inStock);
    setTabOrder(m_inStock, m_clearFilters);

    // Behaviour.
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(kSearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &ProductsPage::applyFilters);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay.stop();
        applyFilters();
    });
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &ProductsPage::clearSearch);

    connect(m_sort, &QComboBox::currentIndexChanged, this, &ProductsPage::applyFilters);
    connect(m_inStock, &QCheckBox::toggled, this, &ProductsPage::applyFilters);
    connect(m_brand, &QComboBox::activated, this, &ProductsPage::applyFilters);
    connect(m_brand->lineEdit(), &QLineEdit::editingFinished, this, &ProductsPage::applyFilters);
    connect(m_minPrice, &QLineEdit::editingFinished, this, &ProductsPage::applyFilters);
    connect(m_maxPrice, &QLineEdit::editingFinished, this, &ProductsPage::applyFilters);
    connect(m_clearFilters, &QPushButton::clicked, this, &ProductsPage::clearFilters);
    connect(m_categoryView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (m_applying || !current.isValid()) {
                    return;
                }
                m_category = m_categories->slugAt(current);
                applyFilters();
            });
    connect(m_categories, &CategoryTreeModel::modelReset, this, [this] {
        m_categoryView->expandToDepth(0);
        selectCategory(m_category);
    });
    connect(m_categories, &CategoryTreeModel::stateChanged, this, &ProductsPage::updateState);

    connect(m_model, &ProductListModel::stateChanged, this, &ProductsPage::updateState);
    connect(m_model, &ProductListModel::modelReset, this, &ProductsPage::updateState);
    connect(m_model, &ProductListModel::rowsInserted, this, &ProductsPage::updateState);
    connect(m_model, &ProductListModel::pageLoaded, this, [this] {
        if (m_model->rowCount() > 0) {
            m_currency = m_model->productAt(0)->price.currency();
        }
    });
    connect(m_grid, &ProductGridView::productActivated, this, &ProductsPage::productActivated);
    connect(m_status, &Widgets::StatusPanel::retryRequested, this, &ProductsPage::refresh);
    connect(m_status, &Widgets::StatusPanel::actionRequested, this, &ProductsPage::clearFilters);
    connect(&m_context, &Widgets::AppContext::serverChanged, this, &ProductsPage::refresh);

    m_categories->reload();
    applyFilters();
    // After a language change: the models' texts and prices, the count and state messages, the
    // brands' tooltips.
    retranslator->add([this] {
        m_model->retranslate();
        m_categories->retranslate();
        updateState();
        for (int i = 0; i < m_brand->count(); ++i) {
            m_brand->setItemData(i, brandToolTip(m_brand->itemData(i).toLongLong()),
                                 Qt::ToolTipRole);
        }
    });
}

QString ProductsPage::brandToolTip(qint64 productCount)
{
    return tr("%Ln product(s)", nullptr, int(std::min<qint64>(productCount, INT_MAX)));
}

bool ProductsPage::isShowingGrid() const
{
    return m_stack->currentWidget() == m_grid;
}

std::optional<qint64> ProductsPage::parsePrice(QLineEdit *edit) const
{
    QString text = edit->text().trimmed();
    if (text.isEmpty()) {
        edit->setToolTip(QString()); // no longer marked as invalid
        edit->setStyleSheet(QString());
        return std::nullopt;
    }
    const QLocale locale;
    text.remove(locale.groupSeparator());
    text.replace(locale.decimalPoint(), QStringLiteral("."));
    text.remove(m_currency.symbol());
    const auto money = Money::parseDecimal(text.trimmed(), m_currency);
    if (!money) {
        edit->setToolTip(
            tr("Enter an amount such as %1.").arg(Money(1999, m_currency).format(locale)));
        edit->setStyleSheet(QStringLiteral("color: #b02020;"));
        return std::nullopt;
    }
    edit->setToolTip(QString());
    edit->setStyleSheet(QString());
    return money->minorUnits();
}

ProductQuery ProductsPage::currentQuery() const
{
    ProductQuery query;
    query.search = m_search->text().simplified();
    query.category = m_category;
    query.brand = m_brand->currentText().simplified();
    query.minPrice = parsePrice(m_minPrice);
    query.maxPrice = parsePrice(m_maxPrice);
    if (query.minPrice && query.maxPrice && *query.minPrice > *query.maxPrice) {
        std::swap(query.minPrice, query.maxPrice);
    }
    if (m_inStock->isChecked()) {
        query.inStock = true;
    }
    query.sort = ProductSort(m_sort->currentData().toInt());
    return query;
}

bool ProductsPage::hasFilters() const
{
    const ProductQuery query = currentQuery();
    return !query.search.isEmpty() || !query.category.isEmpty() || !query.brand.isEmpty()
        || query.minPrice || query.maxPrice || query.inStock;
}

void ProductsPage::applyFilters()
{
    if (m_applying) {
        return;
    }
    m_searchDelay.stop();
    if (m_brandsCategory != m_category) {
        reloadBrands();
    }
    ProductQuery query = currentQuery();
    ProductQuery current = m_model->query();
    query.page = current.page;
    query.limit = current.limit;
    if (query == current && m_model->state() != ProductListModel::State::Failed
        && m_model->state() != ProductListModel::State::Idle) {
        return;
    }
    qCDebug(lcProductsPage) << "query" << query.toQueryString();
    m_model->setQuery(query);
    m_grid->scrollToTop();
}

void ProductsPage::refresh()
{
    m_context.images()->retryFailed();
    if (m_categories->state() != CategoryTreeModel::State::Ready) {
        m_categories->reload();
    }
    reloadBrands();
    m_model->setQuery(currentQuery());
}

void ProductsPage::updateState()
{
    using State = ProductListModel::State;
    const State state = m_model->state();
    const int rows = m_model->rowCount();
    if (state == State::Failed) {
        const auto text =
            Client::UserMessages::describe(m_model->lastError(), m_context.api()->baseUrl());
        m_status->showError(text.title, text.message);
        m_stack->setCurrentWidget(m_status);
        m_count->clear();
        return;
    }
    if (rows == 0 && (state == State::Loading || state == State::Idle)) {
        m_status->showLoading(tr("Loading products …"));
        m_stack->setCurrentWidget(m_status);
        m_count->setText(tr("Loading …"));
        return;
    }
    if (rows == 0) {
        if (hasFilters()) {
            m_status->showEmpty(tr("No matching products"),
                                tr("No products match your search and filters. Try other words "
                                   "or clear the filters."),
                                tr("Clear filters"));
        } else {
            m_status->showEmpty(tr("No products yet"),
                                tr("The shop has no products for sale yet. Come back later."));
        }
        m_stack->setCurrentWidget(m_status);
        m_count->setText(tr("No products"));
        return;
    }
    m_stack->setCurrentWidget(m_grid);
    if (state == State::Loading) {
        m_count->setText(tr("Loading …"));
    } else {
        const qint64 total = std::max<qint64>(m_model->totalCount(), rows);
        m_count->setText(tr("%Ln product(s)", nullptr, int(std::min<qint64>(total, INT_MAX))));
    }
}

void ProductsPage::reloadBrands()
{
    m_catalog->cancel(m_brandsRequest);
    m_brandsCategory = m_category;
    m_brandsRequest = m_catalog->brands(m_category, this, [this](Result<QList<Brand>> brands) {
        m_brandsRequest = 0;
        if (!brands) {
            // The box keeps what it offered; the next filter change or reload asks again.
            qCInfo(lcProductsPage).noquote()
                << "brands not loaded:" << errorCodeName(brands.error().code)
                << brands.error().message;
            m_brandsCategory.reset();
            return;
        }
        showBrands(*brands);
    });
}

void ProductsPage::showBrands(const QList<Brand> &brands)
{
    const QString text = m_brand->currentText().simplified();
    {
        const QSignalBlocker blocker(m_brand);
        m_brand->clear();
        for (const Brand &brand : brands) {
            m_brand->addItem(brand.name, brand.productCount);
            m_brand->setItemData(m_brand->count() - 1, brandToolTip(brand.productCount),
                                 Qt::ToolTipRole);
        }
        m_brand->setCurrentIndex(-1);
        m_brand->setEditText(text);
    }
    // A brand with no products in the new category would only empty the grid: drop it, unless
    // the customer is typing there right now.
    const QWidget *focus = QApplication::focusWidget();
    const bool typing = focus && (focus == m_brand || m_brand->isAncestorOf(focus));
    if (!text.isEmpty() && m_brand->findText(text, Qt::MatchFixedString) < 0 && !typing) {
        m_brand->setEditText(QString());
        applyFilters();
    }
}

void ProductsPage::selectCategory(const QString &slug)
{
    m_applying = true;
    const QModelIndex index = m_categories->indexForSlug(slug);
    if (index.isValid()) {
        m_categoryView->setCurrentIndex(index);
        m_categoryView->scrollTo(index);
    } else {
        m_categoryView->clearSelection();
    }
    m_applying = false;
}

void ProductsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ProductsPage::clearSearch()
{
    if (m_search->text().isEmpty()) {
        return;
    }
    m_search->clear();
    applyFilters();
}

void ProductsPage::resetFilters(const QString &category, bool inStockOnly,
                                std::optional<ProductSort> sort)
{
    m_applying = true; // one query at the end, not one per field
    m_search->clear();
    m_category = category;
    m_brand->setCurrentIndex(-1);
    m_brand->setEditText(QString());
    m_minPrice->clear();
    m_maxPrice->clear();
    m_inStock->setChecked(inStockOnly);
    if (sort) {
        m_sort->setCurrentIndex(std::max(0, m_sort->findData(int(*sort))));
    }
    m_applying = false;
    selectCategory(category);
    applyFilters();
}

void ProductsPage::clearFilters()
{
    resetFilters(QString(), false, std::nullopt);
}

void ProductsPage::showCategory(const QString &slug)
{
    resetFilters(slug, false, std::nullopt);
}

void ProductsPage::showSorted(ProductSort sort, bool inStockOnly)
{
    resetFilters(QString(), inStockOnly, sort);
}

bool ProductsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down && m_model->rowCount() > 0) {
            m_grid->setFocus(Qt::TabFocusReason);
            if (!m_grid->currentIndex().isValid()) {
                m_grid->setCurrentIndex(m_model->index(0, 0));
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Shop::Storefront
