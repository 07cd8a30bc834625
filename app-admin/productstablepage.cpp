#include "productstablepage.h"

#include "client/catalogclient.h"
#include "client/productlistmodel.h"
#include "client/usermessages.h"
#include "csvimportdialog.h"
#include "productconflictdialog.h"
#include "productdialog.h"
#include "stockintakedialog.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"

#include <QAction>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
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
    , m_admin(new Client::AdminCatalogClient(context.api(), this))
    , m_proxy(new ProductEditProxy(this))
    , m_notice(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    setObjectName(QStringLiteral("adminProductsPage"));
    m_model->setPageSize(kPageSize);
    // The staff list: inactive products too, so they can be found and activated again.
    m_model->setSource(ProductListModel::Source::Admin);

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
    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Price and stock in place: F2 or a double click on the cell; Enter opens the form.
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
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

    m_notice->setObjectName(QStringLiteral("productsNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->hide();
    m_progress->setObjectName(QStringLiteral("bulkProgress"));
    m_progress->hide();
    bottom->insertWidget(1, m_progress);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_notice);
    layout->addWidget(m_stack, 1);
    layout->addLayout(bottom);
    createActions();
    connect(m_proxy, &ProductEditProxy::editRequested, this, &ProductsTablePage::onEditRequested);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const Product *product = m_model->productAt(index.row())) {
            editProduct(product->id);
        }
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProductsTablePage::updateActions);

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

void ProductsTablePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The staff list needs a signed-in admin: a load before the sign-in failed (401), so the
    // page loads again when it is shown.
    if (m_model->state() == ProductListModel::State::Failed) {
        m_model->reload();
    }
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

// --- in-place editing -----------------------------------------------------------------------

Qt::ItemFlags ProductEditProxy::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QIdentityProxyModel::flags(index);
    if (index.column() == ProductListModel::PriceColumn
        || index.column() == ProductListModel::StockColumn) {
        f |= Qt::ItemIsEditable;
    }
    return f;
}

QVariant ProductEditProxy::data(const QModelIndex &index, int role) const
{
    if (role == Qt::EditRole) {
        const QModelIndex source = mapToSource(index);
        if (index.column() == ProductListModel::PriceColumn) {
            return source.data(ProductListModel::PriceRole).value<Money>().toDecimalString();
        }
        if (index.column() == ProductListModel::StockColumn) {
            return source.data(ProductListModel::StockQuantityRole).toInt();
        }
    }
    return QIdentityProxyModel::data(index, role);
}

bool ProductEditProxy::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable)) {
        return false;
    }
    if (value == data(index, Qt::EditRole)) {
        return false; // unchanged: nothing to send
    }
    Q_EMIT editRequested(index.row(), index.column(), value);
    return true; // the row shows the server's answer when it arrives
}

// --- catalog management ---------------------------------------------------------------------

ProductDialog *ProductsTablePage::productDialog() const
{
    return m_dialog;
}

StockIntakeDialog *ProductsTablePage::stockIntakeDialog() const
{
    return m_intake;
}

ProductConflictDialog *ProductsTablePage::conflictDialog() const
{
    return m_conflict;
}

CsvImportDialog *ProductsTablePage::csvImportDialog() const
{
    return m_csvImport;
}

