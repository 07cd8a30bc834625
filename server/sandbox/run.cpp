#include "run.h"

#include "http/httpserver.h"
#include "http/signalshutdown.h"
#include "logging.h"
#include "sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace Shop::Sandbox {

namespace {

constexpr std::chrono::milliseconds kShutdownGrace(3000);

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
    Http::SignalShutdown stopOnSignal("shop-sandbox");
    if (!stopOnSignal.isInstalled()) {
        std::fprintf(stderr, "shop-sandbox: cannot install the signal handlers\n");
        return 1;
    }
    const QString host = options.address.protocol() == QAbstractSocket::IPv6Protocol
        ? u'[' + options.address.toString() + u']'
        : options.address.toString();
    std::printf("shop-sandbox listening on http://%s:%u (inbox: /, SendGrid: POST /v3/mail/send)\n",
                qPrintable(host), unsigned(*bound));
    std::fflush(stdout);

    const int code = stopOnSignal.exec(
        http, [&http] { http.shutdown(); }, kShutdownGrace);
    return code;
}

} // namespace Shop::Sandbox
