#pragma once

#include "error.h"
#include "request.h"
#include "response.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Shop::Http {

// Where a handler runs. Anything that may block (SQL, files, hashing, other services) must be
// WorkerPool: those run on a bounded pool whose threads each own a database connection.
// EventLoop handlers must be pure CPU work in microseconds (health/live, the OpenAPI document).
enum class Execution { WorkerPool, EventLoop };

using Handler = std::function<Reply(const Request &)>;

// Completes an asynchronous request (Route::asyncHandler). Copyable; thread-safe; the first
// respond() answers and later ones are ignored. A request whose every Responder copy is gone
// without an answer gets a 500 (and a log line), so a handler bug never leaves a client waiting.
class Responder final
{
public:
    struct State; // server/http/httpserver.cpp
    explicit Responder(std::shared_ptr<State> state);

    // Answers the request (from any thread).
    void respond(Reply reply) const;
    // Runs `work` on the server's worker pool (where SQL may run on the thread's connection) and
    // answers with its reply; 503 + Retry-After when the pool's queue is full. Use it to continue
    // after work done elsewhere, e.g. on a password-hashing pool.
    void continueOnWorker(std::function<Reply()> work) const;

private:
    std::shared_ptr<State> m_state;
};

// An asynchronous handler starts on a worker thread and answers later through the Responder,
// typically after handing slow CPU work to a pool of its own: the worker is free meanwhile.
using AsyncHandler = std::function<void(const Request &, Responder)>;
// Optional fast path tried on the event loop before a WorkerPool handler is queued; it must not
// block. Returning a response (a cache hit) skips the pool entirely.
using FastPath = std::function<std::optional<Response>(const Request &)>;

// Route classes (Route::rateClass) with a default limit (requestlimits.h, [ratelimit]):
//   auth        anonymous calls to the auth routes, per IP    auth_per_15min (100 / 15 min)
//   anon-write  anonymous state-changing calls, per IP        anon_write_per_15min (100 / 15 min)
//   catalog     catalog reads and media, per IP               catalog_per_min (1,200 / min)
// and, whatever the class, signed-in clients per account      account_per_min (600 / min).
inline const QString kRateClassAuth = QStringLiteral("auth");
inline const QString kRateClassAnonWrite = QStringLiteral("anon-write");
inline const QString kRateClassCatalog = QStringLiteral("catalog");

struct Route
{
    QByteArray method;
    // "/api/products/{id}": literal segments, {name} placeholders (one non-empty segment) and,
    // as the last segment only, a greedy {name...} placeholder (one or more segments, joined with
    // '/'): "/media/{path...}" matches "/media/products/a.svg" with path = "products/a.svg".
    QString pattern;
    Handler handler;
    Execution execution = Execution::WorkerPool;
    FastPath fastPath;
    // The request limit this route counts against ("catalog", "auth", "anon-write": see
    // requestlimits.h), checked on the event loop before the fast path or handler runs. Empty:
    // not limited by the server (a handler may still use a RateLimiter itself).
    QString rateClass;
    // Instead of handler: starts on a worker and answers through a Responder (WorkerPool only).
    AsyncHandler asyncHandler;
    // Empty: anyone may call the route. Otherwise the request must authenticate (401 +
    // WWW-Authenticate: Bearer) and its principal hold this permission (403), checked on the
    // event loop before the handler is queued. "authenticated" needs a signed-in caller only.
    QString permission;
    // The largest request body this route accepts, in bytes (413 beyond: refused as soon as the
    // head declares more, or once a chunked body passes it, before the body is read). 0: the
    // server's http/max_body_bytes. Uploads (images, CSV files) declare more than that default.
    qint64 maxBodyBytes = 0;
    // The problem answered when a body passes maxBodyBytes, instead of the server's generic 413
    // (an image upload says "too-large" as its own check would).
    std::optional<Error> bodyTooLarge;
};

struct RouteMatch
{
    const Route *route = nullptr; // null: no route for this path and method
    QHash<QString, QString> params;
    // Every method the path accepts (HEAD with GET, and OPTIONS, included) whenever some route
    // matches the path: with a null route this is the 405 Allow list; empty means 404.
    QByteArrayList allowedMethods;
};

// Routes are registered at start-up, before the server runs; afterwards the router is only read
// (from any thread). Matching works on the decoded path. When several patterns match, the most
// specific wins whatever the registration order: per segment, literal > {name} > {name...}.
// HEAD is served by the GET route unless a HEAD route exists.
class Router final
{
public:
    // An invalid pattern (not starting with '/', a bad placeholder name, a repeated name, a
    // {name...} that is not last) or a method + pattern pair already registered is refused with
    // a critical log message; the router stays as it was.
    void add(Route route);
    void get(const QString &pattern, Handler handler, Execution execution = Execution::WorkerPool,
             FastPath fastPath = {}, const QString &rateClass = {});
    void post(const QString &pattern, Handler handler, const QString &rateClass = {});
    void put(const QString &pattern, Handler handler, const QString &rateClass = {});
    void del(const QString &pattern, Handler handler, const QString &rateClass = {});

    [[nodiscard]] RouteMatch match(QByteArrayView method, const QString &path) const;
    // The body limit the route matching `method` and `path` declares (Route::maxBodyBytes), or
    // 0 when no route matches or the matching one declares none. Called by the request framer
    // with every request head that announces a body; cheap when no route declares a limit.
    [[nodiscard]] qint64 bodyLimit(QByteArrayView method, const QString &path) const;
    [[nodiscard]] const std::vector<Route> &routes() const { return m_routes; }

    // Why a pattern is invalid, or an empty string when it is valid.
    [[nodiscard]] static QString patternError(const QString &pattern);

private:
    struct Segment
    {
        enum Kind { Literal, Param, Tail };
        Kind kind = Literal;
        QString text; // the literal, or the parameter name
    };
    struct Compiled
    {
        std::vector<Segment> segments;
    };

    [[nodiscard]] static std::optional<Compiled> compile(const QString &pattern);

    std::vector<Route> m_routes;
    std::vector<Compiled> m_compiled; // parallel to m_routes
    bool m_hasBodyLimits = false; // some route declares maxBodyBytes
};

} // namespace Shop::Http
