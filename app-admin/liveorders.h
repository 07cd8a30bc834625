#pragma once

#include "client/adminevents.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QLabel;
class QSystemTrayIcon;
class QWidget;

namespace Shop::Admin {

class OrdersPage;

// The live feed in the console: new, paid, cancelled and changed orders reach the Orders table
// without a manual refresh (OrdersPage::refreshLive(), at most once per kRefreshDelay so that a
// burst of events costs one request), a notification for new and paid orders (the system tray's
// when there is one, else a notice in the window's status bar: never both, never a crash without
// a tray), and the feed's state in a status bar label ("Live", "Reconnecting …", "Live feed
// off"). `reset` reloads the table.
class LiveOrders final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveOrders)

public:
    static constexpr std::chrono::milliseconds kRefreshDelay {100};

    // `indicator` (may be null) shows the feed's state; `window` shows notices without a tray.
    LiveOrders(Client::AdminEvents *events, OrdersPage *orders, QLabel *indicator, QWidget *window);
    ~LiveOrders() override;

    [[nodiscard]] QString lastNotice() const { return m_lastNotice; }
    [[nodiscard]] int noticeCount() const { return m_notices; }
    [[nodiscard]] bool usesTray() const { return m_tray != nullptr; }
    void updateIndicator();

Q_SIGNALS:
    // A notification was shown (tray or window).
    void noticeShown(const QString &title, const QString &text);

private:
    void scheduleRefresh();
    void refreshNow();
    void notify(const QString &title, const QString &text);

    QPointer<Client::AdminEvents> m_events;
    QPointer<OrdersPage> m_orders;
    QPointer<QLabel> m_indicator;
    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer m_refreshDelay;
    QString m_lastNotice;
    int m_notices = 0;
    bool m_again = false; // events came while a refresh was in flight
};

} // namespace Shop::Admin
