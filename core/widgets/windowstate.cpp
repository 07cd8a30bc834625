#include "widgets/windowstate.h"

#include "client/settings.h"

#include <QCursor>
#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>

#include <algorithm>

namespace Shop::Widgets {

using Client::Settings;

namespace {

// The screen a new window opens on: the one under the mouse pointer, else the window's own.
QScreen *screenForNewWindow(const QWidget &window)
{
    if (QScreen *screen = QGuiApplication::screenAt(QCursor::pos())) {
        return screen;
    }
    return window.screen();
}

// The screen where the user can still reach the window: the one whose available area holds the
// middle of the window's top edge, where the title bar is grabbed; nullptr when there is none.
const QScreen *screenOfTitleBar(const QRect &geometry)
{
    const QPoint titleBar(geometry.center().x(), geometry.top());
    const QScreen *screen = QGuiApplication::screenAt(titleBar);
    return screen != nullptr && screen->availableGeometry().contains(titleBar) ? screen : nullptr;
}

// `geometry` shrunk to `available` and moved as little as needed to lie inside it.
QRect fittedInto(QRect geometry, const QRect &available)
{
    geometry.setSize(geometry.size().boundedTo(available.size()));
    geometry.moveLeft(std::clamp(geometry.left(), available.left(),
                                 available.left() + available.width() - geometry.width()));
    geometry.moveTop(std::clamp(geometry.top(), available.top(),
                                available.top() + available.height() - geometry.height()));
    return geometry;
}

} // namespace

void WindowState::restore(QMainWindow &window, const Settings &settings, const QString &key,
                          QSize minimumSizeInLines)
{
    const QByteArray geometry = settings.windowGeometry(key);
    const bool restored = !geometry.isEmpty() && window.restoreGeometry(geometry);
    const QScreen *screen = restored ? screenOfTitleBar(window.normalGeometry()) : nullptr;
    if (screen == nullptr) {
        // First run, or the saved place is on no screen any more.
        if (const QScreen *target = screenForNewWindow(window)) {
            window.setGeometry(firstRunGeometry(window, *target, minimumSizeInLines));
        }
    } else if (const QRect normal = window.normalGeometry();
               normal.width() > screen->availableGeometry().width()
               || normal.height() > screen->availableGeometry().height()) {
        // Saved when the screen had more room.
        window.setGeometry(fittedInto(normal, screen->availableGeometry()));
    }
    const QByteArray state = settings.windowState(key);
    if (!state.isEmpty()) {
        window.restoreState(state);
    }
}

void WindowState::save(const QMainWindow &window, Settings &settings, const QString &key)
{
    settings.setWindowGeometry(key, window.saveGeometry());
    settings.setWindowState(key, window.saveState());
    settings.sync();
}

QRect WindowState::firstRunGeometry(const QWidget &window, const QScreen &screen,
                                    QSize minimumSizeInLines)
{
    const QRect available = screen.availableGeometry();
    const int line = window.fontMetrics().height();
    const QSize minimum =
        QSize(minimumSizeInLines.width() * line, minimumSizeInLines.height() * line)
            .expandedTo(window.minimumSizeHint());
    const QSize size =
        (available.size() * kFirstRunShare).expandedTo(minimum).boundedTo(available.size());
    QRect result(QPoint(), size);
    result.moveCenter(available.center());
    return result;
}

} // namespace Shop::Widgets
