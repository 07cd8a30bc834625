#include "eventrepository.h"

#include "db/database.h"

#include <QJsonDocument>
#include <QSet>

namespace Shop::Events::EventRepository {

namespace {

Event eventOf(const QSqlQuery &q)
{
    Event event;
    event.id = q.value(0).toLongLong();
    event.type = q.value(1).toString();
    // jsonb's text is one line already; compact it the way every other answer is written.
    const QJsonDocument document = QJsonDocument::fromJson(q.value(2).toString().toUtf8());
    event.data =
        document.isNull() ? QByteArrayLiteral("{}") : document.toJson(QJsonDocument::Compact);
    return event;
}

QString idArray(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (const qint64 id : ids) {
        parts.append(QString::number(id));
    }
    return u'{' + parts.join(u',') + u'}';
}

} // namespace

QByteArray format(const Event &event)
{
    QByteArray out;
    out.reserve(40 + event.type.size() + event.data.size());
    out += "id: ";
    out += QByteArray::number(event.id);
    out += "\nevent: ";
    out += event.type.toUtf8();
    out += "\ndata: ";
    out += event.data;
    out += "\n\n";
    return out;
}

Result<qint64> latestId(QSqlDatabase &db)
{
    auto q = Db::run(db, QStringLiteral("SELECT coalesce(max(id), 0) FROM admin_events"));
    if (!q) {
        return fail(q.error());
    }
    return (*q)->next() ? (*q)->value(0).toLongLong() : 0;
}

Result<Progress> readAfter(QSqlDatabase &db, qint64 watermark, const QMap<qint64, qint64> &freeGaps,
                           int limit)
{
    static const QString kRead = QStringLiteral(
        "SELECT id, type, data::text FROM admin_events WHERE id > ? ORDER BY id LIMIT ?");
    QMap<qint64, Event> found;
    {
        auto q = Db::run(db, kRead, {watermark, limit});
        if (!q) {
            return fail(q.error());
        }
        while ((*q)->next()) {
            Event event = eventOf(**q);
            found.insert(event.id, std::move(event));
        }
    }
    Progress progress;
    progress.watermark = watermark;
    if (found.isEmpty()) {
        return progress;
    }
    const qint64 last = found.lastKey();
    QList<qint64> missing;
    for (qint64 id = watermark + 1; id < last; ++id) {
        if (!found.contains(id)) {
            missing.append(id);
        }
    }
    QSet<qint64> permanent;
    if (!missing.isEmpty()) {
        // Free lock: the writer is done (committed or rolled back). Then read those ids again:
        // a writer that committed between the read above and the probe shows up now.
        auto probe = Db::run(db,
                             QStringLiteral("SELECT g FROM unnest(?::bigint[]) AS g "
                                            "WHERE pg_try_advisory_xact_lock_shared(29561, "
                                            "(g % 2147483647)::integer)"),
                             {idArray(missing)});
        if (!probe) {
            return fail(probe.error());
        }
        QList<qint64> free;
        while ((*probe)->next()) {
            free.append((*probe)->value(0).toLongLong());
        }
        if (!free.isEmpty()) {
            auto again = Db::run(db,
                                 QStringLiteral("SELECT id, type, data::text FROM admin_events "
                                                "WHERE id = ANY (?::bigint[])"),
                                 {idArray(free)});
            if (!again) {
                return fail(again.error());
            }
            while ((*again)->next()) {
                Event event = eventOf(**again);
                found.insert(event.id, std::move(event));
            }
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const qint64 id : std::as_const(free)) {
            if (found.contains(id)) {
                continue;
            }
            const qint64 since = freeGaps.value(id, now);
            if (now - since >= kGapSettleMs) {
                permanent.insert(id);
            } else {
                progress.freeGaps.insert(id, since);
            }
        }
    }
    for (qint64 id = watermark + 1; id <= last; ++id) {
        if (const auto it = found.constFind(id); it != found.constEnd()) {
            progress.events.append(*it);
        } else if (!permanent.contains(id)) {
            progress.waiting = true;
            break;
        }
        progress.watermark = id;
    }
    // Gaps at or below the new watermark are settled.
    for (auto it = progress.freeGaps.begin(); it != progress.freeGaps.end();) {
        it = it.key() <= progress.watermark ? progress.freeGaps.erase(it) : std::next(it);
    }
    return progress;
}

Result<Replay> replay(QSqlDatabase &db, qint64 after, qint64 upTo, int limit)
{
    Replay result;
    auto state = Db::run(db,
                         QStringLiteral("SELECT pruned_through, (SELECT last_value FROM "
                                        "admin_events_id_seq) FROM admin_events_state"));
    if (!state) {
        return fail(state.error());
    }
    if (!(*state)->next()) {
        return fail(Error::internal(QStringLiteral("admin_events_state has no row.")));
    }
    const qint64 prunedThrough = (*state)->value(0).toLongLong();
    const qint64 lastIssued = (*state)->value(1).toLongLong();
    if (after < prunedThrough || after > lastIssued) {
        result.reset = true;
        return result;
    }
    if (after >= upTo) {
        return result;
    }
    auto q = Db::run(db,
                     QStringLiteral("SELECT id, type, data::text FROM admin_events "
                                    "WHERE id > ? AND id <= ? ORDER BY id LIMIT ?"),
                     {after, upTo, limit + 1});
    if (!q) {
        return fail(q.error());
    }
    while ((*q)->next()) {
        result.events.append(eventOf(**q));
    }
    if (result.events.size() > limit) {
        result.events.clear();
        result.reset = true;
    }
    return result;
}

Result<qint64> prune(QSqlDatabase &db, int retentionSeconds)
{
    auto q = Db::run(db, QStringLiteral("SELECT shop_admin_events_prune(make_interval(secs => ?))"),
                     {retentionSeconds});
    if (!q) {
        return fail(q.error());
    }
    return (*q)->next() ? (*q)->value(0).toLongLong() : 0;
}

Result<void> mergeSummaries(QSqlDatabase &db)
{
    auto q = Db::run(db, QStringLiteral("SELECT shop_dashboard_merge()"));
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<void> setLowStockThreshold(QSqlDatabase &db, int threshold)
{
    auto q = Db::run(db,
                     QStringLiteral("UPDATE admin_events_state SET low_stock_threshold = ? "
                                    "WHERE low_stock_threshold IS DISTINCT FROM ?"),
                     {threshold, threshold});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

} // namespace Shop::Events::EventRepository
