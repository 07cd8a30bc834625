#pragma once

#include <QRect>
#include <QSize>
#include <QString>

class QMainWindow;
class QScreen;
class QWidget;

namespace Shop::Client {
class Settings;
} // namespace Shop::Client

namespace Shop::Widgets {

// Remembers a main window's geometry and toolbar/dock state between runs.
class WindowState final
{
public:
    // The share of the screen's available width and height a window takes on its first run.
    static constexpr qreal kFirstRunShare = 0.8;

    // Restores what was saved. On the first run (nothing saved), or when the saved place is on
    // no screen any more (a monitor was unplugged, the resolution shrank), the window gets
    // firstRunGeometry() on the screen it opens on (the one under the mouse pointer). A saved
    // window larger than its screen is now shrunk to fit it.
    static void restore(QMainWindow &window, const Client::Settings &settings, const QString &key,
                        QSize minimumSizeInLines);
    static void save(const QMainWindow &window, Client::Settings &settings, const QString &key);

    // kFirstRunShare of `screen`'s available geometry, but at least `minimumSizeInLines`
    // font-height units (so it suits any DPI) and the window's minimum size hint, never more
    // than the available geometry; centred on it.
    [[nodiscard]] static QRect firstRunGeometry(const QWidget &window, const QScreen &screen,
                                                QSize minimumSizeInLines);
};

} // namespace Shop::Widgets
