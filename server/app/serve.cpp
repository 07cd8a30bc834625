#include "serve.h"

#include "db/database.h"
#include "http/logging.h"
#include "http/signalshutdown.h"
#include "shopserver.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>

namespace Shop::Server {

namespace {

// In-flight requests get this long to finish after SIGINT/SIGTERM.
constexpr std::chrono::milliseconds kShutdownGrace(5000);

QString urlHost(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                               : address.toString();
}

} // namespace

int runServe(const ServerConfig &config)
{
    std::unique_ptr<QCoreApplication> ownApp;
    if (!QCoreApplication::instance()) {
        static int argc = 1;
        static char name[] = "shop-server";
        static char *argv[] = {name, nullptr};
        ownApp = std::make_unique<QCoreApplication>(argc, argv);
    }
    if (!config.logRules.isEmpty()) {
        QString rules = config.logRules;
        QLoggingCategory::setFilterRules(rules.replace(u';', u'\n'));
    }

    Db::configure(config.database);
    ShopServer server(config);
    const Result<quint16> port = server.start();
    if (!port) {
        std::fprintf(stderr, "shop-server: %s\n", qPrintable(port.error().message));
        return 1;
    }
    Http::SignalShutdown stopOnSignal("shop-server");
    if (!stopOnSignal.isInstalled()) {
        std::fprintf(stderr, "shop-server: cannot install the signal handlers\n");
        return 1;
    }
    std::printf("shop-server listening on http://%s:%u (database %s, %d workers)\n",
                qPrintable(urlHost(config.http.address)), unsigned(*port),
                qPrintable(config.database.displayUrl()), server.http().workerThreads());
    std::fflush(stdout);

    const int code = stopOnSignal.exec(
        server.http(), [&server] { server.shutdown(); }, kShutdownGrace);
    qCInfo(Http::lcHttpServer, "Stopped.");
    return code;
}

} // namespace Shop::Server
