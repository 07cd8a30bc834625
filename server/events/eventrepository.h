#pragma once

#include "error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

// Every SQL statement on admin_events and the dashboard's summary tables (migration 0012).
namespace Shop::Events::EventRepository {

struct Event
{
    qint64 id = 0;
    QString type;
    QByteArray data; // compact one-line JSON
};

// "id: 7\nevent: order.placed\ndata: {...}\n\n"
[[nodiscard]] QByteArray format(const Event &event);

// The highest event id written so far (0: none); where a new instance's feed starts.
[[nodiscard]] Result<qint64> latestId(QSqlDatabase &db);

// What the feed may hand out after `watermark`, in id order and without holes that could still
// fill: rows are read after the watermark; an id missing between them is either still being
// written (its writer holds the advisory lock of 0012: wait for it) or never comes (rolled back:
// skipped once it has been seen free and missing for at least kGapSettleMs, which covers the
// instant between a writer taking the id and taking its lock).
struct Progress
{
    QList<Event> events; // to deliver, ascending, all > the old watermark
    qint64 watermark = 0; // every id up to here is delivered or known never to come
    QMap<qint64, qint64> freeGaps; // missing ids seen free: id -> when first seen (ms since epoch)
    bool waiting = false; // some id after the watermark is still open: read again soon
};
inline constexpr qint64 kGapSettleMs = 300;
[[nodiscard]] Result<Progress> readAfter(QSqlDatabase &db, qint64 watermark,
                                         const QMap<qint64, qint64> &freeGaps, int limit = 1000);

// Resume: ids (after, upTo], at most `limit` (more: nullopt-like overflow flag).
struct Replay
{
    bool reset = false; // `after` is older than what is kept, or unknown here
    QList<Event> events;
};
[[nodiscard]] Result<Replay> replay(QSqlDatabase &db, qint64 after, qint64 upTo, int limit);

// Deletes events older than the retention; returns how many.
[[nodiscard]] Result<qint64> prune(QSqlDatabase &db, int retentionSeconds);
// Sums the dashboard summary rows per key (shop_dashboard_merge).
[[nodiscard]] Result<void> mergeSummaries(QSqlDatabase &db);
// The threshold the stock.low trigger uses.
[[nodiscard]] Result<void> setLowStockThreshold(QSqlDatabase &db, int threshold);

} // namespace Shop::Events::EventRepository
