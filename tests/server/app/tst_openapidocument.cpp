// The OpenAPI document's assembly (server/app/openapidocument.h): the base plus the modules'
// fragments, a name defined twice is an error naming both owners, and the written form is stable
// and reads back as the same document.

#include "app/modules.h"
#include "app/openapidocument.h"
#include "http/router.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Shop;
using namespace Shop::Server;

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonObject base()
{
    return object(R"({
        "openapi": "3.1.0",
        "info": { "title": "T", "version": "1" },
        "tags": [{ "name": "system" }],
        "paths": { "/health": { "get": { "responses": {} } } },
        "components": {
            "schemas": { "Problem": { "type": "object" } },
            "responses": { "NotFound": { "description": "nothing" } }
        }
    })");
}

} // namespace

class TestOpenApiDocument final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergesFragments();
    void noFragments();
    void conflicts_data();
    void conflicts();
    void readsJsonFiles();
    void builtInDocumentAssembles();
    void writesAStableReadableForm();
};

void TestOpenApiDocument::mergesFragments()
{
    const QList<OpenApiFragment> fragments {
        {u"catalog"_qs, object(R"({
            "tags": [{ "name": "catalog" }],
            "paths": { "/api/products": { "get": { "responses": {} } } },
            "components": {
                "schemas": { "Product": { "type": "object" } },
                "parameters": { "Page": { "name": "page", "in": "query" } }
            }
        })")},
        {u"orders"_qs, object(R"({
            "paths": { "/api/orders": { "post": { "responses": {} } } },
            "components": { "schemas": { "Order": { "type": "object" } } }
        })")},
    };
    const Result<QJsonObject> merged = mergeOpenApi(base(), fragments);
    QVERIFY(merged);
    QCOMPARE(merged->value(u"openapi").toString(), u"3.1.0");
    QCOMPARE(merged->value(u"info"), base().value(u"info"));
    QCOMPARE(merged->value(u"paths").toObject().keys(),
             QStringList({u"/api/orders"_qs, u"/api/products"_qs, u"/health"_qs}));
    const QJsonObject components = merged->value(u"components").toObject();
    QCOMPARE(components.value(u"schemas").toObject().keys(),
             QStringList({u"Order"_qs, u"Problem"_qs, u"Product"_qs}));
    QCOMPARE(components.value(u"parameters").toObject().keys(), QStringList({u"Page"_qs}));
    QCOMPARE(components.value(u"responses"),
             base().value(u"components").toObject().value(u"responses"));
    QCOMPARE(merged->value(u"tags").toArray().size(), 2);
    QCOMPARE(merged->value(u"tags").toArray().at(1).toObject().value(u"name").toString(),
             u"catalog");
}

void TestOpenApiDocument::noFragments()
{
    const Result<QJsonObject> merged = mergeOpenApi(base(), {});
    QVERIFY(merged);
    QCOMPARE(*merged, base());
}

void TestOpenApiDocument::conflicts_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QString>("message");
    QTest::newRow("path twice") << QByteArray(R"({"paths":{"/a":{}}})")
                                << QByteArray(R"({"paths":{"/a":{}}})")
                                << u"The path \"/a\" is defined by both the one fragment "
                                   "and the two fragment"_qs;
    QTest::newRow("path of the base")
        << QByteArray(R"({"paths":{"/health":{}}})") << QByteArray("{}")
        << u"\"/health\" is defined by both the base "
           "document and the one fragment"_qs;
    QTest::newRow("schema twice")
        << QByteArray(R"({"components":{"schemas":{"Money":{}}}})")
        << QByteArray(R"({"components":{"schemas":{"Money":{}}}})")
        << u"components/schemas \"Money\" is defined by both the one fragment and the two "
           "fragment"_qs;
    QTest::newRow("schema of the base")
        << QByteArray("{}") << QByteArray(R"({"components":{"schemas":{"Problem":{}}}})")
        << u"\"Problem\" is defined by both the base document and the two fragment"_qs;
    QTest::newRow("response of the base")
        << QByteArray(R"({"components":{"responses":{"NotFound":{}}}})") << QByteArray("{}")
        << u"components/responses \"NotFound\""_qs;
    QTest::newRow("same name, other kinds is fine")
        << QByteArray(R"({"components":{"schemas":{"Page":{}}}})")
        << QByteArray(R"({"components":{"parameters":{"Page":{}}}})") << QString();
    QTest::newRow("tag twice") << QByteArray(R"({"tags":[{"name":"x"}]})")
                               << QByteArray(R"({"tags":[{"name":"x"}]})")
                               << u"The tag \"x\" is defined by both"_qs;
    QTest::newRow("tag of the base") << QByteArray(R"({"tags":[{"name":"system"}]})")
                                     << QByteArray("{}") << u"The tag \"system\""_qs;
    QTest::newRow("foreign member")
        << QByteArray(R"({"info":{"title":"mine"}})") << QByteArray("{}")
        << u"the one fragment has \"info\"; a fragment has only "
           "paths, components and tags"_qs;
    QTest::newRow("components not objects")
        << QByteArray(R"({"components":{"schemas":[]}})") << QByteArray("{}")
        << u"components/schemas is not an object"_qs;
}

