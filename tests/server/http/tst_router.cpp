#include "http/router.h"

#include <QTest>

using namespace Shop;
using namespace Shop::Http;

namespace {

QStringList strings(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *text : list) {
        result << QString::fromUtf8(text);
    }
    return result;
}

} // namespace

class TestRouter final : public QObject
{
    Q_OBJECT

private:
    static Reply ok(const Request &) { return Response::noContent(); }

    Router makeRouter()
    {
        Router router;
        router.get(QStringLiteral("/api/products"), ok);
        router.get(QStringLiteral("/api/products/{id}"), ok);
        router.get(QStringLiteral("/api/products/search"), ok); // after {id}: literal still wins
        router.post(QStringLiteral("/api/products"), ok);
        router.del(QStringLiteral("/api/products/{id}"), ok);
        router.put(QStringLiteral("/api/products/{id}"), ok);
        router.get(QStringLiteral("/media/{path...}"), ok);
        router.get(QStringLiteral("/media/special/{name}"), ok);
        router.get(QStringLiteral("/a/{x}/b/{y}"), ok);
        router.get(QStringLiteral("/"), ok);
        router.add(Route {"HEAD", QStringLiteral("/only-head"), ok, Execution::EventLoop, {}});
        router.get(QStringLiteral("/only-head"), ok);
        return router;
    }

private Q_SLOTS:
    void match_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("pattern"); // empty: no route
        QTest::addColumn<QByteArray>("routeMethod");
        QTest::addColumn<QStringList>("params"); // name=value pairs
        QTest::addColumn<QByteArray>("allowed"); // Allow list, joined

