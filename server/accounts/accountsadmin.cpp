#include "accountsservice.h"

#include "accountsrequests.h"
#include "audit/audit.h"
#include "auth/passwordpolicy.h"
#include "auth/tokens.h"
#include "db/database.h"
#include "db/transaction.h"
#include "http/problem.h"
#include "http/requestlimits.h"
#include "ids.h"
#include "outbox/outbox.h"
#include "sessionrepository.h"
#include "userrepository.h"
#include "validation.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QThread>
#include <QUrlQuery>

namespace Shop::Accounts {

using Http::Reply;
using Http::Request;
using Http::Responder;
using Http::Response;

using namespace Requests;

// --- admin -----------------------------------------------------------------------------------

Reply AccountsService::adminListUsers(const Request &request)
{
    const QUrlQuery query(QString::fromUtf8(request.rawQuery));
    Validator v;
    UserQuery filter;
    PageParams paging;
    for (const auto &[key, rawValue] : query.queryItems(QUrl::FullyDecoded)) {
        const QString value = rawValue.trimmed();
        if (key == u"search") {
            filter.search = value;
            v.check(value.size() <= 100, key, QStringLiteral("must be at most 100 characters"));
        } else if (key == u"role") {
            filter.role = value;
            v.check(value == u"user" || value == u"admin", key,
                    QStringLiteral("must be user or admin"));
        } else if (key == u"status") {
            v.check(value == u"active" || value == u"inactive", key,
                    QStringLiteral("must be active or inactive"));
            filter.active = value == u"active";
        } else if (!takePageParam(key, value, paging, v)) {
            v.add(key, QStringLiteral("is not a known parameter"), QStringLiteral("unknown"));
        }
    }
    if (auto error = v.error(QStringLiteral("Some parameters are not valid."))) {
        return fail(*error);
    }
    filter.page = paging.page;
    filter.limit = paging.limit;
    auto db = database();
    if (!db) {
        return fail(db.error());
    }
    auto page = UserRepository::search(*db, filter);
    if (!page) {
        return fail(page.error());
    }
    QJsonArray items;
    for (const User &user : std::as_const(page->items)) {
        items.append(user.toJson());
    }
    return Response::page(items, filter.page, filter.limit, page->total);
}

Reply AccountsService::adminUser(const Request &request)
{
    const auto id = parseId(request, QStringLiteral("id"));
    if (!id) {
        return fail(Error::notFound(QStringLiteral("There is no such user.")));
    }
    auto db = database();
    if (!db) {
        return fail(db.error());
    }
    auto user = UserRepository::findById(*db, *id);
    if (!user) {
        return fail(user.error());
    }
    if (!user->has_value()) {
        return fail(Error::notFound(QStringLiteral("There is no such user.")));
    }
    auto addresses = UserRepository::addresses(*db, *id);
    if (!addresses) {
        return fail(addresses.error());
    }
    QJsonArray items;
    for (const Address &a : std::as_const(*addresses)) {
        items.append(a.toJson());
    }
    return Response::json(QJsonObject {{QStringLiteral("user"), (*user)->user.toJson()},
                                       {QStringLiteral("addresses"), items}});
}

namespace {

// One admin change to a user: lock, check, change, end the user's sessions when asked, audit,
// commit.
Reply changeUser(const Request &request, const QString &action, const QString &field,
                 const QJsonValue &value, RevocationSet &revocations,
                 const std::function<Result<User>(QSqlDatabase &, const User &)> &change,
                 const std::function<bool(const User &before, const User &after)> &endSessions)
{
    const auto id = parseId(request, QStringLiteral("id"));
    if (!id) {
        return fail(Error::notFound(QStringLiteral("There is no such user.")));
    }
    auto db = database();
    if (!db) {
        return fail(db.error());
    }
    auto tx = Db::Transaction::begin(*db);
    if (!tx) {
        return fail(tx.error());
    }
    auto before = UserRepository::lockById(*db, *id);
    if (!before) {
        return fail(before.error());
    }
    if (!before->has_value()) {
        return fail(Error::notFound(QStringLiteral("There is no such user.")));
    }
    auto after = change(*db, **before);
    if (!after) {
        return fail(after.error());
    }
    if (endSessions(**before, *after)) {
        auto revoked = SessionRepository::revokeAllOfUser(*db, *id, action);
        if (!revoked) {
            return fail(revoked.error());
        }
    }
    auto actor = UserRepository::findById(*db, request.principal.userId);
    if (!actor) {
        return fail(actor.error());
    }
    Audit::Entry entry;
    entry.actorId = request.principal.userId;
    entry.actorEmail = actor->has_value() ? (*actor)->user.email : QString();
    entry.action = action;
    entry.targetType = QStringLiteral("user");
    entry.targetId = *id;
    entry.before = QJsonObject {{field, (**before).toJson().value(field)}};
    entry.after = QJsonObject {{field, value}};
    entry.requestId = request.requestId;
    if (auto recorded = Audit::record(*db, entry); !recorded) {
        return fail(recorded.error());
    }
    if (auto committed = tx->commit(); !committed) {
        return fail(committed.error());
    }
    Q_UNUSED(revocations)
    return Response::json(after->toJson());
}

} // namespace

Reply AccountsService::adminSetStatus(const Request &request)
{
    auto f = fieldsOf(request);
    if (!f) {
        return fail(f.error());
    }
    f->allowOnly({QStringLiteral("is_active")});
    const std::optional<bool> active = f->boolean(QStringLiteral("is_active"), true);
    if (auto error = f->error()) {
        return fail(*error);
    }
    if (request.pathParam(QStringLiteral("id")) == request.principal.userId && !*active) {
        return fail(Error::conflict(QStringLiteral("You cannot deactivate your own account.")));
    }
    return changeUser(
        request, QStringLiteral("user.status"), QStringLiteral("is_active"), *active,
        *m_revocations,
        [active](QSqlDatabase &db, const User &user) {
            return UserRepository::setActive(db, user.id, *active);
        },
        [](const User &before, const User &after) { return before.isActive && !after.isActive; });
}

Reply AccountsService::adminSetRole(const Request &request)
{
    auto f = fieldsOf(request);
    if (!f) {
        return fail(f.error());
    }
    f->allowOnly({QStringLiteral("role")});
    const QString role = f->text(QStringLiteral("role"), true, 10);
    if (!role.isEmpty() && role != u"user" && role != u"admin") {
        f->add(QStringLiteral("role"), QStringLiteral("must be user or admin"),
               QStringLiteral("invalid"));
    }
    if (auto error = f->error()) {
        return fail(*error);
    }
    if (request.pathParam(QStringLiteral("id")) == request.principal.userId && role != u"admin") {
        return fail(Error::conflict(QStringLiteral("You cannot take the admin role from "
                                                   "yourself; ask another admin.")));
    }
    // A changed role ends the user's sessions: the next sign-in carries the new role.
    return changeUser(
        request, QStringLiteral("user.role"), QStringLiteral("role"), role, *m_revocations,
        [role](QSqlDatabase &db, const User &user) {
            return UserRepository::setRole(db, user.id, role);
        },
        [](const User &before, const User &after) { return before.role != after.role; });
}

} // namespace Shop::Accounts
