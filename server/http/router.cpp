#include "router.h"

#include "logging.h"

#include <QSet>

namespace Shop::Http {

namespace {

bool isValidName(QStringView name)
{
    if (name.isEmpty() || !(name.front().isLetter() || name.front() == u'_')) {
        return false;
    }
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() || c == u'_') || c.unicode() > 127) {
            return false;
        }
    }
    return true;
}

// The order methods are listed in Allow headers.
int methodRank(QByteArrayView method)
{
    static const QByteArrayList order {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    const qsizetype index = order.indexOf(method);
    return index < 0 ? int(order.size()) : int(index);
}

} // namespace

QString Router::patternError(const QString &pattern)
{
    if (!pattern.startsWith(u'/')) {
        return QStringLiteral("must start with '/'");
    }
    QSet<QString> names;
    const QStringList parts = pattern.mid(1).split(u'/');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &part = parts.at(i);
        const bool opens = part.startsWith(u'{');
        const bool closes = part.endsWith(u'}');
        if (!opens && !closes) {
            if (part.contains(u'{') || part.contains(u'}')) {
                return QStringLiteral("has a brace inside the segment '%1'").arg(part);
            }
            continue;
        }
        if (!opens || !closes || part.size() < 3) {
            return QStringLiteral("has a malformed placeholder '%1'").arg(part);
        }
        QString name = part.mid(1, part.size() - 2);
        if (name.endsWith(QStringLiteral("..."))) {
            name.chop(3);
            if (i != parts.size() - 1) {
                return QStringLiteral("has {%1...} before the last segment").arg(name);
            }
        }
        if (!isValidName(name)) {
            return QStringLiteral("has an invalid placeholder name '%1'").arg(name);
        }
        if (names.contains(name)) {
            return QStringLiteral("uses the placeholder name '%1' twice").arg(name);
        }
        names.insert(name);
    }
    return {};
}

std::optional<Router::Compiled> Router::compile(const QString &pattern)
{
    if (!patternError(pattern).isEmpty()) {
        return std::nullopt;
    }
    Compiled compiled;
    for (const QString &part : pattern.mid(1).split(u'/')) {
        Segment segment;
        if (part.startsWith(u'{')) {
            segment.text = part.mid(1, part.size() - 2);
            segment.kind = Segment::Param;
            if (segment.text.endsWith(QStringLiteral("..."))) {
                segment.text.chop(3);
                segment.kind = Segment::Tail;
            }
        } else {
            segment.text = part;
        }
        compiled.segments.push_back(std::move(segment));
    }
    return compiled;
}

void Router::add(Route route)
{
    const QString error = patternError(route.pattern);
    if (!error.isEmpty()) {
        qCCritical(lcHttpServer, "Route pattern %ls %ls, route not added.",
                   qUtf16Printable(route.pattern), qUtf16Printable(error));
        return;
    }
    route.method = route.method.toUpper();
    for (const Route &existing : m_routes) {
        if (existing.method == route.method && existing.pattern == route.pattern) {
            qCCritical(lcHttpServer, "Route %s %ls is registered twice, second one not added.",
                       route.method.constData(), qUtf16Printable(route.pattern));
            return;
        }
    }
    if (bool(route.handler) == bool(route.asyncHandler)) {
        qCCritical(lcHttpServer,
                   "Route %s %ls needs exactly one of handler and asyncHandler, not "
                   "added.",
                   route.method.constData(), qUtf16Printable(route.pattern));
        return;
    }
    if (route.asyncHandler && (route.execution != Execution::WorkerPool || route.fastPath)) {
        qCCritical(lcHttpServer,
                   "Route %s %ls: an asyncHandler runs on the worker pool without a "
                   "fast path, not added.",
                   route.method.constData(), qUtf16Printable(route.pattern));
        return;
    }
    if (route.maxBodyBytes < 0) {
        qCCritical(lcHttpServer, "Route %s %ls has a negative body limit, not added.",
                   route.method.constData(), qUtf16Printable(route.pattern));
        return;
    }
    m_hasBodyLimits = m_hasBodyLimits || route.maxBodyBytes > 0;
    m_compiled.push_back(*compile(route.pattern));
    m_routes.push_back(std::move(route));
}

