#include "widgets/windowstate.h"

#include "client/settings.h"

#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>

namespace Shop::Widgets {

using Client::Settings;

void WindowState::restore(QMainWindow &window, const Settings &settings, const QString &key,
                          QSize defaultSizeInLines)
{
    const QByteArray geometry = settings.windowGeometry(key);
    if (geometry.isEmpty() || !window.restoreGeometry(geometry)) {
        const int line = window.fontMetrics().height();
        QSize size(defaultSizeInLines.width() * line, defaultSizeInLines.height() * line);
        if (const QScreen *screen = QGuiApplication::primaryScreen()) {
            const QRect available = screen->availableGeometry();
            size = size.boundedTo(available.size() * 0.9);
            window.resize(size);
            window.move(available.center() - QPoint(size.width() / 2, size.height() / 2));
        } else {
            window.resize(size);
        }
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

} // namespace Shop::Widgets
