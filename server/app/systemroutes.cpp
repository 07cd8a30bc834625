#include "systemroutes.h"

#include "db/database.h"
#include "db/migrations.h"
#include "openapidocument.h"

#include <QJsonObject>
#include <QLoggingCategory>

namespace Shop::Server {

namespace {

Q_LOGGING_CATEGORY(lcHealth, "shop.server.health")

Http::Reply readiness(const Http::Request &request)
{
    auto db = Db::threadConnection();
    if (!db) {
        qCWarning(lcHealth, "Not ready (request %ls): %ls", qUtf16Printable(request.requestId),
                  qUtf16Printable(db.error().message));
        // The reason (host, driver text) goes to the log, not to whoever probes.
        return fail(Error::unavailable(QStringLiteral("The database cannot be reached.")));
    }
    const auto pending = Db::pendingMigrations(*db);
    if (!pending) {
        qCWarning(lcHealth, "Not ready (request %ls): %ls", qUtf16Printable(request.requestId),
                  qUtf16Printable(pending.error().message));
        return fail(Error::unavailable(QStringLiteral("The database schema cannot be checked.")));
    }
    if (*pending > 0) {
        return fail(Error::unavailable(
            *pending == 1 ? QStringLiteral("1 database migration is pending; run shop-server "
                                           "migrate.")
                          : QStringLiteral("%1 database migrations are pending; run shop-server "
                                           "migrate.")
                                .arg(*pending)));
    }
    return Http::Response::json(QJsonObject {{QStringLiteral("status"), QStringLiteral("ready")},
                                             {QStringLiteral("database"), QStringLiteral("ok")},
                                             {QStringLiteral("pending_migrations"), 0}});
}

} // namespace

void SystemModule::registerRoutes(Http::Router &router)
{
    router.get(
        QStringLiteral("/health/live"),
        [](const Http::Request &) -> Http::Reply {
            static const QByteArray body = QByteArrayLiteral("{\"status\":\"ok\"}");
            return Http::Response::jsonBytes(body);
        },
        Http::Execution::EventLoop);
    router.get(QStringLiteral("/health/ready"), readiness, Http::Execution::WorkerPool);
}

QJsonObject SystemModule::openApi() const
{
    auto fragment = readOpenApiJson(QStringLiteral(":/openapi/system.json"));
    return fragment ? *fragment : QJsonObject();
}

void registerOpenApiRoute(Http::Router &router, QByteArray document)
{
    router.get(
        QStringLiteral("/api/openapi.json"),
        [document = std::move(document)](const Http::Request &) -> Http::Reply {
            if (document.isEmpty()) {
                return fail(Error::internal(QStringLiteral("The OpenAPI document is not built "
                                                           "into this binary.")));
            }
            Http::Response response = Http::Response::jsonBytes(document);
            response.setHeader(QByteArrayLiteral("Cache-Control"),
                               QByteArrayLiteral("public, max-age=300"));
            return response;
        },
        Http::Execution::EventLoop);
}

} // namespace Shop::Server
