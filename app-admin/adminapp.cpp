#include "adminapp.h"

#include "adminwindow.h"
#include "appstartup.h"

#include <QApplication>

namespace Shop::Admin {

int runAdmin(QApplication &app)
{
    Client::AppStartup::Info info;
    info.applicationName = QStringLiteral("shop-admin");
    info.description = QCoreApplication::translate("Shop::Admin::AdminWindow",
                                                   "Shop admin console: manage the shop.");
    info.icon = QIcon(QStringLiteral(":/shop/icons/shop-admin.svg"));
    return Client::AppStartup::run(
        app, info, [](Client::AppContext &context, const Client::CommandLine &) {
            QGuiApplication::setApplicationDisplayName(
                QCoreApplication::translate("Shop::Admin::AdminWindow", "Shop Admin"));
            return new AdminWindow(context);
        });
}

} // namespace Shop::Admin
