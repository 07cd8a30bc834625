// docs/openapi.json against the real routes: every route of shop-server is documented with its
// method (and nothing undocumented is routed or vice versa), references resolve, errors are
// problem+json, the schemas match the wire format core/serialize produces, and the server
// serves the document that is in the repository.

#include "app/modules.h"
#include "app/shopserver.h"
#include "app/systemroutes.h"
#include "http/problem.h"
#include "serialize/catalogjson.h"
#include "testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Shop;
using namespace Shop::Tests;

namespace {

// "/media/{path...}" -> "/media/{path}": OpenAPI has no greedy placeholders.
QString openApiPath(QString pattern)
{
    return pattern.replace(QStringLiteral("...}"), QStringLiteral("}"));
}

QSet<QString> keys(const QJsonObject &object)
{
    const QStringList list = object.keys();
    return QSet<QString>(list.cbegin(), list.cend());
}

QSet<QString> strings(const QJsonArray &array)
{
    QSet<QString> set;
    for (const QJsonValue &value : array) {
        set.insert(value.toString());
    }
    return set;
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

} // namespace

class TestOpenApi final : public QObject
{
    Q_OBJECT

private:
    Http::Router m_router;
    Server::ModuleList m_modules;
    QByteArray m_bytes;
    QJsonObject m_document;

    [[nodiscard]] QJsonValue resolve(const QString &ref) const
    {
        if (!ref.startsWith(u"#/")) {
            return {};
        }
        QJsonValue node = m_document;
        for (const QString &part : ref.mid(2).split(u'/')) {
            if (!node.isObject() || !node.toObject().contains(part)) {
                return QJsonValue(QJsonValue::Undefined);
            }
            node = node.toObject().value(part);
        }
        return node;
    }

    [[nodiscard]] QJsonObject follow(QJsonObject object) const
    {
        while (object.contains(u"$ref")) {
            object = resolve(object.value(u"$ref").toString()).toObject();
        }
        return object;
    }

    [[nodiscard]] QJsonObject schema(const QString &name) const
    {
        return m_document.value(u"components")
            .toObject()
            .value(u"schemas")
            .toObject()
            .value(name)
            .toObject();
    }

