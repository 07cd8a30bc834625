#include "auditmodule.h"

#include "audit.h"
#include "db/database.h"
#include "ids.h"
#include "validation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace Shop::Audit {

namespace {

Http::Reply listRoute(const Http::Request &request)
{
    const QUrlQuery urlQuery(QString::fromUtf8(request.rawQuery));
    Validator v;
    Query query;
    PageParams paging {.page = query.page, .limit = query.limit};
    for (const auto &[key, rawValue] : urlQuery.queryItems(QUrl::FullyDecoded)) {
        const QString value = rawValue.trimmed();
        if (key == u"actor" || key == u"target") {
            const bool id = UserId::parse(value).has_value();
            if (key == u"actor") {
                v.check(id, key, QStringLiteral("must be a user id"));
                query.actorId = value;
            } else {
                v.check(!value.isEmpty() && value.size() <= 100, key,
                        QStringLiteral("must be 1 to 100 characters"));
                query.targetId = value;
            }
        } else if (key == u"from" || key == u"to") {
            const QDateTime time = QDateTime::fromString(value, Qt::ISODateWithMs);
            if (v.check(time.isValid() && value.contains(u'T'), key,
                        QStringLiteral("must be an RFC 3339 time such as "
                                       "2026-12-05T10:00:00Z"))) {
                (key == u"from" ? query.from : query.to) = time;
            }
        } else if (!takePageParam(key, value, paging, v)) {
            v.add(key, QStringLiteral("is not a known parameter"), QStringLiteral("unknown"));
        }
    }
    if (auto error = v.error(QStringLiteral("Some parameters are not valid."))) {
        return fail(*error);
    }
    query.page = paging.page;
    query.limit = paging.limit;
    auto db = Db::threadConnection();
    if (!db) {
        return fail(db.error());
    }
    auto page = list(*db, query);
    if (!page) {
        return fail(page.error());
    }
    QJsonArray items;
    for (const Entry &entry : std::as_const(page->items)) {
        items.append(entry.toJson());
    }
    return Http::Response::page(items, query.page, query.limit, page->total);
}

} // namespace

void AuditModule::registerRoutes(Http::Router &router)
{
    router.add(Http::Route {.method = "GET",
                            .pattern = QStringLiteral("/api/admin/audit"),
                            .handler = listRoute,
                            .rateClass = Http::kRateClassAnonWrite,
                            .permission = QStringLiteral("read:audit")});
}

QJsonObject AuditModule::openApi() const
{
    QFile file(QStringLiteral(":/openapi/audit/openapi.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace Shop::Audit
