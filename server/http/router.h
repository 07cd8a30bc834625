#pragma once

#include "request.h"
#include "response.h"

#include <functional>
#include <optional>

namespace Shop::Http {

// Where a handler runs. Anything that may block (SQL, files, hashing, other services) must be
// WorkerPool: those run on a bounded pool whose threads each own a database connection.
// EventLoop handlers must be pure CPU work in microseconds (health/live, the OpenAPI document).
enum class Execution { WorkerPool, EventLoop };

using Handler = std::function<Reply(const Request &)>;
// Optional fast path tried on the event loop before a WorkerPool handler is queued; it must not
// block. Returning a response (a cache hit) skips the pool entirely.
using FastPath = std::function<std::optional<Response>(const Request &)>;

struct Route
{
    QByteArray method;
    QString pattern; // "/api/products/{id}": literal segments and {name} placeholders
    Handler handler;
    Execution execution = Execution::WorkerPool;
    FastPath fastPath;
};

struct RouteMatch
{
    const Route *route = nullptr; // null: no route for this path and method
    QHash<QString, QString> params;
    QByteArrayList allowedMethods; // when the path exists with other methods only: 405 + Allow
};

class Router final
{
public:
    void add(Route route);
    void get(const QString &pattern, Handler handler, Execution execution = Execution::WorkerPool,
             FastPath fastPath = {});
    void post(const QString &pattern, Handler handler);
    void put(const QString &pattern, Handler handler);
    void del(const QString &pattern, Handler handler);

    [[nodiscard]] RouteMatch match(QByteArrayView method, const QString &path) const;
    [[nodiscard]] const std::vector<Route> &routes() const { return m_routes; }

private:
    std::vector<Route> m_routes;
};

} // namespace Shop::Http
