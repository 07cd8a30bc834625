#pragma once

#include <QSize>
#include <QString>

class QMainWindow;

namespace Shop::Client {
class Settings;
} // namespace Shop::Client

namespace Shop::Widgets {

// Remembers a main window's geometry and toolbar/dock state between runs.
class WindowState final
{
public:
    // Restores what was saved, or sizes the window to `defaultSize` font-height units (so it
    // suits any DPI) and centres it on the screen.
    static void restore(QMainWindow &window, const Client::Settings &settings, const QString &key,
                        QSize defaultSizeInLines);
    static void save(const QMainWindow &window, Client::Settings &settings, const QString &key);
};

} // namespace Shop::Widgets