void ProductsTablePage::createActions()
{
    const auto make = [this](const char *name, const QKeySequence &keys, auto slot) {
        auto *action = new QAction(this);
        action->setObjectName(QString::fromLatin1(name));
        if (!keys.isEmpty()) {
            action->setShortcut(keys);
        }
        // The window adds the actions to its Catalog menu; the page holds them too so that
        // their shortcuts work in tests that show the page alone.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, slot);
        m_actions.append(action);
        return action;
    };
    auto *create = make("newProductAction", QKeySequence::New, [this] { newProduct(); });
    auto *edit = make("editProductAction", QKeySequence(Qt::CTRL | Qt::Key_E), [this] {
        const QList<Product> selected = selectedProducts();
        if (!selected.isEmpty()) {
            editProduct(selected.first().id);
        }
    });
    auto *intake = make("stockIntakeAction", QKeySequence(Qt::CTRL | Qt::Key_I),
                        [this] { openStockIntake(); });
    auto *activate = make("activateAction", QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_A),
                          [this] { setSelectedActive(true); });
    auto *deactivate = make("deactivateAction", QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_D),
                            [this] { setSelectedActive(false); });
    auto *move =
        make("moveToCategoryAction", QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_C), [this] {
            if (selectedProducts().isEmpty()) {
                return;
            }
            m_catalog->categories(this, [this](Result<QList<Category>> result) {
                if (!result) {
                    const auto text =
                        Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
                    showNotice(tr("The categories could not be loaded: %1").arg(text.message),
                               true);
                    return;
                }
                QStringList names {tr("(no category)")};
                QList<std::optional<CategoryId>> ids {std::nullopt};
                std::function<void(const QList<Category> &, int)> flatten =
                    [&](const QList<Category> &list, int depth) {
                        for (const Category &c : list) {
                            names << QString(depth * 4, u' ') + c.name;
                            ids << c.id;
                            flatten(c.children, depth + 1);
                        }
                    };
                flatten(*result, 0);
                bool ok = false;
                const QString chosen =
                    QInputDialog::getItem(this, tr("Move to category"),
                                          tr("Move the %n selected product(s) to:", nullptr,
                                             int(selectedProducts().size())),
                                          names, 0, false, &ok);
                if (ok) {
                    moveSelectedToCategory(ids.value(names.indexOf(chosen)));
                }
            });
        });
    auto *import = make("importCsvAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
                        [this] { openCsvImport(); });
    auto *exportCsvAction =
        make("exportCsvAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] {
            const QString path = QFileDialog::getSaveFileName(this, tr("Export Products to CSV"),
                                                              QStringLiteral("products.csv"),
                                                              tr("CSV files (*.csv)"));
            if (!path.isEmpty()) {
                exportCsv(path);
            }
        });
    (new Widgets::Retranslator(this))->add([=] {
        import->setText(tr("&Import Products from CSV …"));
        exportCsvAction->setText(tr("E&xport Products to CSV …"));
        create->setText(tr("&New Product …"));
        edit->setText(tr("&Edit Product …"));
        intake->setText(tr("Stock &Intake …"));
        activate->setText(tr("&Activate Selected Products"));
        deactivate->setText(tr("&Deactivate Selected Products"));
        move->setText(tr("&Move Selected Products to Category …"));
    });
    updateActions();
}

QAction *ProductsTablePage::action(const QString &objectName) const
{
    for (QAction *a : m_actions) {
        if (a->objectName() == objectName) {
            return a;
        }
    }
    return nullptr;
}

void ProductsTablePage::updateActions()
{
    const bool selected = m_table->selectionModel() && m_table->selectionModel()->hasSelection();
    for (const char *name :
         {"editProductAction", "activateAction", "deactivateAction", "moveToCategoryAction"}) {
        if (QAction *a = action(QString::fromLatin1(name))) {
            a->setEnabled(selected && !isBulkRunning());
        }
    }
}

QList<Product> ProductsTablePage::selectedProducts() const
{
    QList<Product> products;
    if (!m_table->selectionModel()) {
        return products;
    }
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : rows) {
        if (const Product *product = m_model->productAt(index.row())) {
            products.append(*product);
        }
    }
    return products;
}

Currency ProductsTablePage::storeCurrency() const
{
    const Product *first = m_model->productAt(0);
    return first ? first->price.currency() : Currency();
}

void ProductsTablePage::showNotice(const QString &text, bool isError)
{
    QPalette palette = m_notice->palette();
    palette.setColor(QPalette::WindowText,
                     isError ? QColor(0xb0, 0x1c, 0x1c)
                             : this->palette().color(QPalette::WindowText));
    m_notice->setPalette(palette);
    m_notice->setProperty("isError", isError);
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

ProductDialog *ProductsTablePage::newProduct()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    m_dialog = new ProductDialog(m_context, m_admin, storeCurrency(), std::nullopt, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &ProductDialog::saved, this, &ProductsTablePage::applySaved);
    m_dialog->open();
    return m_dialog;
}

