#pragma once

// What the staff's catalog route files (catalogadminroutes.cpp, mediaroutes.cpp) read from a
// request alike. Internal to the catalog module.

#include "catalogadmin.h"
#include "http/request.h"

#include <optional>

namespace Shop::Catalog::AdminRoutes {

// If-Match (RFC 9110 §13.1.1): "*" or a list of entity tags "<revision>", compared strongly (a
// weak tag never matches). nullopt when the request has none.
[[nodiscard]] inline std::optional<RevisionCondition> ifMatch(const Http::Request &request)
{
    const QByteArray value = request.header("if-match").trimmed();
    if (value.isEmpty()) {
        return std::nullopt;
    }
    RevisionCondition condition;
    for (const QByteArray &part : value.split(',')) {
        const QByteArray tag = part.trimmed();
        if (tag == "*") {
            condition.any = true;
        } else if (tag.size() >= 2 && tag.startsWith('"') && tag.endsWith('"')) {
            bool ok = false;
            const qint64 revision = tag.mid(1, tag.size() - 2).toLongLong(&ok);
            if (ok && revision > 0) {
                condition.revisions.append(revision);
            }
        }
    }
    return condition;
}

// The signed-in staff member behind the request, for the audit log.
[[nodiscard]] inline Actor actorOf(const Http::Request &request)
{
    return {request.principal.userId, request.requestId};
}

} // namespace Shop::Catalog::AdminRoutes
