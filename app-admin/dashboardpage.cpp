#include "dashboardpage.h"

#include "client/catalogclient.h"
#include "client/usermessages.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/uistyle.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
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

} // namespace

DashboardPage::DashboardPage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_catalog(new Client::CatalogClient(context.api(), this))
    , m_tiles(new QWidget(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("dashboardPage"));
    m_retranslator = new Widgets::Retranslator(this);
    auto *heading = new QLabel(this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    heading->setFont(font);

    auto *grid = new QGridLayout(m_tiles);
    grid->setContentsMargins(0, 0, 0, 0);
    m_products = addTile(QStringLiteral("products"), [] { return tr("Products"); });
    m_inStock = addTile(QStringLiteral("inStock"), [] { return tr("In stock"); });
    m_outOfStock = addTile(QStringLiteral("outOfStock"), [] { return tr("Out of stock"); });
    m_categories = addTile(QStringLiteral("categories"), [] { return tr("Categories"); });

    m_error->setObjectName(QStringLiteral("dashboardError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_error->hide();

    auto *refreshButton =
        new QPushButton(QIcon(QStringLiteral(":/shop/icons/refresh.svg")), QString(), this);
    connect(refreshButton, &QPushButton::clicked, this, &DashboardPage::refresh);
    auto *sales = new QLabel(this);
    m_retranslator->add([this, heading, refreshButton, sales] {
        heading->setText(tr("Dashboard"));
        refreshButton->setText(tr("&Refresh"));
        sales->setText(tr("Sales, revenue and order figures arrive with the orders feature."));
        // The figures in the new locale's digits and separators.
        for (QLabel *label : {m_products, m_inStock, m_outOfStock, m_categories}) {
            if (const QVariant value = label->property(kFigureProperty); value.isValid()) {
                setFigure(label, value.toLongLong());
            }
        }
    });
    sales->setWordWrap(true);
    Widgets::UiStyle::makeSecondary(sales);

    auto *top = new QHBoxLayout;
    top->addWidget(heading);
    top->addStretch(1);
    top->addWidget(refreshButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tiles);
    layout->addWidget(m_error);
    layout->addSpacing(fontMetrics().height());
    layout->addWidget(sales);
    layout->addStretch(1);

    connect(&context, &Widgets::AppContext::serverChanged, this, &DashboardPage::refresh);
    refresh();
}

QLabel *DashboardPage::addTile(const QString &name, const std::function<QString()> &title)
{
    auto *tile = new QFrame(m_tiles);
    tile->setFrameShape(QFrame::StyledPanel);
    auto *caption = new QLabel(tile);
    m_retranslator->add([caption, title] { caption->setText(title()); });
    auto *value = new QLabel(QStringLiteral("–"), tile);
    value->setObjectName(name);
    QFont font = value->font();
    font.setPointSizeF(font.pointSizeF() * 2.0);
    font.setBold(true);
    value->setFont(font);
    auto *layout = new QVBoxLayout(tile);
    layout->addWidget(caption);
    layout->addWidget(value);
    auto *grid = static_cast<QGridLayout *>(m_tiles->layout());
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
    const auto *label = m_tiles->findChild<QLabel *>(name);
    return label ? label->text() : QString();
}

void DashboardPage::refresh()
{
    m_error->hide();
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

} // namespace Shop::Admin
