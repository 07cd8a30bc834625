#include "dashboardpage.h"

#include "client/adminevents.h"
#include "client/adminorderlistmodel.h"
#include "client/catalogclient.h"
#include "client/usermessages.h"
#include "commerce/orderstatus.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/uistyle.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QToolTip>
#include <QVBoxLayout>

namespace Shop::Admin {

namespace {

// The number a tile shows, kept to format it again after a language change.
constexpr char kFigureProperty[] = "shopFigure";

qint64 countCategories(const QList<Category> &categories)
{
    qint64 count = 0;
    for (const Category &category : categories) {
        count += 1 + countCategories(category.children);
    }
    return count;
}

QLabel *sectionHeading(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setFont(Widgets::UiStyle::scaled(label->font(), 1.15));
    return label;
}

QTableWidget *smallTable(const QString &name, int columns, QWidget *parent)
{
    auto *table = new QTableWidget(0, columns, parent);
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table->setMinimumHeight(table->fontMetrics().height() * 8);
    return table;
}

QTableWidgetItem *item(const QString &text, Qt::Alignment alignment = Qt::AlignLeft)
{
    auto *cell = new QTableWidgetItem(text);
    cell->setTextAlignment(alignment | Qt::AlignVCenter);
    return cell;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// RevenueChart

RevenueChart::RevenueChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("revenueChart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void RevenueChart::setDays(const QList<Client::DailySales> &days, const Currency &currency)
{
    m_days = days;
    m_currency = currency;
    update();
}

QSize RevenueChart::sizeHint() const
{
    return {fontMetrics().height() * 30, fontMetrics().height() * 10};
}

QSize RevenueChart::minimumSizeHint() const
{
    return {fontMetrics().height() * 12, fontMetrics().height() * 6};
}

QRectF RevenueChart::plotArea() const
{
    const qreal line = fontMetrics().height();
    const qreal left =
        fontMetrics().horizontalAdvance(Money(999999999, m_currency).format()) + line;
    return QRectF(left, line, std::max<qreal>(width() - left - line / 2, 1),
                  std::max<qreal>(height() - 2.5 * line, 1));
}

int RevenueChart::dayAt(QPointF position) const
{
    const QRectF area = plotArea();
    if (m_days.isEmpty() || !area.adjusted(0, 0, 0, fontMetrics().height()).contains(position)) {
        return -1;
    }
    const int index = int((position.x() - area.left()) / (area.width() / m_days.size()));
    return index >= 0 && index < m_days.size() ? index : -1;
}

void RevenueChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QRectF area = plotArea();
    qint64 highest = 0;
    for (const Client::DailySales &day : m_days) {
        highest = std::max(highest, day.revenue);
    }
    // The axis: zero and the highest day.
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawLine(area.bottomLeft(), area.bottomRight());
    painter.drawLine(area.topLeft(), area.topRight());
    const qreal line = fontMetrics().height();
    const QRectF labels(0, 0, area.left() - line / 2, line);
    painter.setPen(pal.color(QPalette::WindowText));
    painter.drawText(labels.translated(0, area.top() - line / 2), Qt::AlignRight | Qt::AlignVCenter,
                     Money(highest, m_currency).format());
    painter.drawText(labels.translated(0, area.bottom() - line / 2),
                     Qt::AlignRight | Qt::AlignVCenter, Money(0, m_currency).format());
    if (m_days.isEmpty()) {
        return;
    }
    const qreal slot = area.width() / m_days.size();
    const qreal gap = std::min<qreal>(slot * 0.2, line / 3);
    const QColor bar = pal.color(QPalette::Highlight);
    for (int i = 0; i < m_days.size(); ++i) {
        const qreal fraction = highest > 0 ? qreal(m_days[i].revenue) / qreal(highest) : 0;
        const qreal h = std::max<qreal>(fraction * area.height(), m_days[i].revenue > 0 ? 1 : 0);
        painter.fillRect(QRectF(area.left() + i * slot + gap / 2, area.bottom() - h, slot - gap, h),
                         bar);
    }
    // The first and last day under the axis.
    painter.setPen(pal.color(QPalette::WindowText));
    const QLocale locale;
    const QRectF below(area.left(), area.bottom() + line / 4, area.width(), line);
    painter.drawText(below, Qt::AlignLeft,
                     locale.toString(m_days.first().date, QLocale::ShortFormat));
    painter.drawText(below, Qt::AlignRight,
                     locale.toString(m_days.last().date, QLocale::ShortFormat));
}

bool RevenueChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = dayAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const Client::DailySales &day = m_days[index];
        QToolTip::showText(help->globalPos(),
                           tr("%1: %n order(s), %2", nullptr, int(day.orders))
                               .arg(QLocale().toString(day.date, QLocale::LongFormat),
                                    Money(day.revenue, m_currency).format()),
                           this);
        return true;
    }
    return QWidget::event(event);
}

// ---------------------------------------------------------------------------------------------
// DashboardPage

DashboardPage::DashboardPage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_catalog(new Client::CatalogClient(context.api(), this))
    , m_client(new Client::DashboardClient(context.api(), this))
    , m_tiles(new QWidget(this))
    , m_salesTiles(new QWidget(this))
    , m_statusTiles(new QWidget(this))
    , m_updated(new QLabel(this))
    , m_error(new QLabel(this))
    , m_chart(new RevenueChart(this))
    , m_lowStock(smallTable(QStringLiteral("lowStockTable"), 3, this))
    , m_topProducts(smallTable(QStringLiteral("topProductsTable"), 4, this))
{
    setObjectName(QStringLiteral("dashboardPage"));
    m_retranslator = new Widgets::Retranslator(this);
    m_liveDelay.setSingleShot(true);
    m_liveDelay.setInterval(kLiveDelay);
    connect(&m_liveDelay, &QTimer::timeout, this, &DashboardPage::refreshSales);

    auto *heading = new QLabel(this);
    heading->setFont(Widgets::UiStyle::scaled(heading->font(), 1.5));

    new QGridLayout(m_tiles);
    m_tiles->layout()->setContentsMargins(0, 0, 0, 0);
    m_products = addTile(m_tiles, QStringLiteral("products"), [] { return tr("Products"); });
    m_inStock = addTile(m_tiles, QStringLiteral("inStock"), [] { return tr("In stock"); });
    m_outOfStock =
        addTile(m_tiles, QStringLiteral("outOfStock"), [] { return tr("Out of stock"); });
    m_categories = addTile(m_tiles, QStringLiteral("categories"), [] { return tr("Categories"); });

    // Sales: a row per period, a column per figure.
    auto *sales = new QGridLayout(m_salesTiles);
    sales->setContentsMargins(0, 0, 0, 0);
    const QString periods[] = {QStringLiteral("today"), QStringLiteral("week"),
                               QStringLiteral("month")};
    const QString figures[] = {QStringLiteral("Orders"), QStringLiteral("Revenue"),
                               QStringLiteral("Average")};
    QLabel *periodLabels[3];
    QLabel *figureLabels[3];
    for (int c = 0; c < 3; ++c) {
        figureLabels[c] = new QLabel(m_salesTiles);
        Widgets::UiStyle::makeSecondary(figureLabels[c]);
        sales->addWidget(figureLabels[c], 0, c + 1, Qt::AlignRight);
    }
    for (int r = 0; r < 3; ++r) {
        periodLabels[r] = new QLabel(m_salesTiles);
        sales->addWidget(periodLabels[r], r + 1, 0);
        for (int c = 0; c < 3; ++c) {
            auto *value = new QLabel(QStringLiteral("–"), m_salesTiles);
            value->setObjectName(periods[r] + figures[c]);
            value->setFont(Widgets::UiStyle::scaled(value->font(), 1.4));
            value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            value->setTextInteractionFlags(Qt::TextSelectableByMouse);
            sales->addWidget(value, r + 1, c + 1);
        }
    }
    sales->setColumnStretch(4, 1);

    // Orders by status.
    auto *statuses = new QGridLayout(m_statusTiles);
    statuses->setContentsMargins(0, 0, 0, 0);
    QList<QPair<QLabel *, Commerce::OrderStatus>> statusCaptions;
    int column = 0;
    for (Commerce::OrderStatus status : Commerce::allOrderStatuses()) {
        auto *caption = new QLabel(m_statusTiles);
        Widgets::UiStyle::makeSecondary(caption);
        auto *value = new QLabel(QStringLiteral("–"), m_statusTiles);
        value->setObjectName(QStringLiteral("status_") + Commerce::toString(status));
        value->setFont(Widgets::UiStyle::scaled(value->font(), 1.4));
        statuses->addWidget(caption, 0, column);
        statuses->addWidget(value, 1, column);
        statusCaptions.append({caption, status});
        ++column;
    }
    statuses->setColumnStretch(column, 1);

    m_error->setObjectName(QStringLiteral("dashboardError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_error->hide();
    m_updated->setObjectName(QStringLiteral("dashboardUpdated"));
    Widgets::UiStyle::makeSecondary(m_updated);

    auto *refreshButton =
        new QPushButton(QIcon(QStringLiteral(":/shop/icons/refresh.svg")), QString(), this);
    refreshButton->setObjectName(QStringLiteral("dashboardRefresh"));
    connect(refreshButton, &QPushButton::clicked, this, &DashboardPage::refresh);
    auto *salesHeading = sectionHeading(this);
    auto *statusHeading = sectionHeading(this);
    auto *chartHeading = sectionHeading(this);
    auto *lowHeading = sectionHeading(this);
    auto *topHeading = sectionHeading(this);
    auto *catalogHeading = sectionHeading(this);
    m_retranslator->add([=, this] {
        heading->setText(tr("Dashboard"));
        refreshButton->setText(tr("&Refresh"));
        salesHeading->setText(tr("Sales"));
        periodLabels[0]->setText(tr("Today"));
        periodLabels[1]->setText(tr("Last 7 days"));
        periodLabels[2]->setText(tr("Last 30 days"));
        figureLabels[0]->setText(tr("Orders"));
        figureLabels[1]->setText(tr("Revenue"));
        figureLabels[2]->setText(tr("Average order"));
        statusHeading->setText(tr("Orders by status"));
        for (const auto &[caption, status] : statusCaptions) {
            caption->setText(Client::AdminOrderListModel::statusText(status));
        }
        chartHeading->setText(tr("Revenue, last 30 days"));
        lowHeading->setText(tr("Low stock"));
        topHeading->setText(tr("Top products, last 30 days"));
        catalogHeading->setText(tr("Catalog"));
        m_lowStock->setHorizontalHeaderLabels({tr("SKU"), tr("Name"), tr("Stock")});
        m_topProducts->setHorizontalHeaderLabels(
            {tr("SKU"), tr("Name"), tr("Units"), tr("Revenue")});
        // The figures in the new locale's digits and separators.
        for (QLabel *label : {m_products, m_inStock, m_outOfStock, m_categories}) {
            if (const QVariant value = label->property(kFigureProperty); value.isValid()) {
                setFigure(label, value.toLongLong());
            }
        }
        showDashboard();
    });

    auto *top = new QHBoxLayout;
    top->addWidget(heading);
    top->addStretch(1);
    top->addWidget(m_updated);
    top->addWidget(refreshButton);
    auto *tables = new QGridLayout;
    tables->addWidget(lowHeading, 0, 0);
    tables->addWidget(topHeading, 0, 1);
    tables->addWidget(m_lowStock, 1, 0);
    tables->addWidget(m_topProducts, 1, 1);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(salesHeading);
    layout->addWidget(m_salesTiles);
    layout->addWidget(statusHeading);
    layout->addWidget(m_statusTiles);
    layout->addWidget(chartHeading);
    layout->addWidget(m_chart, 1);
    layout->addLayout(tables, 1);
    layout->addWidget(catalogHeading);
    layout->addWidget(m_tiles);
    auto *scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(&context, &Widgets::AppContext::serverChanged, this, &DashboardPage::refresh);
    refresh();
}

void DashboardPage::setEvents(Client::AdminEvents *events)
{
    using Client::AdminEvents;
    connect(events, &AdminEvents::dashboardChanged, this, &DashboardPage::scheduleLive);
    connect(events, &AdminEvents::orderPlaced, this, &DashboardPage::scheduleLive);
    connect(events, &AdminEvents::orderPaid, this, &DashboardPage::scheduleLive);
    connect(events, &AdminEvents::orderCancelled, this, &DashboardPage::scheduleLive);
    connect(events, &AdminEvents::orderStatusChanged, this, &DashboardPage::scheduleLive);
    connect(events, &AdminEvents::stockLow, this, &DashboardPage::scheduleLive);
    connect(events, &AdminEvents::resetRequired, this, &DashboardPage::refresh);
    // Back after a gap: what happened meanwhile.
    connect(events, &AdminEvents::stateChanged, this, [this](AdminEvents::State state) {
        if (state == AdminEvents::State::Connected) {
            scheduleLive();
        }
    });
}

void DashboardPage::scheduleLive()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    // Not restarted by later events: at most one call per kLiveDelay, and never starved.
    if (!m_liveDelay.isActive()) {
        m_liveDelay.start();
    }
}

void DashboardPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        refreshSales();
    }
}

