#include "liveorders.h"

#include "client/adminorderlistmodel.h"
#include "orderspage.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>
#include <QSystemTrayIcon>

namespace Shop::Admin {

using Client::AdminEvents;
using Client::AdminOrderEvent;

LiveOrders::LiveOrders(AdminEvents *events, OrdersPage *orders, QLabel *indicator, QWidget *window)
    : QObject(window)
    , m_events(events)
    , m_orders(orders)
    , m_indicator(indicator)
    , m_window(window)
{
    m_refreshDelay.setSingleShot(true);
    m_refreshDelay.setInterval(kRefreshDelay);
    connect(&m_refreshDelay, &QTimer::timeout, this, &LiveOrders::refreshNow);
    // A refresh in flight is not cancelled by the next event (a steady stream of orders would
    // starve the table): the next one starts when it is answered.
    connect(orders->model(), &Client::AdminOrderListModel::stateChanged, this,
            [this](Client::AdminOrderListModel::State state) {
                if (state != Client::AdminOrderListModel::State::Loading && m_again) {
                    m_again = false;
                    scheduleRefresh();
                }
            });
    // A tray only where the platform has one (offscreen and many desktops have none).
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(tr("Shop Admin"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_window) {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            }
        });
    }
    connect(events, &AdminEvents::orderPlaced, this, [this](const AdminOrderEvent &order) {
        scheduleRefresh();
        notify(tr("New order"),
               tr("Order %1 from %2: %3")
                   .arg(order.orderNumber, order.customerEmail, order.total.format()));
    });
    connect(events, &AdminEvents::orderPaid, this, [this](const AdminOrderEvent &order) {
        scheduleRefresh();
        notify(tr("Order paid"),
               tr("Order %1 is paid: %2").arg(order.orderNumber, order.total.format()));
    });
    connect(events, &AdminEvents::orderCancelled, this, &LiveOrders::scheduleRefresh);
    connect(events, &AdminEvents::orderStatusChanged, this, &LiveOrders::scheduleRefresh);
    connect(events, &AdminEvents::resetRequired, this, [this] {
        if (m_orders) {
            m_orders->refresh();
        }
    });
    connect(events, &AdminEvents::stateChanged, this, [this](AdminEvents::State state) {
        updateIndicator();
        // Back after a gap: the feed replays what it still has, and the table catches up.
        if (state == AdminEvents::State::Connected) {
            scheduleRefresh();
        }
    });
    updateIndicator();
}

LiveOrders::~LiveOrders() = default;

void LiveOrders::refreshNow()
{
    if (!m_orders) {
        return;
    }
    if (m_orders->model()->state() == Client::AdminOrderListModel::State::Loading) {
        m_again = true;
        return;
    }
    m_orders->refreshLive();
}

void LiveOrders::scheduleRefresh()
{
    if (!m_refreshDelay.isActive()) {
        m_refreshDelay.start();
    }
}

void LiveOrders::notify(const QString &title, const QString &text)
{
    ++m_notices;
    m_lastNotice = text;
    if (m_tray) {
        m_tray->show();
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 8000);
    } else if (auto *window = qobject_cast<QMainWindow *>(m_window.data())) {
        window->statusBar()->showMessage(title + QStringLiteral(": ") + text, 8000);
    }
    Q_EMIT noticeShown(title, text);
}

void LiveOrders::updateIndicator()
{
    if (!m_indicator || !m_events) {
        return;
    }
    QString text;
    QString color;
    switch (m_events->state()) {
    case AdminEvents::State::Connected:
        text = tr("● Live");
        color = QStringLiteral("#1a7f37");
        break;
    case AdminEvents::State::Connecting:
    case AdminEvents::State::Reconnecting:
        text = tr("● Reconnecting …");
        color = QStringLiteral("#9a6700");
        break;
    case AdminEvents::State::Stopped:
    case AdminEvents::State::Unauthorized:
        text = tr("● Live feed off");
        color = QStringLiteral("#6e7781");
        break;
    }
    m_indicator->setText(text);
    m_indicator->setStyleSheet(QStringLiteral("color: %1;").arg(color));
    m_indicator->setToolTip(
        m_events->state() == AdminEvents::State::Connected
            ? tr("New orders appear as they are placed.")
            : tr("The live feed is not connected; the tables refresh on F5 and every 30 seconds."));
}

} // namespace Shop::Admin
