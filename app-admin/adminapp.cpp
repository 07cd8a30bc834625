#include "adminapp.h"

#include "adminwindow.h"
#include "client/productlistmodel.h"
#include "productstablepage.h"
#include "widgets/appstartup.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

namespace Shop::Admin {

namespace {

// --exit-when-loaded: prints when the products table shows its first page, saves --screenshot,
// and quits.
void reportStartup(AdminWindow &window, const QElapsedTimer &sinceStart, const QString &screenshot)
{
    Client::ProductListModel *model = window.productsPage()->model();
    QObject::connect(model, &Client::ProductListModel::pageLoaded, &window,
                     [&window, &sinceStart, screenshot](int page) {
                         if (page != 1) {
                             return;
                         }
                         window.repaint();
                         std::printf("startup-ms: %lld\n",
                                     static_cast<long long>(sinceStart.elapsed()));
                         std::fflush(stdout);
                         if (!screenshot.isEmpty() && !window.grab().save(screenshot)) {
                             std::fprintf(stderr, "cannot save %s\n", qPrintable(screenshot));
                         }
                         QTimer::singleShot(0, &window, &QCoreApplication::quit);
                     });
}

} // namespace

int runAdmin(QApplication &app, const QElapsedTimer &sinceStart)
{
    Widgets::AppStartup::Info info;
    info.applicationName = QStringLiteral("shop-admin");
    info.description = QCoreApplication::translate("Shop::Admin::AdminWindow",
                                                   "Shop admin console: manage the shop.");
    info.icon = QIcon(QStringLiteral(":/shop/icons/shop-admin.svg"));
    return Widgets::AppStartup::run(
        app, info,
        [&sinceStart](Widgets::AppContext &context, const Widgets::CommandLine &options) {
            QGuiApplication::setApplicationDisplayName(
                QCoreApplication::translate("Shop::Admin::AdminWindow", "Shop Admin"));
            auto *window = new AdminWindow(context);
            if (options.exitWhenLoaded) {
                reportStartup(*window, sinceStart, options.screenshot);
            }
            return window;
        });
}

} // namespace Shop::Admin