QLabel *DashboardPage::addTile(QWidget *tiles, const QString &name,
                               const std::function<QString()> &title)
{
    auto *tile = new QFrame(tiles);
    tile->setFrameShape(QFrame::StyledPanel);
    auto *caption = new QLabel(tile);
    m_retranslator->add([caption, title] { caption->setText(title()); });
    auto *value = new QLabel(QStringLiteral("–"), tile);
    value->setObjectName(name);
    value->setFont(Widgets::UiStyle::scaled(value->font(), 2.0));
    auto *layout = new QVBoxLayout(tile);
    layout->addWidget(caption);
    layout->addWidget(value);
    auto *grid = static_cast<QGridLayout *>(tiles->layout());
    const int index = grid->count();
    grid->addWidget(tile, index / 4, index % 4);
    return value;
}

void DashboardPage::setFigure(QLabel *label, qint64 value)
{
    label->setProperty(kFigureProperty, value);
    label->setText(QLocale().toString(value));
}

void DashboardPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

QString DashboardPage::figure(const QString &name) const
{
    const auto *label = findChild<QLabel *>(name);
    return label ? label->text() : QString();
}

void DashboardPage::refresh()
{
    m_error->hide();
    m_liveDelay.stop();
    refreshSales();
    Client::ApiClient *api = m_context.api();
    const auto count = [this, api](std::optional<bool> inStock, QLabel *label) {
        ProductQuery query;
        query.limit = 1;
        query.inStock = inStock;
        Client::CallOptions options;
        options.supersedeKey = QStringLiteral("dashboard-") + label->objectName();
        m_catalog->products(
            query, this,
            [this, label, api](Result<Page<Product>> result) {
                if (!result) {
                    showError(
                        Client::UserMessages::describe(result.error(), api->baseUrl()).message);
                    return;
                }
                setFigure(label, result->total);
            },
            options);
    };
    count(std::nullopt, m_products);
    count(true, m_inStock);
    count(false, m_outOfStock);
    m_catalog->categories(this, [this, api](Result<QList<Category>> result) {
        if (!result) {
            showError(Client::UserMessages::describe(result.error(), api->baseUrl()).message);
            return;
        }
        setFigure(m_categories, countCategories(*result));
    });
}

