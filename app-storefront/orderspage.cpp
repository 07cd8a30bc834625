#include "orderspage.h"

#include "client/apiclient.h"
#include "client/authsession.h"
#include "client/orderlistmodel.h"
#include "client/ordersclient.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/statuspanel.h"
#include "widgets/uistyle.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Shop::Storefront {

OrdersPage::OrdersPage(Widgets::AppContext &context, Client::OrdersClient *orders, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new Client::OrderListModel(orders, this))
    , m_pages(new QStackedWidget(this))
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_status(new Widgets::StatusPanel(this))
    , m_content(new QStackedWidget(this))
    , m_open(new QPushButton(this))
    , m_fill(new QTimer(this))
{
    setObjectName(QStringLiteral("ordersPage"));
    m_title->setFont(Widgets::UiStyle::scaled(font(), 1.5));
    m_summary->setObjectName(QStringLiteral("ordersSummary"));
    m_table->setObjectName(QStringLiteral("ordersTable"));
    m_status->setObjectName(QStringLiteral("ordersStatus"));
    m_open->setObjectName(QStringLiteral("openOrder"));

    // Signed out
    auto *signedOut = new QWidget(m_pages);
    auto *signedOutText = new QLabel(signedOut);
    signedOutText->setObjectName(QStringLiteral("ordersSignedOut"));
    signedOutText->setWordWrap(true);
    signedOutText->setAlignment(Qt::AlignCenter);
    auto *signIn = new QPushButton(signedOut);
    signIn->setObjectName(QStringLiteral("ordersSignIn"));
    auto *signedOutLayout = new QVBoxLayout(signedOut);
    signedOutLayout->addStretch(1);
    signedOutLayout->addWidget(signedOutText);
    signedOutLayout->addWidget(signIn, 0, Qt::AlignCenter);
    signedOutLayout->addStretch(2);
    connect(signIn, &QPushButton::clicked, this, &OrdersPage::signInRequested);

    // Signed in
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Order numbers all have the same length: the column takes the room, never elides them.
    m_table->horizontalHeader()->setSectionResizeMode(Client::OrderListModel::NumberColumn,
                                                      QHeaderView::Stretch);
    m_content->addWidget(m_table);
    m_content->addWidget(m_status);
    auto *signedIn = new QWidget(m_pages);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_open);
    auto *signedInLayout = new QVBoxLayout(signedIn);
    signedInLayout->setContentsMargins(0, 0, 0, 0);
    signedInLayout->addLayout(header);
    signedInLayout->addWidget(m_summary);
    signedInLayout->addWidget(m_content, 1);
    m_pages->addWidget(signedOut);
    m_pages->addWidget(signedIn);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([=, this] {
        signedOutText->setText(tr("Sign in to see your orders."));
        signIn->setText(tr("Sign In …"));
        m_title->setText(tr("My Orders"));
        m_open->setText(tr("&Open Order"));
        m_model->retranslate();
        updateState();
    });

    connect(m_table, &QTableView::activated, this, [this] { openCurrent(); });
    connect(m_open, &QPushButton::clicked, this, &OrdersPage::openCurrent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_open->setEnabled(m_table->selectionModel()->hasSelection()); });
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { m_open->setEnabled(m_table->selectionModel()->hasSelection()); });
    connect(m_model, &Client::OrderListModel::stateChanged, this, &OrdersPage::updateState);
    m_fill->setSingleShot(true);
    m_fill->setInterval(0);
    connect(m_fill, &QTimer::timeout, this, &OrdersPage::fetchMoreIfRoom);
    connect(m_model, &Client::OrderListModel::pageLoaded, m_fill, qOverload<>(&QTimer::start));
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == m_table->verticalScrollBar()->maximum() && m_model->canFetchMore({})) {
            m_model->fetchMore({});
        }
    });
    connect(m_status, &Widgets::StatusPanel::retryRequested, this, [this] {
        if (m_model->rowCount() > 0) {
            m_model->retry();
        } else {
            refresh();
        }
    });
    connect(context.session(), &Client::AuthSession::userChanged, this,
            &OrdersPage::updateSignedIn);
    m_open->setEnabled(false);
    updateSignedIn();
}

bool OrdersPage::isSignedInView() const
{
    return m_pages->currentIndex() == 1;
}

void OrdersPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_fill->start();
}

void OrdersPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_fill->start();
}

void OrdersPage::fetchMoreIfRoom()
{
    if (!isVisible() || !m_model->canFetchMore({})) {
        return;
    }
    const int rowHeight = std::max(1, m_table->verticalHeader()->defaultSectionSize());
    if (m_model->rowCount() * rowHeight <= m_table->viewport()->height()) {
        m_model->fetchMore({});
    }
}

void OrdersPage::updateSignedIn()
{
    const auto user = m_context.session()->user();
    m_pages->setCurrentIndex(user ? 1 : 0);
    const QString id = user ? user->id : QString();
    if (id != m_userId) {
        // Another person (or nobody): nothing of the previous one stays.
        m_userId = id;
        m_model->clear();
        if (user && isVisible()) {
            refresh();
        }
    }
    updateState();
}

void OrdersPage::refresh()
{
    if (!m_context.session()->isSignedIn()) {
        return;
    }
    m_model->reload();
}

void OrdersPage::updateOrder(const Commerce::OrderView &order)
{
    m_model->updateOrder(order);
}

void OrdersPage::updateState()
{
    using State = Client::OrderListModel::State;
    const State state = m_model->state();
    const int rows = m_model->rowCount();
    if (state == State::Failed && rows == 0) {
        const auto text =
            Client::OrdersClient::describe(m_model->lastError(), m_context.api()->baseUrl());
        m_status->showError(text.title, text.message);
        m_content->setCurrentWidget(m_status);
    } else if (state == State::Loading && rows == 0) {
        m_status->showLoading(tr("Loading your orders …"));
        m_content->setCurrentWidget(m_status);
    } else if (state == State::Ready && rows == 0) {
        m_status->showEmpty(tr("No orders yet"),
                            tr("Your orders appear here once you have placed one."));
        m_content->setCurrentWidget(m_status);
    } else {
        m_content->setCurrentWidget(m_table);
    }
    if (state == State::Failed && rows > 0) {
        m_summary->setText(
            Client::OrdersClient::describe(m_model->lastError(), m_context.api()->baseUrl())
                .message);
    } else if (m_model->totalCount() >= 0) {
        m_summary->setText(tr("%n order(s)", nullptr, int(m_model->totalCount())));
    } else {
        m_summary->clear();
    }
}

void OrdersPage::openCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        return;
    }
    const QString id = current.siblingAtColumn(0).data(Client::OrderListModel::IdRole).toString();
    if (!id.isEmpty()) {
        Q_EMIT orderActivated(id);
    }
}

} // namespace Shop::Storefront
