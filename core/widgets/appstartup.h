#pragma once

#include "widgets/commandline.h"

#include <QIcon>
#include <QString>

#include <functional>

class QApplication;
class QMainWindow;

namespace Shop::Widgets {

class AppContext;

// The start-up sequence both apps share: command line, settings, language, the first-run server
// dialog, then the main window from `createWindow`. Kept out of main() so that it stays thin.
class AppStartup final
{
public:
    struct Info
    {
        QString applicationName; // "shop-storefront": settings and cache folder names
        QString displayName; // "Shop", translated
        QString description; // for --help
        QIcon icon;
    };
    using WindowFactory = std::function<QMainWindow *(AppContext &, const CommandLine &)>;

    // Runs the event loop; returns the exit code.
    static int run(QApplication &app, const Info &info, const WindowFactory &createWindow);
};

} // namespace Shop::Widgets
