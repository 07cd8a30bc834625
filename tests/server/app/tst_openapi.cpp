// The OpenAPI document against the real server, so that the two cannot drift apart:
// - the document the server serves is the one `shop-server openapi` assembles from the modules'
//   fragments, and docs/openapi.json is an up-to-date copy of it;
// - every route of shop-server is documented with its method, and every documented operation is
//   routed; every operation lists its security and its error answers (shared problem+json);
// - live answers of the whole in-process ShopServer (happy ones and errors: unknown id 404, bad
//   query 400/422, wrong method 405, too-large body 413, rate limited 429, no database 503, too
//   many connections 503) have a documented status, content type, headers and a body valid against
//   the document's schema for that status; and every documented answer is provoked at least once.
// The test knows no module's C++ types: it seeds the database with SQL and talks HTTP.

#include "app/openapidocument.h"
#include "app/shopserver.h"
#include "db/database.h"
#include "support/jsonschemavalidator.h"
#include "support/sqlsession.h"
#include "support/testdatabase.h"
#include "support/testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTest>

using namespace Shop;
using namespace Shop::Tests;

namespace {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// "/media/{path...}" -> "/media/{path}": OpenAPI has no greedy placeholders.
QString openApiPath(QString pattern)
{
    return pattern.replace(QStringLiteral("...}"), QStringLiteral("}"));
}

void collectRefs(const QJsonValue &value, QStringList &refs)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == u"$ref") {
                refs.append(it.value().toString());
            } else {
                collectRefs(it.value(), refs);
            }
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            collectRefs(item, refs);
        }
    }
}

const QStringList kMethods {u"get"_qs,   u"put"_qs,  u"post"_qs,   u"delete"_qs,
                            u"patch"_qs, u"head"_qs, u"options"_qs};

// Small request bodies are enough to show the limit: the servers here allow 1 KiB.
constexpr qint64 kMaxBodyBytes = 1024;
const QByteArray kTooLarge = QByteArray::number(kMaxBodyBytes + 1);

// Documented answers no request of this test can provoke, with the reason.
const QHash<QString, QString> kNotProvoked {
    {u"500"_qs, u"a fault inside the server"_qs},
};

// The rows of the seeded store (fixed ids, so that rows can name them).
const QByteArray kProductId = "7a0c6f3e-1b2d-4c5e-8f90-a1b2c3d4e5f6";
const QByteArray kBareProductId = "7a0c6f3e-1b2d-4c5e-8f90-a1b2c3d4e5f7";
const QByteArray kUnknownId = "00000000-0000-4000-8000-000000000000";

// One live request and where the document describes its answer.
struct Case
{
    QByteArray method;
    QByteArray target;
    Headers headers;
    int status = 0; // the answer the case provokes
    QString path; // the documented path ("/api/products/{id}")
};

void addCase(const char *name, const Case &c)
{
    QTest::newRow(name) << c.method << c.target << c.headers << c.status << c.path;
}

} // namespace