ProductDialog *ProductsTablePage::editProduct(const ProductId &id)
{
    if (m_dialog) {
        m_dialog->close();
    }
    m_dialog = new ProductDialog(m_context, m_admin, storeCurrency(), id, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &ProductDialog::saved, this, &ProductsTablePage::applySaved);
    m_dialog->open();
    return m_dialog;
}

StockIntakeDialog *ProductsTablePage::openStockIntake()
{
    if (!m_intake) {
        m_intake = new StockIntakeDialog(m_context, m_admin, this);
        m_intake->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_intake, &StockIntakeDialog::stockChanged, this, [this] { m_model->reload(); });
    }
    m_intake->show();
    m_intake->raise();
    m_intake->activateWindow();
    return m_intake;
}

CsvImportDialog *ProductsTablePage::openCsvImport()
{
    if (!m_csvImport) {
        m_csvImport = new CsvImportDialog(m_context, m_admin, this);
        m_csvImport->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_csvImport, &CsvImportDialog::imported, this, [this] { m_model->reload(); });
    }
    m_csvImport->show();
    m_csvImport->raise();
    m_csvImport->activateWindow();
    return m_csvImport;
}

void ProductsTablePage::exportCsv(const QString &path)
{
    Client::AdminProductFilter filter;
    filter.query = m_model->query();
    filter.query.page = 1; // the defaults are left out of the query: the whole list
    filter.query.limit = ProductQuery::kDefaultLimit;
    filter.active = Client::AdminProductFilter::Active::All; // what the table shows
    showNotice(tr("Exporting the products to %1 …").arg(path));
    m_admin->exportCsv(filter, this, [this, path](Result<QByteArray> csv) {
        if (!csv) {
            const auto text =
                Client::UserMessages::describe(csv.error(), m_context.api()->baseUrl());
            showNotice(tr("The export failed: %1").arg(text.message), true);
            Q_EMIT exported(false);
            return;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(*csv) != csv->size() || !file.commit()) {
            showNotice(tr("The export could not be written to %1: %2. Choose another place.")
                           .arg(path, file.errorString()),
                       true);
            Q_EMIT exported(false);
            return;
        }
        showNotice(tr("Exported the products to %1 (%2).")
                       .arg(path, QLocale().formattedDataSize(csv->size())));
        Q_EMIT exported(true);
    });
}

void ProductsTablePage::applySaved(const Client::AdminProduct &saved)
{
    if (!m_model->updateProduct(saved.product)) {
        m_model->reload(); // a new product: where it belongs in the server's order
    }
    showNotice(tr("Saved \"%1\" (%2).").arg(saved.product.name, saved.product.sku));
    Q_EMIT productSaved(saved);
}

void ProductsTablePage::onEditRequested(int row, int column, const QVariant &value)
{
    const Product *shown = m_model->productAt(row);
    if (!shown) {
        return;
    }
    const Product product = *shown;
    if (column == ProductListModel::PriceColumn) {
        QString text = value.toString().trimmed();
        text.replace(u',', u'.');
        const auto price = Money::parseDecimal(text, product.price.currency());
        if (!price || price->isNegative()) {
            showNotice(tr("\"%1\" is not a price. Enter a number such as 12.50; the price of "
                          "\"%2\" stays %3.")
                           .arg(value.toString(), product.name, product.price.format(QLocale())),
                       true);
            return;
        }
        changePrice(product, *price);
    } else if (column == ProductListModel::StockColumn) {
        countStock(product, value.toInt());
    }
}

