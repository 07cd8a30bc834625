#include "run.h"

#include "http/httpserver.h"
#include "logging.h"
#include "sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace Shop::Sandbox {

namespace {

constexpr int kShutdownGraceMs = 3000;

int g_signalPipe[2] = {-1, -1};

void onSignal(int signalNumber)
{
    const char byte = char(signalNumber);
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

int usageError(const QString &message)
{
    std::fprintf(stderr, "shop-sandbox: %s (try --help)\n", qPrintable(message));
    return 2;
}

} // namespace

int run(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("shop-sandbox"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Local stand-in for SendGrid (and later Stripe) with an inbox page. "
                       "See docs/sandbox.md."));
    parser.addHelpOption();
    const QCommandLineOption addressOption(QStringLiteral("address"),
                                           QStringLiteral("Address to listen on (127.0.0.1)."),
                                           QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port to listen on; 0: any free port "
                                                       "(8025)."),
                                        QStringLiteral("port"), QStringLiteral("8025"));
    const QCommandLineOption keyOption(
        QStringLiteral("sendgrid-key"),
        QStringLiteral("An accepted SendGrid API key (repeatable); without one, any non-empty "
                       "bearer token is accepted."),
        QStringLiteral("key"));
    const QCommandLineOption maxBodyOption(QStringLiteral("max-body-bytes"),
                                           QStringLiteral("Largest request body; beyond: 413 "
                                                          "(31457280, SendGrid's 30 MB)."),
                                           QStringLiteral("bytes"), QStringLiteral("31457280"));
    parser.addOptions({addressOption, portOption, keyOption, maxBodyOption});
    parser.process(app);
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(QStringLiteral("unexpected argument %1")
                              .arg(parser.positionalArguments().constFirst()));
    }

    SandboxOptions options;
    if (!options.address.setAddress(parser.value(addressOption))) {
        return usageError(QStringLiteral("--address needs an IP address"));
    }
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        return usageError(QStringLiteral("--port needs a number from 0 to 65535"));
    }
    options.port = quint16(port);
    const qint64 maxBody = parser.value(maxBodyOption).toLongLong(&ok);
    if (!ok || maxBody < 1024) {
        return usageError(QStringLiteral("--max-body-bytes needs a number of at least 1024"));
    }
    options.maxBodyBytes = maxBody;
    options.sendGridKeys = parser.values(keyOption);

    SandboxServer sandbox(options);
    Http::HttpServer http(sandbox.router(), sandbox.httpConfig(), options.workerThreads);
    const Result<quint16> bound = http.start(options.address, options.port);
    if (!bound) {
        std::fprintf(stderr, "shop-sandbox: %s\n", qPrintable(bound.error().message));
        return 1;
    }
    if (!installSignalHandlers()) {
        std::fprintf(stderr, "shop-sandbox: cannot install the signal handlers\n");
        return 1;
    }
    const QString host = options.address.protocol() == QAbstractSocket::IPv6Protocol
        ? u'[' + options.address.toString() + u']'
        : options.address.toString();
    std::printf("shop-sandbox listening on http://%s:%u (inbox: /, SendGrid: POST /v3/mail/send)\n",
                qPrintable(host), unsigned(*bound));
    std::fflush(stdout);

    QSocketNotifier notifier(g_signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [&] {
        char byte = 0;
        [[maybe_unused]] const ssize_t got = ::read(g_signalPipe[1], &byte, 1);
        qCInfo(lcSandboxServer, "Signal %d: stopping.", int(byte));
        http.shutdown();
        QTimer::singleShot(kShutdownGraceMs, &app, [] { QCoreApplication::exit(0); });
    });
    QObject::connect(&http, &Http::HttpServer::drained, &notifier,
                     [] { QCoreApplication::exit(0); });
    const int code = QCoreApplication::exec();
    notifier.setEnabled(false);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    return code;
}

} // namespace Shop::Sandbox
