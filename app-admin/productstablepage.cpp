#include "productstablepage.h"

#include "client/catalogclient.h"
#include "client/productlistmodel.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcAdminProducts, "shop.admin.products", QtInfoMsg)

namespace Shop::Admin {

using Client::ProductListModel;

ProductsTablePage::ProductsTablePage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_catalog(new Client::CatalogClient(context.api(), this))
    , m_model(new ProductListModel(m_catalog, this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_retryMore(new QPushButton(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_status(new Widgets::StatusPanel(this))
{
    setObjectName(QStringLiteral("adminProductsPage"));
    m_model->setPageSize(kPageSize);

    auto *heading = new QLabel(this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    heading->setFont(font);

    m_search->setObjectName(QStringLiteral("adminSearchEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(QIcon(QStringLiteral(":/shop/icons/search.svg")),
                        QLineEdit::LeadingPosition);
    m_search->setMaxLength(ProductQuery::kMaxSearchLength);
    m_count->setObjectName(QStringLiteral("adminResultCount"));

    auto *top = new QHBoxLayout;
    top->addWidget(heading);
    top->addSpacing(fontMetrics().height());
    m_search->setMaximumWidth(fontMetrics().averageCharWidth() * 60);
    top->addWidget(m_search, 1);
    top->addStretch(0);
    // Below the table: how much of the catalog is loaded, and Retry when loading more failed.
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_retryMore);
    m_retryMore->setObjectName(QStringLiteral("retryMoreButton"));
    m_retryMore->hide();
    connect(m_retryMore, &QPushButton::clicked, this, &ProductsTablePage::refresh);

    m_table->setObjectName(QStringLiteral("productTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_table->verticalHeader()->hide();
    // Fixed row heights and no content-based column sizing: both would touch every row.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height()
                                                     + fontMetrics().height() / 2);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    // Column widths from the font: n digits wide plus the cell's padding.
    const auto digits = [this](int n) {
        return fontMetrics().horizontalAdvance(QString(n, u'0')) + fontMetrics().height();
    };
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(ProductListModel::SkuColumn, digits(15));
    header->resizeSection(ProductListModel::BrandColumn, digits(12));
    header->resizeSection(ProductListModel::CategoryColumn, digits(17));
    header->resizeSection(ProductListModel::PriceColumn, digits(11));
    header->resizeSection(ProductListModel::StockColumn, digits(7));
    header->resizeSection(ProductListModel::CreatedColumn, digits(10));
    m_table->viewport()->installEventFilter(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_status);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    layout->addLayout(bottom);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(kSearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &ProductsTablePage::applySearch);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, &ProductsTablePage::applySearch);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &ProductsTablePage::clearSearch);
    connect(header, &QHeaderView::sectionClicked, this, &ProductsTablePage::onHeaderClicked);
    connect(m_model, &ProductListModel::queryChanged, this,
            &ProductsTablePage::updateSortIndicator);
    connect(m_model, &ProductListModel::stateChanged, this, &ProductsTablePage::updateState);
    connect(m_model, &ProductListModel::rowsInserted, this, &ProductsTablePage::updateState);
    connect(m_model, &ProductListModel::modelReset, this, &ProductsTablePage::updateState);
    connect(m_status, &Widgets::StatusPanel::retryRequested, this, &ProductsTablePage::refresh);
    connect(&context, &Widgets::AppContext::serverChanged, this, &ProductsTablePage::refresh);
    setTabOrder(m_search, m_table);

    ProductQuery query;
    query.sort = ProductSort::Name;
    m_model->setQuery(query);

    (new Widgets::Retranslator(this))->add([this, heading] {
        heading->setText(tr("Products"));
        m_search->setPlaceholderText(tr("Search by name, brand or description (Ctrl+F)"));
        m_retryMore->setText(tr("Retry"));
        m_model->retranslate(); // headers, prices and dates
        updateState();
    });
}

bool ProductsTablePage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        updateNameColumnWidth();
    }
    return QWidget::eventFilter(watched, event);
}

void ProductsTablePage::updateNameColumnWidth()
{
    // The name takes the width the other columns leave, but never less than about 28 digits:
    // on a narrow window the table scrolls sideways instead of crushing the names.
    QHeaderView *header = m_table->horizontalHeader();
    int others = 0;
    for (int column = 0; column < header->count(); ++column) {
        if (column != ProductListModel::NameColumn) {
            others += header->sectionSize(column);
        }
    }
    const int minimum = fontMetrics().horizontalAdvance(QString(28, u'0'));
    header->resizeSection(ProductListModel::NameColumn,
                          std::max(minimum, m_table->viewport()->width() - others));
}

void ProductsTablePage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ProductsTablePage::clearSearch()
{
    if (!m_search->text().isEmpty()) {
        m_search->clear();
        applySearch();
    }
}

void ProductsTablePage::refresh()
{
    if (m_model->state() == ProductListModel::State::Failed && m_model->rowCount() > 0) {
        m_model->retry(); // a later page failed: continue where it stopped
    } else {
        m_model->reload();
    }
}

void ProductsTablePage::applySearch()
{
    m_searchDelay.stop();
    ProductQuery query = m_model->query();
    const QString search = m_search->text().simplified();
    if (search == query.search && m_model->state() != ProductListModel::State::Failed) {
        return;
    }
    query.search = search;
    m_model->setQuery(query);
    m_table->scrollToTop();
}

void ProductsTablePage::onHeaderClicked(int column)
{
    const auto current = ProductListModel::columnForSort(m_model->query().sort);
    // A click on the sorted column reverses it; on another column starts with its natural order.
    Qt::SortOrder order = Qt::AscendingOrder;
    if (current && current->first == column) {
        order = current->second == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
    } else if (column == ProductListModel::CreatedColumn) {
        order = Qt::DescendingOrder;
    }
    auto sort = ProductListModel::sortForColumn(column, order);
    if (!sort) {
        // The API has only one direction for this column (name A-Z, newest first).
        const Qt::SortOrder other =
            order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
        sort = ProductListModel::sortForColumn(column, other);
        order = other;
    }
    if (!sort) {
        qCDebug(lcAdminProducts) << "the server cannot sort by column" << column;
        updateSortIndicator(); // put the arrow back where the order really is
        return;
    }
    m_model->sort(column, order);
    m_table->scrollToTop();
    updateSortIndicator();
}

void ProductsTablePage::updateSortIndicator()
{
    QHeaderView *header = m_table->horizontalHeader();
    const QSignalBlocker blocker(header);
    if (const auto current = ProductListModel::columnForSort(m_model->query().sort)) {
        header->setSortIndicator(current->first, current->second);
    } else {
        header->setSortIndicator(-1, Qt::AscendingOrder);
    }
}

void ProductsTablePage::updateState()
{
    using State = ProductListModel::State;
    const State state = m_model->state();
    const int rows = m_model->rowCount();
    const QLocale locale;
    m_retryMore->setVisible(state == State::Failed && rows > 0);
    if (state == State::Failed && rows == 0) {
        const auto text =
            Client::UserMessages::describe(m_model->lastError(), m_context.api()->baseUrl());
        m_status->showError(text.title, text.message);
        m_stack->setCurrentWidget(m_status);
        m_count->clear();
        return;
    }
    if (rows == 0 && state != State::Ready) {
        m_status->showLoading(tr("Loading products …"));
        m_stack->setCurrentWidget(m_status);
        m_count->setText(tr("Loading …"));
        return;
    }
    if (rows == 0) {
        m_status->showEmpty(
            tr("No products"),
            m_model->query().search.isEmpty()
                ? tr("The catalog is empty. Import products with shop-server "
                     "import-products.")
                : tr("No product matches \"%1\". Try other words.").arg(m_model->query().search));
        m_stack->setCurrentWidget(m_status);
        m_count->setText(tr("No products"));
        return;
    }
    m_stack->setCurrentWidget(m_table);
    if (state == State::Failed) {
        const auto text =
            Client::UserMessages::describe(m_model->lastError(), m_context.api()->baseUrl());
        m_count->setText(
            tr("Showing %1 products; loading more failed.").arg(locale.toString(rows)));
        m_count->setToolTip(text.message);
        return;
    }
    m_count->setToolTip(QString());
    m_count->setText(tr("Showing %1 of %2 products")
                         .arg(locale.toString(rows),
                              locale.toString(std::max<qint64>(rows, m_model->totalCount()))));
}

} // namespace Shop::Admin