void TestOpenApiDocument::conflicts()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QString, message);
    const Result<QJsonObject> merged =
        mergeOpenApi(base(),
                     {{u"one"_qs, QJsonDocument::fromJson(first).object()},
                      {u"two"_qs, QJsonDocument::fromJson(second).object()}});
    if (message.isEmpty()) {
        QVERIFY(merged);
        return;
    }
    QVERIFY(!merged);
    QVERIFY2(merged.error().message.contains(message), qPrintable(merged.error().message));
}

void TestOpenApiDocument::readsJsonFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(u"good.json"_qs, R"({"paths":{}})");
    write(u"broken.json"_qs, R"({"paths":)");
    write(u"array.json"_qs, "[]");

    QVERIFY(readOpenApiJson(dir.filePath(u"good.json"_qs)));
    const auto broken = readOpenApiJson(dir.filePath(u"broken.json"_qs));
    QVERIFY(!broken);
    QVERIFY2(broken.error().message.contains(u"not valid JSON"),
             qPrintable(broken.error().message));
    const auto array = readOpenApiJson(dir.filePath(u"array.json"_qs));
    QVERIFY(!array);
    QVERIFY(array.error().message.contains(u"not a JSON object"));
    const auto missing = readOpenApiJson(dir.filePath(u"missing.json"_qs));
    QVERIFY(!missing);
    QVERIFY(missing.error().message.contains(u"cannot read"));
}

// The built-in base and every module's fragment are well-formed and assemble without conflicts.
void TestOpenApiDocument::builtInDocumentAssembles()
{
    const auto base = readOpenApiJson(u":/openapi/base.json"_qs);
    QVERIFY(base);
    QVERIFY(base->value(u"paths").toObject().isEmpty()); // paths come from the modules
    ServerConfig config;
    config.cache.enabled = false;
    const ModuleList modules = createModules(config);
    QVERIFY(modules.size() >= 2);
    for (const auto &module : modules) {
        // A module with routes describes them; one without (jobs) contributes nothing.
        Http::Router routes;
        module->registerRoutes(routes);
        QVERIFY2(routes.routes().empty() == module->openApi().value(u"paths").toObject().isEmpty(),
                 qPrintable(module->name()));
    }
    const auto document = builtInOpenApi();
    QVERIFY(document);
    QVERIFY(document->value(u"paths").toObject().contains(u"/health/live"));
    QVERIFY(document->value(u"paths").toObject().contains(u"/api/products"));
}

void TestOpenApiDocument::writesAStableReadableForm()
{
    const QJsonObject document = object(R"({
        "paths": { "/b": {}, "/a": { "get": {
            "responses": { "200": { "description": "ok" } },
            "summary": "S", "tags": ["t"], "operationId": "op", "security": [] } } },
        "components": { "schemas": { "Z": { "properties": { "type": { "type": "string" },
            "name": { "type": "string" } }, "type": "object", "required": ["name"] } } },
        "info": { "version": "1", "title": "T" },
        "openapi": "3.1.0",
        "x-numbers": [1000000000000, 0.5, -3],
        "x-text": "quote \" backslash \\ tab \t é ✓"
    })");
    const QByteArray text = openApiJson(document);
    QVERIFY(text.endsWith("}\n"));
    QVERIFY2(text.startsWith("{\n  \"openapi\": \"3.1.0\",\n  \"info\": { \"title\": \"T\", "
                             "\"version\": \"1\" },\n  \"paths\": {"),
             text.constData());
    // Operations in the specification's order, maps (paths, properties) by name.
    const qsizetype tags = text.indexOf("\"tags\"");
    QVERIFY(tags < text.indexOf("\"operationId\""));
    QVERIFY(text.indexOf("\"operationId\"") < text.indexOf("\"summary\""));
    QVERIFY(text.indexOf("\"summary\"") < text.indexOf("\"security\""));
    QVERIFY(text.indexOf("\"security\"") < text.indexOf("\"responses\""));
    QVERIFY(text.indexOf("\"/a\"") < text.indexOf("\"/b\""));
    QVERIFY(text.indexOf("\"name\": { \"type\"") < text.indexOf("\"type\": { \"type\""));
    QVERIFY(text.contains("[1000000000000, 0.5, -3]"));
    QVERIFY(!text.contains('\t'));
    for (const QByteArray &line : text.split('\n')) {
        QVERIFY2(!line.startsWith(' ') || line.size() - line.trimmed().size() >= 2,
                 line.constData());
    }
    // It reads back as the same document, and writing is deterministic.
    QJsonParseError error;
    const QJsonDocument back = QJsonDocument::fromJson(text, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(back.object(), document);
    QCOMPARE(openApiJson(back.object()), text);
}

QTEST_GUILESS_MAIN(TestOpenApiDocument)
#include "tst_openapidocument.moc"
