#include "homepage.h"

#include "categoryview.h"
#include "client/catalogclient.h"
#include "client/categorytreemodel.h"
#include "client/productlistmodel.h"
#include "client/usermessages.h"
#include "productgridview.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace Shop::Storefront {

using Client::CategoryTreeModel;
using Client::ProductListModel;

HomePage::HomePage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_catalog(new Client::CatalogClient(context.api(), this))
    , m_categories(new CategoryTreeModel(m_catalog, this))
    , m_newArrivals(new ProductListModel(m_catalog, this))
    , m_bestPrices(new ProductListModel(m_catalog, this))
    , m_stack(new QStackedWidget(this))
    , m_status(new Widgets::StatusPanel(this))
    , m_categoryView(new QTreeView(this))
    , m_newArrivalsView(new ProductGridView(context.images(), this))
    , m_bestPricesView(new ProductGridView(context.images(), this))
{
    setObjectName(QStringLiteral("homePage"));
    m_retranslator = new Widgets::Retranslator(this);
    for (ProductListModel *model : {m_newArrivals, m_bestPrices}) {
        model->setPageSize(kStripLength);
        model->setMaxRows(kStripLength);
        connect(model, &ProductListModel::stateChanged, this, &HomePage::updateState);
    }
    connect(m_categories, &CategoryTreeModel::stateChanged, this, &HomePage::updateState);

    auto *content = new QWidget(this);
    auto *title = new QLabel(content);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *subtitle = new QLabel(content);
    subtitle->setWordWrap(true);
    m_retranslator->add([title, subtitle] {
        title->setText(tr("Welcome to the shop"));
        subtitle->setText(
            tr("Browse the categories, look at what is new, or search the whole catalog."));
    });

    m_categoryView->setObjectName(QStringLiteral("homeCategories"));
    setUpCategoryView(m_categoryView, m_categories);
    m_categoryView->setMinimumWidth(fontMetrics().horizontalAdvance(QString(28, u'0')));
    m_categoryView->setMaximumWidth(fontMetrics().horizontalAdvance(QString(40, u'0')));
    connect(m_categories, &CategoryTreeModel::modelReset, m_categoryView,
            [this] { m_categoryView->expandToDepth(0); });
    connect(m_categoryView, &QTreeView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT categoryActivated(m_categories->slugAt(index));
    });
    connect(m_categoryView, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        Q_EMIT categoryActivated(m_categories->slugAt(index));
    });
    auto *categoriesHeading = new QLabel(content);
    m_retranslator->add([categoriesHeading] { categoriesHeading->setText(tr("Categories")); });
    QFont heading = categoriesHeading->font();
    heading.setBold(true);
    heading.setPointSizeF(heading.pointSizeF() * 1.2);
    categoriesHeading->setFont(heading);

    m_newArrivalsView->setObjectName(QStringLiteral("newArrivals"));
    m_bestPricesView->setObjectName(QStringLiteral("bestPrices"));
    auto *strips = new QVBoxLayout;
    strips->addWidget(makeStrip([] { return tr("New arrivals"); }, m_newArrivals, m_newArrivalsView,
                                ProductSort::Newest));
    strips->addWidget(makeStrip([] { return tr("Best prices"); }, m_bestPrices, m_bestPricesView,
                                ProductSort::PriceAsc));
    strips->addStretch(1);

    auto *left = new QVBoxLayout;
    left->addWidget(categoriesHeading);
    left->addWidget(m_categoryView, 1);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left);
    columns->addSpacing(fontMetrics().height());
    columns->addLayout(strips, 1);

    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(title);
    contentLayout->addWidget(subtitle);
    contentLayout->addSpacing(fontMetrics().height() / 2);
    contentLayout->addLayout(columns, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_stack->addWidget(scroll);
    m_stack->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_status, &Widgets::StatusPanel::retryRequested, this, &HomePage::refresh);
    connect(&m_context, &Widgets::AppContext::serverChanged, this, &HomePage::refresh);
    refresh();
    // After a language change: the models' texts and prices, and the loading message.
    m_retranslator->add([this] {
        m_categories->retranslate();
        m_newArrivals->retranslate();
        m_bestPrices->retranslate();
        updateState();
    });
}

QWidget *HomePage::makeStrip(const std::function<QString()> &title, ProductListModel *model,
                             ProductGridView *view, ProductSort sort)
{
    auto *strip = new QWidget(this);
    auto *heading = new QLabel(strip);
    QFont font = heading->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    heading->setFont(font);
    auto *seeAll = new QPushButton(strip);
    seeAll->setFlat(true);
    seeAll->setCursor(Qt::PointingHandCursor);
    m_retranslator->add([heading, seeAll, title] {
        heading->setText(title());
        seeAll->setText(tr("See all"));
        seeAll->setToolTip(tr("Show all of them in the catalog"));
    });
    connect(seeAll, &QPushButton::clicked, this,
            [this, sort] { Q_EMIT seeAllRequested(sort, true); });
    auto *top = new QHBoxLayout;
    top->addWidget(heading);
    top->addStretch(1);
    top->addWidget(seeAll);

    view->setStripMode(true);
    view->setModel(model);
    connect(view, &ProductGridView::productActivated, this, &HomePage::productActivated);

    auto *layout = new QVBoxLayout(strip);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(view);
    return strip;
}

void HomePage::refresh()
{
    m_context.images()->retryFailed();
    m_categories->reload();
    ProductQuery newest;
    newest.sort = ProductSort::Newest;
    newest.inStock = true;
    m_newArrivals->setQuery(newest);
    ProductQuery cheapest;
    cheapest.sort = ProductSort::PriceAsc;
    cheapest.inStock = true;
    m_bestPrices->setQuery(cheapest);
    updateState();
}

bool HomePage::isShowingContent() const
{
    return m_stack->currentIndex() == 0;
}

void HomePage::updateState()
{
    const Error *error = nullptr;
    if (m_newArrivals->state() == ProductListModel::State::Failed) {
        error = &m_newArrivals->lastError();
    } else if (m_bestPrices->state() == ProductListModel::State::Failed) {
        error = &m_bestPrices->lastError();
    } else if (m_categories->state() == CategoryTreeModel::State::Failed) {
        error = &m_categories->lastError();
    }
    if (error) {
        const auto text = Client::UserMessages::describe(*error, m_context.api()->baseUrl());
        m_status->showError(text.title, text.message);
        m_stack->setCurrentWidget(m_status);
        return;
    }
    const bool loading = m_newArrivals->state() == ProductListModel::State::Loading
        && m_newArrivals->rowCount() == 0;
    if (loading) {
        m_status->showLoading(tr("Loading the shop …"));
        m_stack->setCurrentWidget(m_status);
        return;
    }
    m_stack->setCurrentIndex(0);
}

} // namespace Shop::Storefront