void ProductsTablePage::changePrice(const Product &shown, const Money &price)
{
    showNotice(tr("Saving the price of \"%1\" …").arg(shown.name));
    // The entity tag of the product as it is now; the price the table showed must still be the
    // server's, else someone changed it meanwhile and staff decide.
    m_admin->product(shown.id, this, [this, shown, price](Result<Client::AdminProduct> read) {
        if (!read) {
            const auto text =
                Client::UserMessages::describe(read.error(), m_context.api()->baseUrl());
            showNotice(tr("The price of \"%1\" was not changed: %2").arg(shown.name, text.message),
                       true);
            return;
        }
        Client::ProductDraft mine = Client::ProductDraft::fromProduct(read->product);
        mine.price = price;
        if (read->product.price != shown.price) {
            Client::ProductDraft yours = Client::ProductDraft::fromProduct(shown);
            yours.price = price;
            resolveConflict(yours, *read);
            return;
        }
        m_admin->updateProduct(
            shown.id, mine, read->etag, this,
            [this, shown, mine](Result<Client::AdminProduct> result) {
                if (result) {
                    m_model->updateProduct(result->product);
                    showNotice(
                        tr("The price of \"%1\" is now %2.")
                            .arg(result->product.name, result->product.price.format(QLocale())));
                    Q_EMIT productSaved(*result);
                    return;
                }
                if (result.error().code == ErrorCode::PreconditionFailed) {
                    m_admin->product(shown.id, this,
                                     [this, mine](Result<Client::AdminProduct> fresh) {
                                         if (fresh) {
                                             resolveConflict(mine, *fresh);
                                         }
                                     });
                    return;
                }
                const auto text =
                    Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
                showNotice(
                    tr("The price of \"%1\" was not changed: %2").arg(shown.name, text.message),
                    true);
            });
    });
}

void ProductsTablePage::resolveConflict(const Client::ProductDraft &mine,
                                        const Client::AdminProduct &servers)
{
    showNotice(tr("\"%1\" was changed by someone else meanwhile: choose which version to keep.")
                   .arg(servers.product.name),
               true);
    m_conflict = new ProductConflictDialog(mine, servers, this);
    m_conflict->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_conflict, &QDialog::finished, this, [this, mine, servers](int choice) {
        if (choice == ProductConflictDialog::KeepMine) {
            m_admin->updateProduct(
                servers.product.id, mine, servers.etag, this,
                [this, mine](Result<Client::AdminProduct> result) {
                    if (result) {
                        m_model->updateProduct(result->product);
                        showNotice(tr("Saved your version of \"%1\".").arg(result->product.name));
                        Q_EMIT productSaved(*result);
                        return;
                    }
                    const auto text =
                        Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
                    showNotice(
                        tr("Your version of \"%1\" was not saved: %2").arg(mine.name, text.message),
                        true);
                });
        } else {
            m_model->updateProduct(servers.product);
            showNotice(tr("Kept the server's version of \"%1\".").arg(servers.product.name));
        }
    });
    m_conflict->open();
}

void ProductsTablePage::countStock(const Product &shown, int counted)
{
    showNotice(tr("Saving the stock of \"%1\" …").arg(shown.name));
    // A count sets the stock to what is on the shelf: the difference to the server's stock now
    // (orders may have taken some since the table was loaded), as a "counted" adjustment.
    m_admin->product(shown.id, this, [this, shown, counted](Result<Client::AdminProduct> read) {
        if (!read) {
            const auto text =
                Client::UserMessages::describe(read.error(), m_context.api()->baseUrl());
            showNotice(tr("The stock of \"%1\" was not changed: %2").arg(shown.name, text.message),
                       true);
            return;
        }
        const int delta = counted - read->product.stockQuantity;
        if (delta == 0) {
            m_model->updateProduct(read->product);
            showNotice(tr("The stock of \"%1\" already is %2.")
                           .arg(shown.name, QLocale().toString(counted)));
            return;
        }
        Client::StockAdjustment adjustment {delta, QStringLiteral("counted"),
                                            tr("Counted in the admin console")};
        m_admin->adjustStock(
            shown.id, adjustment, this,
            [this, product = read->product](Result<Client::StockMovement> result) mutable {
                if (!result) {
                    const auto text =
                        Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
                    showNotice(tr("The stock of \"%1\" was not changed: %2")
                                   .arg(product.name, text.message),
                               true);
                    return;
                }
                product.stockQuantity = result->stockQuantity;
                m_model->updateProduct(product);
                showNotice(tr("The stock of \"%1\" is now %2 (%3).")
                               .arg(product.name, QLocale().toString(result->stockQuantity),
                                    (result->delta > 0 ? u"+"_qs : QString())
                                        + QLocale().toString(result->delta)));
            });
    });
}

