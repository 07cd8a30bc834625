#include "serve.h"

#include "db/database.h"
#include "http/logging.h"
#include "shopserver.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace Shop::Server {

namespace {

// In-flight requests get this long to finish after SIGINT/SIGTERM.
constexpr int kShutdownGraceMs = 5000;

int g_signalPipe[2] = {-1, -1};

void onSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    // write() is async-signal-safe; the event loop reads the byte.
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[0], &byte, 1);
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0) {
        return false;
    }
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0
        && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

void restoreSignalHandlers()
{
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    for (int &fd : g_signalPipe) {
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
}

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
    if (!installSignalHandlers()) {
        std::fprintf(stderr, "shop-server: cannot install the signal handlers\n");
        return 1;
    }
    std::printf("shop-server listening on http://%s:%u (database %s, %d workers)\n",
                qPrintable(urlHost(config.http.address)), unsigned(*port),
                qPrintable(config.database.displayUrl()), server.http().workerThreads());
    std::fflush(stdout);

    QSocketNotifier notifier(g_signalPipe[1], QSocketNotifier::Read);
    bool stopping = false;
    QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [&] {
        char byte = 0;
        [[maybe_unused]] const ssize_t got = ::read(g_signalPipe[1], &byte, 1);
        if (stopping) {
            qCWarning(Http::lcHttpServer, "Second signal: stopping now.");
            QCoreApplication::exit(0);
            return;
        }
        stopping = true;
        qCInfo(Http::lcHttpServer, "Signal %d: finishing the requests in progress (up to %d ms).",
               int(byte), kShutdownGraceMs);
        server.shutdown();
        if (server.http().openConnections() == 0) {
            QCoreApplication::exit(0);
            return;
        }
        QTimer::singleShot(kShutdownGraceMs, QCoreApplication::instance(),
                           [] { QCoreApplication::exit(0); });
    });
    QObject::connect(&server.http(), &Http::HttpServer::drained, &notifier,
                     [] { QCoreApplication::exit(0); });

    const int code = QCoreApplication::exec();
    notifier.setEnabled(false);
    restoreSignalHandlers();
    qCInfo(Http::lcHttpServer, "Stopped.");
    return code;
}

} // namespace Shop::Server
