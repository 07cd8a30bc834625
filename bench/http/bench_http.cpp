// A minimal server on the HTTP platform for load tests: no database, no access log.
#include "http/httpserver.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLoggingCategory>

#include <cstdio>

using namespace Shop;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const quint16 port = args.size() > 1 ? quint16(args.at(1).toUInt()) : quint16(18080);
    const int workers = args.size() > 2 ? args.at(2).toInt() : 4;
    QLoggingCategory::setFilterRules(QStringLiteral("shop.http.access=false"));

    Http::Router router;
    router.get(
        QStringLiteral("/hello"),
        [](const Http::Request &) -> Http::Reply {
            return Http::Response::json(
                QJsonObject {{QStringLiteral("hello"), QStringLiteral("world")}});
        },
        Http::Execution::EventLoop);
    router.get(QStringLiteral("/work"), [](const Http::Request &) -> Http::Reply {
        return Http::Response::json(
            QJsonObject {{QStringLiteral("hello"), QStringLiteral("world")}});
    });

    Server::HttpConfig config;
    config.maxConnections = 10000;
    config.maxQueuedRequests = 10000;
    Http::HttpServer server(router, config, workers);
    const Result<quint16> bound = server.start(QHostAddress::LocalHost, port);
    if (!bound) {
        std::fprintf(stderr, "bench_http: %s\n", qPrintable(bound.error().message));
        return 1;
    }
    std::printf("bench_http listening on 127.0.0.1:%u with %d workers\n", unsigned(*bound),
                workers);
    std::fflush(stdout);
    return QCoreApplication::exec();
}