class TestOpenApi final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestServer> m_limitedServer; // catalog limit of 1 a minute
    QByteArray m_bytes; // as served
    QJsonObject m_document;
    std::unique_ptr<JsonSchemaValidator> m_validator;
    QSet<QString> m_provoked; // "get /api/products 422"
    QByteArray m_mediaEtag;

    [[nodiscard]] QJsonObject follow(QJsonObject object) const
    {
        for (int hops = 0; object.contains(u"$ref") && hops < 10; ++hops) {
            object = m_validator->resolve(object.value(u"$ref").toString()).toObject();
        }
        return object;
    }

    [[nodiscard]] QJsonObject paths() const { return m_document.value(u"paths").toObject(); }

    [[nodiscard]] QJsonObject operation(const QString &path, const QString &method) const
    {
        return paths().value(path).toObject().value(method).toObject();
    }

    [[nodiscard]] static Server::ServerConfig configFor(const Server::DatabaseConfig &database)
    {
        Server::ServerConfig config;
        config.database = database;
        config.database.poolSize = 2;
        config.http.maxBodyBytes = kMaxBodyBytes;
        return config;
    }

    static void caseColumns()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("path");
    }

    // The answer `reply` to `method target` matches the document's response for its status at
    // `path`'s GET operation: a documented status, its headers, its content type, and a body
    // valid against its schema. Records the (operation, status) as provoked.
    void checkAnswer(const QByteArray &method, const QByteArray &target, const QString &path,
                     const HttpReply &reply)
    {
        const QString where = QString::fromLatin1(method + ' ' + target);
        QVERIFY2(reply.status != 0, qPrintable(where + u": no answer"));
        const QJsonObject op = operation(path, QStringLiteral("get"));
        QVERIFY2(!op.isEmpty(), qPrintable(path + u" get is not documented"));
        const QString status = QString::number(reply.status);
        const QJsonObject responses = op.value(u"responses").toObject();
        QVERIFY2(responses.contains(status),
                 qPrintable(QStringLiteral("%1 answered %2, which GET %3 does not document: %4")
                                .arg(where, status, path, QString::fromUtf8(reply.body))));
        m_provoked.insert(QStringLiteral("get ") + path + u' ' + status);
        const QJsonObject response = follow(responses.value(status).toObject());

        // Headers: the required ones are there, and each documented one has a valid value.
        const QJsonObject headers = response.value(u"headers").toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            const QJsonObject header = follow(it.value().toObject());
            const QByteArray value = reply.header(it.key().toLatin1());
            if (value.isEmpty()) {
                QVERIFY2(!header.value(u"required").toBool(),
                         qPrintable(where + u": the header " + it.key() + u" is missing"));
                continue;
            }
            const QStringList errors =
                m_validator->validate(QString::fromLatin1(value), header.value(u"schema"));
            QVERIFY2(errors.isEmpty(),
                     qPrintable(where + u": header " + it.key() + u": " + errors.join(u"; ")));
        }

        // Content: none documented means no body; else a documented media type, and for JSON a
        // body valid against the schema.
        const QJsonObject content = response.value(u"content").toObject();
        if (content.isEmpty()) {
            QVERIFY2(reply.body.isEmpty(), qPrintable(where + u": an undocumented body"));
            return;
        }
        const QString type = QString::fromLatin1(reply.header("content-type"))
                                 .section(u';', 0, 0)
                                 .trimmed()
                                 .toLower();
        QVERIFY2(content.contains(type),
                 qPrintable(QStringLiteral("%1: content type \"%2\" is not documented for %3 "
                                           "(documented: %4)")
                                .arg(where, type, status, content.keys().join(u", "))));
        const QJsonValue schema = content.value(type).toObject().value(u"schema");
        if (type == u"application/json" || type.endsWith(u"+json")) {
            QJsonParseError error;
            const QJsonDocument body = QJsonDocument::fromJson(reply.body, &error);
            QVERIFY2(error.error == QJsonParseError::NoError,
                     qPrintable(where + u": the body is not JSON: " + error.errorString()));
            const QJsonValue value =
                body.isArray() ? QJsonValue(body.array()) : QJsonValue(body.object());
            const QStringList errors = m_validator->validate(value, schema);
            QVERIFY2(errors.isEmpty(),
                     qPrintable(QStringLiteral("%1 (%2): the body does not match the schema:\n%3"
                                               "\nbody: %4")
                                    .arg(where, status, errors.join(u'\n'),
                                         QString::fromUtf8(reply.body.left(400)))));
            if (type == u"application/problem+json") {
                const QJsonObject problem = body.object();
                QCOMPARE(problem.value(u"status").toInt(), reply.status);
                QCOMPARE(problem.value(u"request_id").toString().toLatin1(),
                         reply.header("x-request-id"));
            }
        } else {
            QVERIFY2(!reply.body.isEmpty(), qPrintable(where + u": an empty body"));
            QCOMPARE(schema.toObject().value(u"type").toString(), u"string");
        }
    }

    void runCase(const TestServer &server)
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(Headers, headers);
        QFETCH(int, status);
        QFETCH(QString, path);
        const HttpReply reply = server.request(method, target, headers);
        QVERIFY2(reply.status == status,
                 qPrintable(QStringLiteral("%1 %2: %3 instead of %4: %5")
                                .arg(QString::fromLatin1(method), QString::fromLatin1(target))
                                .arg(reply.status)
                                .arg(status)
                                .arg(QString::fromUtf8(reply.body.left(400)))));
        checkAnswer(method, target, path, reply);
    }

    // Every documented GET operation, with a request for its wrong-method and too-large answers.
    void addProtocolCases()
    {
        const QList<std::pair<QString, QByteArray>> examples {
            {u"/health/live"_qs, "/health/live"},
            {u"/health/ready"_qs, "/health/ready"},
            {u"/api/openapi.json"_qs, "/api/openapi.json"},
            {u"/api/products"_qs, "/api/products"},
            {u"/api/products/{id}"_qs, "/api/products/" + kProductId},
            {u"/api/categories"_qs, "/api/categories"},
            {u"/api/brands"_qs, "/api/brands"},
            {u"/media/{path}"_qs, "/media/products/openapi-test.svg"},
        };
        for (const auto &[path, target] : examples) {
            addCase(qPrintable(u"405 " + path), {"DELETE", target, {}, 405, path});
            addCase(qPrintable(u"413 " + path),
                    {"GET", target, {{"Content-Length", kTooLarge}}, 413, path});
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto db = TestDatabase::create();
        SHOP_VERIFY_OK(db);
        m_db = std::move(*db);

        // A small store: a department with a subcategory, a product with everything (brand,
        // category, picture) and one with nothing optional; and the picture.
        auto session = SqlSession::open(m_db->config(), QStringLiteral("openapi-seed"));
        SHOP_VERIFY_OK(session);
        QVERIFY((*session)->exec(
            QStringLiteral("INSERT INTO categories (id, name, slug) VALUES "
                           "('11111111-1111-4111-8111-111111111111', 'Kitchen', 'kitchen');"
                           "INSERT INTO categories (id, name, slug, parent_id) VALUES "
                           "('22222222-2222-4222-8222-222222222222', 'Mugs', 'mugs', "
                           "'11111111-1111-4111-8111-111111111111');")));
        QVERIFY((*session)->exec(
            QStringLiteral("INSERT INTO products (id, name, description, price, currency, "
                           "category_id, brand, sku, stock_quantity, image_url) VALUES "
                           "('%1', 'Blue mug', 'A blue mug.', 1299, 'USD', "
                           "'22222222-2222-4222-8222-222222222222', 'Acme', 'MUG-1', 5, "
                           "'/media/products/openapi-test.svg'),"
                           "('%2', 'Plain thing', '', 0, 'USD', NULL, NULL, 'THING-1', 0, NULL)")
                .arg(QString::fromLatin1(kProductId), QString::fromLatin1(kBareProductId))));
        QVERIFY((*session)->exec(QStringLiteral(
            "INSERT INTO media (path, content_type, data, etag) VALUES "
            "('products/openapi-test.svg', 'image/svg+xml', "
            "convert_to('<svg xmlns=\"http://www.w3.org/2000/svg\"/>', 'UTF8'), 'openapi-1')")));
        session->reset();

        m_server = std::make_unique<TestServer>(configFor(m_db->config()));
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));

        const HttpReply served = m_server->get("/api/openapi.json");
        QCOMPARE(served.status, 200);
        m_bytes = served.body;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(m_bytes, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(document.isObject());
        m_document = document.object();
        m_validator = std::make_unique<JsonSchemaValidator>(m_document);

        const HttpReply media = m_server->get("/media/products/openapi-test.svg");
        QCOMPARE(media.status, 200);
        m_mediaEtag = media.header("etag");
        QVERIFY(!m_mediaEtag.isEmpty());
    }

    void cleanupTestCase()
    {
        m_limitedServer.reset();
        m_server.reset();
        m_db.reset();
    }

    void servedDocumentIsTheAssembledOne()
    {
        const Result<QJsonObject> assembled = Server::builtInOpenApi();
        SHOP_VERIFY_OK(assembled);
        QCOMPARE(m_bytes, Server::openApiJson(*assembled));
    }

    void docsCopyIsUpToDate()
    {
        QFile file(QStringLiteral(SHOP_SOURCE_DIR "/docs/openapi.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), "docs/openapi.json is missing");
        QVERIFY2(file.readAll() == m_bytes,
                 "docs/openapi.json differs from the document shop-server assembles from the "
                 "modules' fragments (server/app/openapi/*.json, server/<module>/openapi.json). "
                 "Edit the fragments, not the copy, and regenerate it: "
                 "cmake --build build --target update_openapi_docs "
                 "(runs: shop-server openapi > docs/openapi.json)");
    }

    void header()
    {
        QCOMPARE(m_document.value(u"openapi").toString(), QStringLiteral("3.1.0"));
        const QJsonObject info = m_document.value(u"info").toObject();
        QVERIFY(!info.value(u"title").toString().isEmpty());
        QVERIFY(!info.value(u"version").toString().isEmpty());
        const QJsonObject schemes =
            m_document.value(u"components").toObject().value(u"securitySchemes").toObject();
        QCOMPARE(schemes.value(u"bearerAuth").toObject().value(u"scheme").toString(), u"bearer");
    }

    void everyRouteIsDocumented_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("method");
        Server::ServerConfig config;
        config.cache.enabled = false; // no LISTEN connection
        const Server::ShopServer shop(config);
        QVERIFY(shop.router().routes().size() >= 8);
        for (const Http::Route &route : shop.router().routes()) {
            QTest::addRow("%s %s", route.method.constData(), qPrintable(route.pattern))
                << openApiPath(route.pattern) << QString::fromLatin1(route.method).toLower();
        }
    }

    void everyRouteIsDocumented()
    {
        QFETCH(QString, path);
        QFETCH(QString, method);
        QVERIFY2(paths().contains(path), qPrintable(path + QStringLiteral(" is not in paths")));
        const QJsonObject op = operation(path, method);
        QVERIFY2(!op.isEmpty(), qPrintable(method + QStringLiteral(" is not documented")));
        QVERIFY(!op.value(u"summary").toString().isEmpty());
        QVERIFY(!op.value(u"operationId").toString().isEmpty());

        // Every {name} of the path is a required path parameter.
        static const QRegularExpression placeholder(QStringLiteral("\\{([^}]+)\\}"));
        for (const auto &match : placeholder.globalMatch(path)) {
            bool declared = false;
            for (const QJsonValue &value : op.value(u"parameters").toArray()) {
                const QJsonObject parameter = follow(value.toObject());
                declared = declared
                    || (parameter.value(u"in").toString() == u"path"
                        && parameter.value(u"name").toString() == match.captured(1)
                        && parameter.value(u"required").toBool());
            }
            QVERIFY2(declared, qPrintable(match.captured(1)));
        }
    }

    void everyOperationIsRouted()
    {
        Server::ServerConfig config;
        config.cache.enabled = false;
        const Server::ShopServer shop(config);
        QSet<QString> routed;
        for (const Http::Route &route : shop.router().routes()) {
            routed.insert(QString::fromLatin1(route.method).toLower() + u' '
                          + openApiPath(route.pattern));
        }
        const QJsonObject all = paths();
        for (auto it = all.begin(); it != all.end(); ++it) {
            for (const QString &key : it.value().toObject().keys()) {
                if (kMethods.contains(key)) {
                    const QString op = key + u' ' + it.key();
                    QVERIFY2(routed.contains(op),
                             qPrintable(op + QStringLiteral(" is documented, not routed")));
                }
            }
        }
    }

    void referencesResolve()
    {
        QStringList refs;
        collectRefs(m_document, refs);
        QVERIFY(refs.size() > 10);
        for (const QString &ref : std::as_const(refs)) {
            QVERIFY2(m_validator->resolve(ref).isObject(), qPrintable(ref));
        }
    }

    // Security and error answers: every operation says who may call it, lists the errors every
    // route can give (405 on its path, 413, 503), and describes each error as a problem.
    void everyOperationFollowsThePattern()
    {
        const QJsonObject schemes =
            m_document.value(u"components").toObject().value(u"securitySchemes").toObject();
        const QJsonObject all = paths();
        int operations = 0;
        for (auto it = all.begin(); it != all.end(); ++it) {
            const QJsonObject item = it.value().toObject();
            for (const QString &method : item.keys()) {
                const QString where = method + u' ' + it.key();
                const QJsonObject op = item.value(method).toObject();
                ++operations;
                QVERIFY2(op.contains(u"security") && op.value(u"security").isArray(),
                         qPrintable(where + u": no security (security: [] for public routes)"));
                for (const QJsonValue &requirement : op.value(u"security").toArray()) {
                    for (const QString &scheme : requirement.toObject().keys()) {
                        QVERIFY2(schemes.contains(scheme), qPrintable(where + u": " + scheme));
                    }
                }
                const QJsonObject responses = op.value(u"responses").toObject();
                for (const QString &status : {u"405"_qs, u"413"_qs, u"503"_qs}) {
                    QVERIFY2(responses.contains(status), qPrintable(where + u" lacks " + status));
                }
                for (const QString &status : responses.keys()) {
                    if (status.toInt() < 400) {
                        continue;
                    }
                    QVERIFY2(
                        responses.value(status).toObject().value(u"$ref").toString().startsWith(
                            u"#/components/responses/"),
                        qPrintable(where + u' ' + status + u": not a shared response"));
                    const QJsonObject schema = follow(responses.value(status).toObject())
                                                   .value(u"content")
                                                   .toObject()
                                                   .value(u"application/problem+json")
                                                   .toObject()
                                                   .value(u"schema")
                                                   .toObject();
                    QVERIFY2(schema.value(u"$ref").toString() == u"#/components/schemas/Problem",
                             qPrintable(where + u' ' + status));
                }
            }
        }
        QVERIFY(operations >= 8);
    }

    // The Problem schema knows every error code core has.
    void problemCodesAreComplete()
    {
        const QJsonArray codes = m_validator->resolve(u"#/components/schemas/Problem"_qs)
                                     .toObject()
                                     .value(u"properties")
                                     .toObject()
                                     .value(u"code")
                                     .toObject()
                                     .value(u"enum")
                                     .toArray();
        for (int i = 0; i <= int(ErrorCode::Internal); ++i) {
            QVERIFY2(codes.contains(errorCodeName(ErrorCode(i))),
                     qPrintable(errorCodeName(ErrorCode(i))));
        }
    }

    void liveAnswers_data()
    {
        caseColumns();
        const QString products = QStringLiteral("/api/products");
        const QString product = QStringLiteral("/api/products/{id}");
        const QString brands = QStringLiteral("/api/brands");
        const QString media = QStringLiteral("/media/{path}");
        addCase("live", {"GET", "/health/live", {}, 200, u"/health/live"_qs});
        addCase("ready", {"GET", "/health/ready", {}, 200, u"/health/ready"_qs});
        addCase("openapi", {"GET", "/api/openapi.json", {}, 200, u"/api/openapi.json"_qs});

        addCase("products", {"GET", "/api/products", {}, 200, products});
        addCase("products again (cached)", {"GET", "/api/products", {}, 200, products});
        addCase("products filtered",
                {"GET",
                 "/api/products?page=1&limit=5&search=mug&category=kitchen&brand=acme"
                 "&min_price=0&max_price=5000&in_stock=true&sort=price_desc",
                 {},
                 200,
                 products});
        addCase("products empty page", {"GET", "/api/products?page=9", {}, 200, products});
        addCase("products search not UTF-8",
                {"GET", "/api/products?search=%FF", {}, 400, products});
        addCase("products limit too big", {"GET", "/api/products?limit=500", {}, 422, products});
        addCase("products bad sort", {"GET", "/api/products?sort=cheap", {}, 422, products});
        addCase("products bad prices",
                {"GET", "/api/products?min_price=9&max_price=1", {}, 422, products});

        addCase("product", {"GET", "/api/products/" + kProductId, {}, 200, product});
        addCase("product without options",
                {"GET", "/api/products/" + kBareProductId, {}, 200, product});
        addCase("product unknown", {"GET", "/api/products/" + kUnknownId, {}, 404, product});
        addCase("product malformed id", {"GET", "/api/products/not-a-uuid", {}, 404, product});
        addCase("product id not UTF-8", {"GET", "/api/products/%FF", {}, 400, product});

        addCase("categories", {"GET", "/api/categories", {}, 200, u"/api/categories"_qs});

        addCase("brands", {"GET", "/api/brands", {}, 200, brands});
        addCase("brands of a category", {"GET", "/api/brands?category=kitchen", {}, 200, brands});
        addCase("brands unknown category", {"GET", "/api/brands?category=nope", {}, 200, brands});
        addCase("brands bad slug", {"GET", "/api/brands?category=Not_A_Slug", {}, 422, brands});
        addCase("brands not UTF-8", {"GET", "/api/brands?category=%C3", {}, 400, brands});

        addCase("media", {"GET", "/media/products/openapi-test.svg", {}, 200, media});
        addCase("media unknown", {"GET", "/media/products/nothing.svg", {}, 404, media});
        addCase("media dot-dot", {"GET", "/media/products/../secret", {}, 400, media});
        addProtocolCases();
    }

    void liveAnswers() { runCase(*m_server); }

    void notModified()
    {
        const QByteArray target = "/media/products/openapi-test.svg";
        const HttpReply reply = m_server->get(target, {{"If-None-Match", m_mediaEtag}});
        QCOMPARE(reply.status, 304);
        checkAnswer("GET", target, QStringLiteral("/media/{path}"), reply);
    }

    // Over http/max_connections: 503 from any path, before a route is chosen.
    void tooManyConnections_data()
    {
        caseColumns();
        for (const char *path : {"/health/live", "/health/ready", "/api/openapi.json"}) {
            addCase(path, {"GET", path, {}, 503, QString::fromLatin1(path)});
        }
    }

    void tooManyConnections()
    {
        Server::ServerConfig config = configFor(m_db->config());
        config.http.maxConnections = 1;
        config.cache.enabled = false;
        TestServer server(config);
        QVERIFY2(server.isRunning(), qPrintable(server.errorString()));
        HttpClient holder(server.port()); // takes the only place
        QVERIFY(holder.isConnected());
        QVERIFY(server.waitForOpenConnections(1));
        // The refusal comes as soon as the connection is accepted, whatever the request would
        // have been: read it without sending one (a request sent after the server closed could
        // turn the close into a reset that discards the answer).
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(QString, path);
        HttpClient refused(server.port());
        const HttpReply reply = refused.read(3000);
        QCOMPARE(reply.status, status);
        checkAnswer("GET", target, path, reply);
    }

    // Over the catalog's rate limit: 429 with Retry-After and the RateLimit headers on every
    // catalog route (one bucket per client address for all of them).
    void rateLimited_data()
    {
        caseColumns();
        addCase("products", {"GET", "/api/products", {}, 429, u"/api/products"_qs});
        addCase("product",
                {"GET", "/api/products/" + kProductId, {}, 429, u"/api/products/{id}"_qs});
        addCase("categories", {"GET", "/api/categories", {}, 429, u"/api/categories"_qs});
        addCase("brands", {"GET", "/api/brands", {}, 429, u"/api/brands"_qs});
        addCase("media", {"GET", "/media/products/openapi-test.svg", {}, 429, u"/media/{path}"_qs});
    }

    void rateLimited()
    {
        if (!m_limitedServer) {
            Server::ServerConfig config = configFor(m_db->config());
            config.cache.enabled = false;
            config.http.rateLimit.catalogPerMin = 1;
            m_limitedServer = std::make_unique<TestServer>(config);
            QVERIFY2(m_limitedServer->isRunning(), qPrintable(m_limitedServer->errorString()));
            const HttpReply first = m_limitedServer->get("/api/categories");
            QCOMPARE(first.status, 200);
            checkAnswer("GET", "/api/categories", u"/api/categories"_qs, first);
            QCOMPARE(first.header("ratelimit-limit"), QByteArrayLiteral("1"));
            QCOMPARE(first.header("ratelimit-remaining"), QByteArrayLiteral("0"));
        }
        runCase(*m_limitedServer);
        const HttpReply again = m_limitedServer->get("/health/live"); // not limited
        QCOMPARE(again.status, 200);
    }

    // Without a database every route that needs one answers 503; the others still work.
    void withoutADatabase_data()
    {
        caseColumns();
        addCase("ready", {"GET", "/health/ready", {}, 503, u"/health/ready"_qs});
        addCase("products", {"GET", "/api/products", {}, 503, u"/api/products"_qs});
        addCase("product",
                {"GET", "/api/products/" + kUnknownId, {}, 503, u"/api/products/{id}"_qs});
        addCase("categories", {"GET", "/api/categories", {}, 503, u"/api/categories"_qs});
        addCase("brands", {"GET", "/api/brands", {}, 503, u"/api/brands"_qs});
        addCase("media", {"GET", "/media/products/openapi-test.svg", {}, 503, u"/media/{path}"_qs});
        addCase("live", {"GET", "/health/live", {}, 200, u"/health/live"_qs});
        addCase("openapi", {"GET", "/api/openapi.json", {}, 200, u"/api/openapi.json"_qs});
    }

    void withoutADatabase()
    {
        Server::DatabaseConfig nowhere;
        nowhere.host = QStringLiteral("127.0.0.1");
        nowhere.port = 1; // nothing listens there
        nowhere.name = QStringLiteral("shop");
        nowhere.user = QStringLiteral("shop");
        nowhere.options = QStringLiteral("connect_timeout=2");
        Db::configure(nowhere);
        auto restore = qScopeGuard([this] { Db::configure(m_db->config()); });
        Server::ServerConfig config = configFor(nowhere);
        config.cache.enabled = false;
        TestServer server(config);
        QVERIFY2(server.isRunning(), qPrintable(server.errorString()));
        runCase(server);
    }

    // The other direction: every answer the document lists was seen above.
    void everyDocumentedAnswerIsProvoked()
    {
        QStringList missing;
        const QJsonObject all = paths();
        for (auto it = all.begin(); it != all.end(); ++it) {
            const QJsonObject item = it.value().toObject();
            for (const QString &method : item.keys()) {
                const QJsonObject responses =
                    item.value(method).toObject().value(u"responses").toObject();
                for (const QString &status : responses.keys()) {
                    const QString answer = method + u' ' + it.key() + u' ' + status;
                    if (!m_provoked.contains(answer) && !kNotProvoked.contains(status)) {
                        missing.append(answer);
                    }
                }
            }
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(u"documented, but no request of this test provokes it: "
                            + missing.join(u", ")));
    }
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
