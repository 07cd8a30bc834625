#include "storefrontapp.h"

#include "accountflows.h"
#include "client/authsession.h"
#include "client/gui/imageloader.h"
#include "mainwindow.h"
#include "widgets/appcontext.h"
#include "widgets/appstartup.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

namespace Shop::Storefront {

namespace {

// --exit-when-loaded: prints when the first grid on show has its products painted, then when
// their images are painted too, and quits.
void reportStartup(MainWindow &window, Client::ImageLoader &images, const QElapsedTimer &sinceStart,
                   const QString &screenshot)
{
    QObject::connect(
        &window, &MainWindow::catalogShown, &window, [&window, &images, &sinceStart, screenshot] {
            window.repaint(); // the cards, with placeholders where images are still coming
            std::printf("startup-ms: %lld\n", static_cast<long long>(sinceStart.elapsed()));
            std::fflush(stdout);
            auto *poll = new QTimer(&window);
            QObject::connect(
                poll, &QTimer::timeout, &window, [&window, &images, &sinceStart, poll, screenshot] {
                    if (!images.isIdle()) {
                        return;
                    }
                    poll->stop();
                    window.repaint();
                    std::printf("images-ms: %lld\n", static_cast<long long>(sinceStart.elapsed()));
                    std::fflush(stdout);
                    if (!screenshot.isEmpty() && !window.grab().save(screenshot)) {
                        std::fprintf(stderr, "cannot save %s\n", qPrintable(screenshot));
                    }
                    QCoreApplication::quit();
                });
            poll->start(2);
        });
}

} // namespace

int runStorefront(QApplication &app, const QElapsedTimer &sinceStart)
{
    Widgets::AppStartup::Info info;
    info.applicationName = QStringLiteral("shop-storefront");
    info.description = QCoreApplication::translate("Shop::Storefront::MainWindow",
                                                   "Shop storefront: browse the shop's catalog.");
    info.icon = QIcon(QStringLiteral(":/shop/icons/shop.svg"));
    return Widgets::AppStartup::run(
        app, info,
        [&sinceStart](Widgets::AppContext &context, const Widgets::CommandLine &options) {
            QGuiApplication::setApplicationDisplayName(
                QCoreApplication::translate("Shop::Storefront::MainWindow", "Shop"));
            auto *window = new MainWindow(context);
            if (options.exitWhenLoaded) {
                reportStartup(*window, *context.images(), sinceStart, options.screenshot);
            } else {
                // A remembered session signs in silently; the catalog does not wait for it.
                context.session()->restore();
            }
            if (!options.openUrl.isEmpty()) {
                // shop://reset-password?token=...: a second start opens its own window (no
                // single-instance forwarding; see docs/accounts-client.md).
                QTimer::singleShot(0, window, [window, url = options.openUrl] {
                    window->accountFlows()->openUrl(url);
                });
            }
            return window;
        });
}

} // namespace Shop::Storefront