        QTest::newRow("literal") << QByteArray("GET") << "/api/products"
                                 << "/api/products" << QByteArray("GET") << QStringList {}
                                 << QByteArray("GET, HEAD, POST, OPTIONS");
        QTest::newRow("placeholder")
            << QByteArray("GET") << "/api/products/42"
            << "/api/products/{id}" << QByteArray("GET") << strings({"id=42"})
            << QByteArray("GET, HEAD, PUT, DELETE, OPTIONS");
        QTest::newRow("decoded value")
            << QByteArray("GET") << "/api/products/a b"
            << "/api/products/{id}" << QByteArray("GET") << strings({"id=a b"})
            << QByteArray("GET, HEAD, PUT, DELETE, OPTIONS");
        QTest::newRow("literal beats placeholder")
            << QByteArray("GET") << "/api/products/search"
            << "/api/products/search" << QByteArray("GET") << QStringList {}
            << QByteArray("GET, HEAD, PUT, DELETE, OPTIONS");
        QTest::newRow("placeholder for other method on literal path")
            << QByteArray("DELETE") << "/api/products/search"
            << "/api/products/{id}" << QByteArray("DELETE") << strings({"id=search"})
            << QByteArray("GET, HEAD, PUT, DELETE, OPTIONS");
        QTest::newRow("tail one segment")
            << QByteArray("GET") << "/media/a.svg"
            << "/media/{path...}" << QByteArray("GET") << strings({"path=a.svg"})
            << QByteArray("GET, HEAD, OPTIONS");
        QTest::newRow("tail many segments")
            << QByteArray("GET") << "/media/products/2024/a.svg"
            << "/media/{path...}" << QByteArray("GET") << strings({"path=products/2024/a.svg"})
            << QByteArray("GET, HEAD, OPTIONS");
        QTest::newRow("placeholder beats tail")
            << QByteArray("GET") << "/media/special/x"
            << "/media/special/{name}" << QByteArray("GET") << strings({"name=x"})
            << QByteArray("GET, HEAD, OPTIONS");
        QTest::newRow("tail after a more specific prefix")
            << QByteArray("GET") << "/media/special/x/y"
            << "/media/{path...}" << QByteArray("GET") << strings({"path=special/x/y"})
            << QByteArray("GET, HEAD, OPTIONS");
        QTest::newRow("tail needs a segment") << QByteArray("GET") << "/media/" << QString()
                                              << QByteArray() << QStringList {} << QByteArray();
        QTest::newRow("tail refuses empty segments")
            << QByteArray("GET") << "/media/a//b" << QString() << QByteArray() << QStringList {}
            << QByteArray();
        QTest::newRow("two placeholders")
            << QByteArray("GET") << "/a/1/b/2"
            << "/a/{x}/b/{y}" << QByteArray("GET") << strings({"x=1", "y=2"})
            << QByteArray("GET, HEAD, OPTIONS");
        QTest::newRow("root") << QByteArray("GET") << "/"
                              << "/" << QByteArray("GET") << QStringList {}
                              << QByteArray("GET, HEAD, OPTIONS");
        QTest::newRow("head served by get")
            << QByteArray("HEAD") << "/api/products"
            << "/api/products" << QByteArray("GET") << QStringList {}
            << QByteArray("GET, HEAD, POST, OPTIONS");
        QTest::newRow("explicit head wins") << QByteArray("HEAD") << "/only-head"
                                            << "/only-head" << QByteArray("HEAD") << QStringList {}
                                            << QByteArray("GET, HEAD, OPTIONS");
        QTest::newRow("wrong method: 405 list")
            << QByteArray("PATCH") << "/api/products/7" << QString() << QByteArray()
            << QStringList {} << QByteArray("GET, HEAD, PUT, DELETE, OPTIONS");
        QTest::newRow("post only on collection")
            << QByteArray("POST") << "/api/products/7" << QString() << QByteArray()
            << QStringList {} << QByteArray("GET, HEAD, PUT, DELETE, OPTIONS");
        QTest::newRow("methods are case-sensitive")
            << QByteArray("get") << "/api/products" << QString() << QByteArray() << QStringList {}
            << QByteArray("GET, HEAD, POST, OPTIONS");
        QTest::newRow("options has no route")
            << QByteArray("OPTIONS") << "/api/products" << QString() << QByteArray()
            << QStringList {} << QByteArray("GET, HEAD, POST, OPTIONS");
        QTest::newRow("unknown path") << QByteArray("GET") << "/nope" << QString() << QByteArray()
                                      << QStringList {} << QByteArray();
        QTest::newRow("trailing slash is another path")
            << QByteArray("GET") << "/api/products/" << QString() << QByteArray() << QStringList {}
            << QByteArray();
        QTest::newRow("too many segments") << QByteArray("GET") << "/api/products/1/2" << QString()
                                           << QByteArray() << QStringList {} << QByteArray();
        QTest::newRow("case-sensitive path") << QByteArray("GET") << "/API/products" << QString()
                                             << QByteArray() << QStringList {} << QByteArray();
        QTest::newRow("not a path") << QByteArray("GET") << "*" << QString() << QByteArray()
                                    << QStringList {} << QByteArray();
    }

    void match()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, pattern);
        QFETCH(QByteArray, routeMethod);
        QFETCH(QStringList, params);
        QFETCH(QByteArray, allowed);

        const Router router = makeRouter();
        const RouteMatch result = router.match(method, path);
        if (pattern.isEmpty()) {
            QVERIFY(!result.route);
        } else {
            QVERIFY(result.route);
            QCOMPARE(result.route->pattern, pattern);
            QCOMPARE(result.route->method, routeMethod);
        }
        QStringList actual;
        for (auto it = result.params.cbegin(); it != result.params.cend(); ++it) {
            actual << it.key() + u'=' + it.value();
        }
        actual.sort();
        QCOMPARE(actual, params);
        QCOMPARE(result.allowedMethods.join(", "), allowed);
    }

    void invalidPatterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::newRow("empty") << QString();
        QTest::newRow("relative") << QStringLiteral("api/products");
        QTest::newRow("empty placeholder") << QStringLiteral("/a/{}");
        QTest::newRow("unclosed") << QStringLiteral("/a/{id");
        QTest::newRow("unopened") << QStringLiteral("/a/id}");
        QTest::newRow("brace inside literal") << QStringLiteral("/a/x{id}");
        QTest::newRow("digit first") << QStringLiteral("/a/{1id}");
        QTest::newRow("punctuation") << QStringLiteral("/a/{i-d}");
        QTest::newRow("repeated name") << QStringLiteral("/a/{id}/b/{id}");
        QTest::newRow("tail not last") << QStringLiteral("/media/{path...}/x");
        QTest::newRow("tail without name") << QStringLiteral("/media/{...}");
    }

    void invalidPatterns()
    {
        QFETCH(QString, pattern);
        QVERIFY(!Router::patternError(pattern).isEmpty());
        Router router;
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("not added")));
        router.get(pattern, ok);
        QCOMPARE(router.routes().size(), size_t(0));
    }

    void validPatterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::newRow("root") << QStringLiteral("/");
        QTest::newRow("placeholder") << QStringLiteral("/a/{id}");
        QTest::newRow("underscore") << QStringLiteral("/a/{_id_2}");
        QTest::newRow("tail") << QStringLiteral("/media/{path...}");
        QTest::newRow("several") << QStringLiteral("/a/{x}/b/{y}/{rest...}");
    }

    void validPatterns()
    {
        QFETCH(QString, pattern);
        QCOMPARE(Router::patternError(pattern), QString());
        Router router;
        router.get(pattern, ok);
        QCOMPARE(router.routes().size(), size_t(1));
    }

    void duplicateRouteIsRefused()
    {
        Router router;
        router.get(QStringLiteral("/x/{id}"), ok);
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("twice")));
        router.get(QStringLiteral("/x/{id}"), ok);
        router.post(QStringLiteral("/x/{id}"), ok); // another method is fine
        QCOMPARE(router.routes().size(), size_t(2));
    }

    void routeWithoutHandlerIsRefused()
    {
        Router router;
        QTest::ignoreMessage(QtCriticalMsg,
                             QRegularExpression(QStringLiteral("exactly one of handler")));
        router.get(QStringLiteral("/x"), Handler {});
        QCOMPARE(router.routes().size(), size_t(0));
        // Both a handler and an asynchronous handler: refused too.
        QTest::ignoreMessage(QtCriticalMsg,
                             QRegularExpression(QStringLiteral("exactly one of handler")));
        router.add(Route {.method = "GET",
                          .pattern = QStringLiteral("/y"),
                          .handler = ok,
                          .asyncHandler = [](const Request &, Responder) {
                          }});
        // An asynchronous handler on the event loop: refused.
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("worker pool")));
        router.add(Route {.method = "GET",
                          .pattern = QStringLiteral("/z"),
                          .execution = Execution::EventLoop,
                          .asyncHandler = [](const Request &, Responder) {
                          }});
        QCOMPARE(router.routes().size(), size_t(0));
    }

    void routeKeepsItsSettings()
    {
        Router router;
        router.get(
            QStringLiteral("/fast"), ok, Execution::EventLoop,
            [](const Request &) -> std::optional<Response> { return Response::noContent(); });
        const RouteMatch result = router.match("GET", QStringLiteral("/fast"));
        QVERIFY(result.route);
        QCOMPARE(result.route->execution, Execution::EventLoop);
        QVERIFY(bool(result.route->fastPath));
        QCOMPARE(result.route->handler(Request {})->status, 204);
    }

    void bodyLimits()
    {
        Router router;
        router.post(QStringLiteral("/a/{id}"), ok);
        QCOMPARE(router.bodyLimit("POST", QStringLiteral("/a/1")), 0); // nobody declares one
        router.add(Route {.method = "POST",
                          .pattern = QStringLiteral("/up/{id}/images"),
                          .handler = ok,
                          .maxBodyBytes = 5000});
        router.add(Route {.method = "POST",
                          .pattern = QStringLiteral("/up/special/images"),
                          .handler = ok}); // more specific, no limit of its own
        router.add(Route {
            .method = "PUT", .pattern = QStringLiteral("/neg"), .handler = ok, .maxBodyBytes = -1});
        QCOMPARE(router.bodyLimit("POST", QStringLiteral("/up/7/images")), 5000);
        QCOMPARE(router.bodyLimit("POST", QStringLiteral("/up/special/images")), 0);
        QCOMPARE(router.bodyLimit("PUT", QStringLiteral("/up/7/images")), 0); // wrong method
        QCOMPARE(router.bodyLimit("POST", QStringLiteral("/a/1")), 0);
        QCOMPARE(router.bodyLimit("POST", QStringLiteral("/nowhere")), 0);
        QVERIFY(!router.match("PUT", QStringLiteral("/neg")).route); // refused
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