void DashboardPage::refreshSales()
{
    m_stale = false;
    Client::ApiClient *api = m_context.api();
    m_client->dashboard(this, [this, api](Result<Client::Dashboard> result) {
        if (!result) {
            showError(Client::UserMessages::describe(result.error(), api->baseUrl()).message);
            return;
        }
        m_error->hide();
        m_data = std::move(*result);
        ++m_loads;
        showDashboard();
        Q_EMIT dashboardLoaded();
    });
}

void DashboardPage::showDashboard()
{
    if (!m_data) {
        return;
    }
    const Client::Dashboard &data = *m_data;
    const QLocale locale;
    const struct
    {
        const char *period;
        const Client::SalesFigures *figures;
    } periods[] = {{"today", &data.today}, {"week", &data.last7Days}, {"month", &data.last30Days}};
    for (const auto &period : periods) {
        const QString name = QLatin1String(period.period);
        if (auto *orders = m_salesTiles->findChild<QLabel *>(name + QStringLiteral("Orders"))) {
            orders->setText(locale.toString(period.figures->orders));
        }
        if (auto *revenue = m_salesTiles->findChild<QLabel *>(name + QStringLiteral("Revenue"))) {
            revenue->setText(period.figures->revenue.format(locale));
        }
        if (auto *average = m_salesTiles->findChild<QLabel *>(name + QStringLiteral("Average"))) {
            average->setText(period.figures->averageOrder.format(locale));
        }
    }
    for (Commerce::OrderStatus status : Commerce::allOrderStatuses()) {
        const QString wire = Commerce::toString(status);
        if (auto *label = m_statusTiles->findChild<QLabel *>(QStringLiteral("status_") + wire)) {
            label->setText(locale.toString(data.ordersByStatus.value(wire)));
        }
    }
    m_chart->setDays(data.daily, data.currency);
    m_lowStock->setRowCount(int(data.lowStock.size()));
    for (int row = 0; row < data.lowStock.size(); ++row) {
        const Client::LowStockProduct &product = data.lowStock[row];
        m_lowStock->setItem(row, 0, item(product.sku));
        m_lowStock->setItem(row, 1, item(product.name));
        m_lowStock->setItem(row, 2, item(locale.toString(product.stockQuantity), Qt::AlignRight));
    }
    m_topProducts->setRowCount(int(data.topProducts.size()));
    for (int row = 0; row < data.topProducts.size(); ++row) {
        const Client::TopProduct &product = data.topProducts[row];
        m_topProducts->setItem(row, 0, item(product.sku));
        m_topProducts->setItem(row, 1, item(product.name));
        m_topProducts->setItem(row, 2, item(locale.toString(product.units), Qt::AlignRight));
        m_topProducts->setItem(
            row, 3, item(Money(product.revenue, data.currency).format(locale), Qt::AlignRight));
    }
    m_updated->setText(
        tr("Updated %1")
            .arg(locale.toString(
                (data.generatedAt.isValid() ? data.generatedAt : QDateTime::currentDateTime())
                    .toLocalTime()
                    .time(),
                QLocale::ShortFormat)));
}

} // namespace Shop::Admin