    void compareWithSchema(const QJsonObject &wire, const QString &name)
    {
        const QJsonObject definition = schema(name);
        QVERIFY2(!definition.isEmpty(), qPrintable(name));
        const QSet<QString> properties = keys(definition.value(u"properties").toObject());
        QCOMPARE(keys(wire), properties);
        QCOMPARE(strings(definition.value(u"required").toArray()), properties);
    }

private Q_SLOTS:
    void initTestCase()
    {
        Server::ServerConfig config;
        config.cache.enabled = false; // no LISTEN connection: this test needs no database
        m_modules = Server::createModules(config);
        for (const auto &module : m_modules) {
            module->registerRoutes(m_router);
        }
        Server::registerOpenApiRoute(m_router, Server::openApiDocument(m_modules));
        QVERIFY(m_router.routes().size() >= 7);
        m_bytes = Server::openApiDocument(m_modules);
        QVERIFY2(!m_bytes.isEmpty(), "the document is not built in");
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(m_bytes, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(document.isObject());
        m_document = document.object();
    }

    void builtInDocumentIsTheRepositoryFile()
    {
        QFile file(QStringLiteral(SHOP_SOURCE_DIR "/docs/openapi.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(m_bytes, file.readAll());
    }

    void header()
    {
        QCOMPARE(m_document.value(u"openapi").toString(), QStringLiteral("3.1.0"));
        const QJsonObject info = m_document.value(u"info").toObject();
        QVERIFY(!info.value(u"title").toString().isEmpty());
        QVERIFY(!info.value(u"version").toString().isEmpty());
        QVERIFY(!m_document.value(u"paths").toObject().isEmpty());
    }

    void everyRouteIsDocumented_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("method");
        for (const Http::Route &route : m_router.routes()) {
            const QString method = QString::fromLatin1(route.method).toLower();
            const QString path = openApiPath(route.pattern);
            QTest::addRow("%s %s", route.method.constData(), qPrintable(route.pattern))
                << path << method;
        }
    }

    void everyRouteIsDocumented()
    {
        QFETCH(QString, path);
        QFETCH(QString, method);
        const QJsonObject item = m_document.value(u"paths").toObject().value(path).toObject();
        QVERIFY2(!item.isEmpty(), qPrintable(path + QStringLiteral(" is not in paths")));
        const QJsonObject operation = item.value(method).toObject();
        QVERIFY2(!operation.isEmpty(), qPrintable(method + QStringLiteral(" is not documented")));
        QVERIFY(!operation.value(u"summary").toString().isEmpty());
        QVERIFY(!operation.value(u"operationId").toString().isEmpty());
        const QJsonObject responses = operation.value(u"responses").toObject();
        bool success = false;
        for (const QString &status : responses.keys()) {
            success = success || status.startsWith(u'2');
        }
        QVERIFY2(success, "no 2xx response");

        // Every {name} of the path is a required path parameter.
        static const QRegularExpression placeholder(QStringLiteral("\\{([^}]+)\\}"));
        for (const auto &match : placeholder.globalMatch(path)) {
            bool declared = false;
            for (const QJsonValue &value : operation.value(u"parameters").toArray()) {
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
        QSet<QString> routed;
        for (const Http::Route &route : m_router.routes()) {
            routed.insert(QString::fromLatin1(route.method).toLower() + u' '
                          + openApiPath(route.pattern));
        }
        const QJsonObject paths = m_document.value(u"paths").toObject();
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            for (const QString &key : it.value().toObject().keys()) {
                if (kMethods.contains(key)) {
                    const QString operation = key + u' ' + it.key();
                    QVERIFY2(routed.contains(operation),
                             qPrintable(operation + QStringLiteral(" is documented, not routed")));
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
            const QJsonValue target = resolve(ref);
            QVERIFY2(target.isObject(), qPrintable(ref));
        }
    }

    void errorsAreProblems()
    {
        const QJsonObject paths = m_document.value(u"paths").toObject();
        int checked = 0;
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            const QJsonObject item = it.value().toObject();
            for (const QString &method : item.keys()) {
                const QJsonObject responses =
                    item.value(method).toObject().value(u"responses").toObject();
                for (const QString &status : responses.keys()) {
                    if (status.toInt() < 400) {
                        continue;
                    }
                    const QJsonObject response = follow(responses.value(status).toObject());
                    const QJsonObject schema = response.value(u"content")
                                                   .toObject()
                                                   .value(u"application/problem+json")
                                                   .toObject()
                                                   .value(u"schema")
                                                   .toObject();
                    QVERIFY2(schema.value(u"$ref").toString() == u"#/components/schemas/Problem",
                             qPrintable(it.key() + u' ' + method + u' ' + status));
                    ++checked;
                }
            }
        }
        QVERIFY(checked > 10);
    }

    void schemasMatchTheWireFormat()
    {
        Product product;
        product.id = ProductId::generate();
        product.categoryId = CategoryId::generate();
        product.price = Money(1299, *Currency::fromCode(QStringLiteral("USD")));
        product.createdAt = product.updatedAt = QDateTime::currentDateTimeUtc();
        compareWithSchema(Json::toJson(product), QStringLiteral("Product"));

        Category category;
        category.id = CategoryId::generate();
        category.children.append(Category {CategoryId::generate(), {}, {}, category.id, 0, {}});
        compareWithSchema(Json::toJson(category), QStringLiteral("Category"));

        Page<Product> page;
        page.items.append(product);
        compareWithSchema(Json::toJson(page), QStringLiteral("ProductPage"));

        // A problem body has every required member and nothing undocumented.
        const Http::Response response = Http::problemResponse(
            Error::validation({{QStringLiteral("limit"), QStringLiteral("too big")}}),
            QStringLiteral("/api/products"), QStringLiteral("id"));
        const QJsonObject problem = QJsonDocument::fromJson(response.body).object();
        const QJsonObject definition = schema(QStringLiteral("Problem"));
        QVERIFY(keys(problem).subtract(keys(definition.value(u"properties").toObject())).isEmpty());
        QVERIFY(strings(definition.value(u"required").toArray()).subtract(keys(problem)).isEmpty());
        const QSet<QString> codes = strings(definition.value(u"properties")
                                                .toObject()
                                                .value(u"code")
                                                .toObject()
                                                .value(u"enum")
                                                .toArray());
        for (int i = 0; i <= int(ErrorCode::Internal); ++i) {
            QVERIFY2(codes.contains(errorCodeName(ErrorCode(i))),
                     qPrintable(errorCodeName(ErrorCode(i))));
        }
    }

    void servedOverHttp()
    {
        TestServer server(m_router, Server::HttpConfig {}, 2);
        QVERIFY2(server.isRunning(), qPrintable(server.errorString()));
        const HttpReply reply = server.get("/api/openapi.json");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
        QCOMPARE(reply.body, m_bytes);
        QVERIFY(server.get("/health/live").body == R"({"status":"ok"})");
    }
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