qint64 Router::bodyLimit(QByteArrayView method, const QString &path) const
{
    if (!m_hasBodyLimits) {
        return 0;
    }
    const RouteMatch found = match(method, path);
    return found.route ? found.route->maxBodyBytes : 0;
}

void Router::get(const QString &pattern, Handler handler, Execution execution, FastPath fastPath,
                 const QString &rateClass)
{
    add(Route {QByteArrayLiteral("GET"), pattern, std::move(handler), execution,
               std::move(fastPath), rateClass});
}

void Router::post(const QString &pattern, Handler handler, const QString &rateClass)
{
    add(Route {QByteArrayLiteral("POST"),
               pattern,
               std::move(handler),
               Execution::WorkerPool,
               {},
               rateClass});
}

void Router::put(const QString &pattern, Handler handler, const QString &rateClass)
{
    add(Route {QByteArrayLiteral("PUT"),
               pattern,
               std::move(handler),
               Execution::WorkerPool,
               {},
               rateClass});
}

void Router::del(const QString &pattern, Handler handler, const QString &rateClass)
{
    add(Route {QByteArrayLiteral("DELETE"),
               pattern,
               std::move(handler),
               Execution::WorkerPool,
               {},
               rateClass});
}

RouteMatch Router::match(QByteArrayView method, const QString &path) const
{
    RouteMatch result;
    if (!path.startsWith(u'/')) {
        return result;
    }
    const QList<QStringView> parts = QStringView(path).mid(1).split(u'/');
    const bool head = method == "HEAD";

    QByteArrayList allowed;
    // Specificity of the best candidate so far, one rank per segment (2 literal, 1 param, 0
    // tail), plus a final rank preferring an exact method over HEAD served by GET.
    std::vector<int> bestRank;
    QHash<QString, QString> params;

    for (size_t r = 0; r < m_routes.size(); ++r) {
        const Route &route = m_routes[r];
        const std::vector<Segment> &segments = m_compiled[r].segments;
        params.clear();
        std::vector<int> rank;
        bool matched = true;
        qsizetype i = 0;
        for (size_t s = 0; s < segments.size() && matched; ++s) {
            const Segment &segment = segments[s];
            if (segment.kind == Segment::Tail) {
                if (i >= parts.size()) {
                    matched = false;
                    break;
                }
                QStringList rest;
                for (qsizetype k = i; k < parts.size(); ++k) {
                    if (parts.at(k).isEmpty()) {
                        matched = false;
                        break;
                    }
                    rest.append(parts.at(k).toString());
                }
                params.insert(segment.text, rest.join(u'/'));
                rank.push_back(0);
                i = parts.size();
                break;
            }
            if (i >= parts.size()) {
                matched = false;
                break;
            }
            const QStringView part = parts.at(i++);
            if (segment.kind == Segment::Literal) {
                matched = part == segment.text;
                rank.push_back(2);
            } else {
                matched = !part.isEmpty();
                params.insert(segment.text, part.toString());
                rank.push_back(1);
            }
        }
        if (!matched || i != parts.size()) {
            continue;
        }
        if (!allowed.contains(route.method)) {
            allowed.append(route.method);
        }
        const bool exact = route.method == method;
        if (!exact && !(head && route.method == "GET")) {
            continue;
        }
        rank.push_back(exact ? 1 : 0);
        if (!result.route || rank > bestRank) {
            result.route = &route;
            result.params = params;
            bestRank = std::move(rank);
        }
    }

    if (!allowed.isEmpty()) {
        if (allowed.contains("GET") && !allowed.contains("HEAD")) {
            allowed.append(QByteArrayLiteral("HEAD"));
        }
        if (!allowed.contains("OPTIONS")) {
            allowed.append(QByteArrayLiteral("OPTIONS"));
        }
        std::stable_sort(
            allowed.begin(), allowed.end(),
            [](const QByteArray &a, const QByteArray &b) { return methodRank(a) < methodRank(b); });
    }
    result.allowedMethods = allowed;
    return result;
}

} // namespace Shop::Http