// --- bulk changes ---------------------------------------------------------------------------

void ProductsTablePage::setSelectedActive(bool active)
{
    startBulk(active ? tr("Activating") : tr("Deactivating"),
              [this, active](const Product &product, std::function<void(Result<bool>)> done) {
                  m_admin->product(
                      product.id, this, [this, active, done](Result<Client::AdminProduct> read) {
                          if (!read) {
                              done(fail(read.error()));
                              return;
                          }
                          if (read->product.isActive == active) {
                              done(false); // nothing to change
                              return;
                          }
                          m_admin->setActive(read->product.id, active, read->etag, this,
                                             [this, active, done, before = read->product](
                                                 Result<Client::AdminProduct> result) {
                                                 if (result) {
                                                     // The row shows the new state (a 204
                                                     // has no body: the product as read).
                                                     Product shown = result->product.id.isNull()
                                                         ? before
                                                         : result->product;
                                                     shown.isActive = active;
                                                     m_model->updateProduct(shown);
                                                     done(true);
                                                 } else {
                                                     done(fail(result.error()));
                                                 }
                                             });
                      });
              });
}

void ProductsTablePage::moveSelectedToCategory(const std::optional<CategoryId> &category)
{
    startBulk(tr("Moving"),
              [this, category](const Product &product, std::function<void(Result<bool>)> done) {
                  m_admin->product(
                      product.id, this, [this, category, done](Result<Client::AdminProduct> read) {
                          if (!read) {
                              done(fail(read.error()));
                              return;
                          }
                          if (read->product.categoryId == category) {
                              done(false);
                              return;
                          }
                          Client::ProductDraft draft =
                              Client::ProductDraft::fromProduct(read->product);
                          draft.categoryId = category;
                          m_admin->updateProduct(read->product.id, draft, read->etag, this,
                                                 [done](Result<Client::AdminProduct> result) {
                                                     if (result) {
                                                         done(true);
                                                     } else {
                                                         done(fail(result.error()));
                                                     }
                                                 });
                      });
              });
}

void ProductsTablePage::startBulk(
    const QString &title,
    std::function<void(const Product &, std::function<void(Result<bool>)>)> step)
{
    if (isBulkRunning()) {
        return;
    }
    m_bulkQueue = selectedProducts();
    if (m_bulkQueue.isEmpty()) {
        return;
    }
    m_bulkStep = std::move(step);
    m_bulkFailures.clear();
    m_bulkDone = 0;
    m_bulkTotal = int(m_bulkQueue.size());
    m_progress->setRange(0, m_bulkTotal);
    m_progress->setValue(0);
    m_progress->setFormat(title + QStringLiteral(" %v/%m"));
    m_progress->show();
    updateActions();
    runNextBulkStep();
}

void ProductsTablePage::runNextBulkStep()
{
    if (m_bulkQueue.isEmpty()) {
        m_bulkBusy = false;
        m_progress->hide();
        const int failed = int(m_bulkFailures.size());
        const int succeeded = m_bulkDone;
        if (failed == 0) {
            showNotice(tr("%n product(s) changed.", nullptr, succeeded));
        } else {
            showNotice(tr("%1 changed, %2 failed:\n%3")
                           .arg(tr("%n product(s)", nullptr, succeeded))
                           .arg(failed)
                           .arg(m_bulkFailures.join(u'\n')),
                       true);
        }
        updateActions();
        m_model->reload();
        Q_EMIT bulkFinished(succeeded, failed);
        return;
    }
    m_bulkBusy = true;
    const Product product = m_bulkQueue.takeFirst();
    m_bulkStep(product, [this, product](Result<bool> result) {
        if (!result) {
            const auto text =
                Client::UserMessages::describe(result.error(), m_context.api()->baseUrl());
            m_bulkFailures << tr("%1 (%2): %3").arg(product.name, product.sku, text.message);
        } else if (*result) {
            ++m_bulkDone;
        }
        m_progress->setValue(m_progress->value() + 1);
        runNextBulkStep();
    });
}

} // namespace Shop::Admin
