#pragma once

#include "error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Shop::Audit {

// One admin action: who (actor), when, on what (target), the state before and after, and the
// request that did it.
struct Entry
{
    qint64 id = 0;
    QDateTime at;
    QString actorId; // empty: the system or the command line
    QString actorEmail;
    QString action; // "user.status", "user.role", later "product.price", "order.status", ...
    QString targetType; // "user", ...
    QString targetId;
    QJsonObject before;
    QJsonObject after;
    QString requestId;

    [[nodiscard]] QJsonObject toJson() const;
};

// Appends an entry in the caller's transaction, so that the change and its record commit
// together. The table refuses updates and deletes (a trigger), whoever asks.
[[nodiscard]] Result<void> record(QSqlDatabase &db, const Entry &entry);
// Appends many entries in the caller's transaction, in their order, a statement per 1,000 (a
// bulk change that audits each row it changed, such as the CSV import).
[[nodiscard]] Result<void> recordMany(QSqlDatabase &db, const QList<Entry> &entries);

struct Query
{
    QString actorId;
    QString targetId;
    std::optional<QDateTime> from; // inclusive
    std::optional<QDateTime> to; // exclusive
    int page = 1;
    int limit = 50;
};

struct Page
{
    QList<Entry> items;
    qint64 total = 0;
};

// Newest first.
[[nodiscard]] Result<Page> list(QSqlDatabase &db, const Query &query);

} // namespace Shop::Audit
