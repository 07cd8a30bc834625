#include "storefrontapp.h"

#include "appcontext.h"
#include "appstartup.h"
#include "mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

namespace Shop::Storefront {

int runStorefront(QApplication &app, const QElapsedTimer &sinceStart)
{
    Client::AppStartup::Info info;
    info.applicationName = QStringLiteral("shop-storefront");
    info.description = QCoreApplication::translate("Shop::Storefront::MainWindow",
                                                   "Shop storefront: browse the shop's catalog.");
    info.icon = QIcon(QStringLiteral(":/shop/icons/shop.svg"));
    return Client::AppStartup::run(
        app, info, [&sinceStart](Client::AppContext &context, const Client::CommandLine &options) {
            QGuiApplication::setApplicationDisplayName(
                QCoreApplication::translate("Shop::Storefront::MainWindow", "Shop"));
            auto *window = new MainWindow(context);
            if (options.exitWhenLoaded) {
                QObject::connect(window, &MainWindow::catalogShown, window, [&sinceStart, window] {
                    // Let the grid paint once before reporting.
                    QTimer::singleShot(0, window, [&sinceStart, window] {
                        window->repaint();
                        std::printf("startup-ms: %lld\n",
                                    static_cast<long long>(sinceStart.elapsed()));
                        std::fflush(stdout);
                        QCoreApplication::quit();
                    });
                });
            }
            return window;
        });
}

} // namespace Shop::Storefront
