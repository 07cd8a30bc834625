#include "audit.h"

#include "db/database.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Shop::Audit {

namespace {

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

QVariant nullableTime(const std::optional<QDateTime> &time)
{
    return time ? QVariant(time->toUTC()) : QVariant(QMetaType(QMetaType::QDateTime));
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

QJsonObject Entry::toJson() const
{
    return {{QStringLiteral("id"), QString::number(id)},
            {QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("actor_id"), actorId.isEmpty() ? QJsonValue() : QJsonValue(actorId)},
            {QStringLiteral("actor_email"), actorEmail},
            {QStringLiteral("action"), action},
            {QStringLiteral("target_type"), targetType},
            {QStringLiteral("target_id"), targetId},
            {QStringLiteral("before"), before},
            {QStringLiteral("after"), after},
            {QStringLiteral("request_id"), requestId}};
}

Result<void> record(QSqlDatabase &db, const Entry &entry)
{
    auto q = Db::exec(
        db,
        QStringLiteral("INSERT INTO audit_log (actor_id, actor_email, action, "
                       "target_type, target_id, before, after, request_id) VALUES "
                       "(?::uuid, coalesce(?, ''), ?, ?, ?, ?::jsonb, ?::jsonb, coalesce(?, ''))"),
        {nullableText(entry.actorId), entry.actorEmail, entry.action, entry.targetType,
         entry.targetId, json(entry.before), json(entry.after), entry.requestId});
    if (!q) {
        return fail(q.error());
    }
    return {};
}

Result<void> recordMany(QSqlDatabase &db, const QList<Entry> &entries)
{
    constexpr qsizetype kBatch = 1000;
    for (qsizetype start = 0; start < entries.size(); start += kBatch) {
        // One JSON array bound as one value: the rows are taken apart in the statement.
        QJsonArray rows;
        for (qsizetype i = start; i < std::min(entries.size(), start + kBatch); ++i) {
            const Entry &e = entries.at(i);
            rows.append(QJsonObject {
                {QStringLiteral("actor_id"),
                 e.actorId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.actorId)},
                {QStringLiteral("actor_email"), e.actorEmail},
                {QStringLiteral("action"), e.action},
                {QStringLiteral("target_type"), e.targetType},
                {QStringLiteral("target_id"), e.targetId},
                {QStringLiteral("before"), e.before},
                {QStringLiteral("after"), e.after},
                {QStringLiteral("request_id"), e.requestId}});
        }
        auto q = Db::exec(
            db,
            QStringLiteral("INSERT INTO audit_log (actor_id, actor_email, action, target_type, "
                           "target_id, before, after, request_id) "
                           "SELECT (r->>'actor_id')::uuid, r->>'actor_email', r->>'action', "
                           "r->>'target_type', r->>'target_id', r->'before', r->'after', "
                           "r->>'request_id' FROM jsonb_array_elements(?::jsonb) "
                           "WITH ORDINALITY AS t(r, n) ORDER BY n"),
            {QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact))});
        if (!q) {
            return fail(q.error());
        }
    }
    return {};
}

Result<Page> list(QSqlDatabase &db, const Query &query)
{
    const QString filter = QStringLiteral(
        "WHERE (?::uuid IS NULL OR actor_id = ?::uuid) AND (?::text IS NULL OR target_id = "
        "?::text) AND (?::timestamptz IS NULL OR at >= ?::timestamptz) AND (?::timestamptz IS "
        "NULL OR at < ?::timestamptz)");
    const QVariantList values {nullableText(query.actorId),  nullableText(query.actorId),
                               nullableText(query.targetId), nullableText(query.targetId),
                               nullableTime(query.from),     nullableTime(query.from),
                               nullableTime(query.to),       nullableTime(query.to)};
    QVariantList pageValues = values;
    pageValues << query.limit << qint64(query.page - 1) * query.limit;
    auto q = Db::exec(db,
                      QStringLiteral("SELECT id, at, coalesce(actor_id::text, ''), actor_email, "
                                     "action, target_type, target_id, before::text, after::text, "
                                     "request_id FROM audit_log %1 ORDER BY at DESC, id DESC "
                                     "LIMIT ? OFFSET ?")
                          .arg(filter),
                      pageValues);
    if (!q) {
        return fail(q.error());
    }
    Page page;
    while (q->next()) {
        Entry e;
        e.id = q->value(0).toLongLong();
        e.at = q->value(1).toDateTime();
        e.actorId = q->value(2).toString();
        e.actorEmail = q->value(3).toString();
        e.action = q->value(4).toString();
        e.targetType = q->value(5).toString();
        e.targetId = q->value(6).toString();
        e.before = QJsonDocument::fromJson(q->value(7).toString().toUtf8()).object();
        e.after = QJsonDocument::fromJson(q->value(8).toString().toUtf8()).object();
        e.requestId = q->value(9).toString();
        page.items.append(e);
    }
    auto count =
        Db::exec(db, QStringLiteral("SELECT count(*) FROM audit_log %1").arg(filter), values);
    if (!count) {
        return fail(count.error());
    }
    page.total = count->next() ? count->value(0).toLongLong() : 0;
    return page;
}

} // namespace Shop::Audit
