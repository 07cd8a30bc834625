#include "eventsroutes.h"

#include "dashboard.h"
#include "db/database.h"
#include "eventhub.h"
#include "eventrepository.h"
#include "http/eventstream.h"
#include "http/problem.h"

#include <QDateTime>

namespace Shop::Events {

namespace {

constexpr int kMaxReplay = 5000; // more than this to replay: reset instead
const QString kAdminPermission = QStringLiteral("read:dashboard");

Http::Response unavailable(const Http::Request &request, const QString &message)
{
    Http::Response response =
        Http::problemResponse(Error::unavailable(message), request.path, request.requestId);
    response.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5"));
    return response;
}

Http::Reply openStream(EventHub &hub, const Http::Request &request)
{
    if (!hub.isReady()) {
        return unavailable(request, QStringLiteral("The live feed is starting; try again."));
    }
    std::shared_ptr<EventHub::Slot> slot = hub.reserve();
    if (!slot) {
        return unavailable(request,
                           QStringLiteral("Too many live feeds are open; try again later."));
    }
    const qint64 upTo = hub.watermark();
    QByteArray initial = QByteArrayLiteral("retry: 2000\n\n");
    qint64 lastSent = upTo;
    const QByteArray header = request.header("last-event-id").trimmed();
    bool ok = false;
    const qint64 lastEventId = header.toLongLong(&ok);
    if (!header.isEmpty() && (!ok || lastEventId < 0)) {
        initial += "event: reset\ndata: {}\n\n"; // not one of our ids
    } else if (ok) {
        auto db = Db::threadConnection();
        if (!db) {
            return fail(db.error());
        }
        auto replay = EventRepository::replay(*db, lastEventId, upTo, kMaxReplay);
        if (!replay) {
            return fail(replay.error());
        }
        if (replay->reset) {
            initial += "event: reset\ndata: {}\n\n";
        } else {
            for (const EventRepository::Event &event : std::as_const(replay->events)) {
                initial += EventRepository::format(event);
            }
            // Ahead of this instance (the client read another one): skip up to its id.
            lastSent = std::max(upTo, lastEventId);
        }
    }
    Http::StreamBody body;
    body.initial = std::move(initial);
    body.credentials = request;
    body.credentials.body.clear();
    body.permission = kAdminPermission;
    // On the server's thread, where the hub lives; the hub (a module's) outlives the server.
    body.opened = [hub = &hub, lastSent, slot](Http::EventStream *stream) {
        hub->subscribe(stream, lastSent, slot);
    };
    return Http::Response::eventStream(std::move(body));
}

} // namespace

void registerEventsRoutes(Http::Router &router, EventHub &hub, RouteSettings settings)
{
    Http::Route events;
    events.method = QByteArrayLiteral("GET");
    events.pattern = QStringLiteral("/api/admin/events");
    events.permission = kAdminPermission;
    // Signed-in callers count against their account's limit (reconnect storms included); the
    // class only matters for callers without a valid token, who get 401 first.
    events.rateClass = Http::kRateClassAnonWrite;
    events.handler = [&hub](const Http::Request &request) {
        return openStream(hub, request);
    };
    router.add(std::move(events));

    Http::Route dashboard;
    dashboard.method = QByteArrayLiteral("GET");
    dashboard.pattern = QStringLiteral("/api/admin/dashboard");
    dashboard.permission = kAdminPermission;
    dashboard.rateClass = Http::kRateClassAnonWrite;
    dashboard.handler = [settings](const Http::Request &) -> Http::Reply {
        auto db = Db::threadConnection();
        if (!db) {
            return fail(db.error());
        }
        auto document = readDashboard(*db, settings.currency, settings.lowStockThreshold,
                                      QDateTime::currentDateTimeUtc().date());
        if (!document) {
            return fail(document.error());
        }
        return Http::Response::json(*document);
    };
    router.add(std::move(dashboard));
}

} // namespace Shop::Events
