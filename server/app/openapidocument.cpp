#include "openapidocument.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace Shop::Server {

namespace {

Error fragmentError(const QString &message)
{
    return Error::internal(QStringLiteral("OpenAPI document: %1").arg(message));
}

// Adds `additions` (name -> definition) to `target`; a name already there is an error.
Result<void> addNamed(QJsonObject &target, QHash<QString, QString> &owners, const QString &what,
                      const QJsonObject &additions, const QString &origin)
{
    for (auto it = additions.begin(); it != additions.end(); ++it) {
        if (target.contains(it.key())) {
            return fail(fragmentError(QStringLiteral("%1 \"%2\" is defined by both %3 and %4.")
                                          .arg(what, it.key(), owners.value(it.key()), origin)));
        }
        target.insert(it.key(), it.value());
        owners.insert(it.key(), origin);
    }
    return {};
}

QHash<QString, QString> ownedBy(const QJsonObject &object, const QString &owner)
{
    QHash<QString, QString> owners;
    for (const QString &key : object.keys()) {
        owners.insert(key, owner);
    }
    return owners;
}

// Members of OpenAPI objects (and of the schemas in them) in the order the specification lists
// them; members not listed come after these, sorted by name.
int memberRank(const QString &key)
{
    static const QStringList order {
        // the document
        u"openapi"_qs, u"info"_qs, u"jsonSchemaDialect"_qs, u"servers"_qs, u"tags"_qs, u"paths"_qs,
        u"webhooks"_qs, u"components"_qs,
        // info, parameters, operations, responses, schemas
        u"title"_qs, u"version"_qs, u"name"_qs, u"in"_qs, u"type"_qs, u"operationId"_qs,
        u"summary"_qs, u"description"_qs, u"required"_qs, u"additionalProperties"_qs,
        u"properties"_qs, u"items"_qs, u"parameters"_qs, u"requestBody"_qs, u"security"_qs,
        u"headers"_qs, u"responses"_qs, u"content"_qs,
        // components
        u"securitySchemes"_qs, u"schemas"_qs};
    const qsizetype index = order.indexOf(key);
    return index < 0 ? int(order.size()) : int(index);
}

// Objects whose members are names (paths, status codes, media types, property names, component
// names): their members are sorted by name only.
bool isMap(const QString &key)
{
    static const QSet<QString> maps {u"paths"_qs,           u"properties"_qs, u"schemas"_qs,
                                     u"responses"_qs,       u"headers"_qs,    u"content"_qs,
                                     u"securitySchemes"_qs, u"examples"_qs,   u"example"_qs};
    return maps.contains(key);
}

QByteArray scalar(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QByteArrayLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == double(qint64(number)) && std::abs(number) < 9007199254740992.0) {
            return QByteArray::number(qint64(number));
        }
        return QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::String: {
        // Qt's escaping: the array's brackets taken off.
        const QByteArray array = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
        return array.mid(1, array.size() - 2);
    }
    default:
        return {};
    }
}

QStringList orderedKeys(const QJsonObject &object, bool map)
{
    QStringList keys = object.keys(); // sorted by name
    if (!map) {
        std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
            return memberRank(a) < memberRank(b);
        });
    }
    return keys;
}

int objectDepth(const QJsonValue &value)
{
    int depth = 0;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            depth = std::max(depth, objectDepth(it.value()));
        }
        return depth + 1;
    }
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            depth = std::max(depth, objectDepth(item));
        }
    }
    return depth;
}

// The value on one line: { "a": 1, "b": [1, 2] }
QByteArray oneLine(const QJsonValue &value, bool map)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            return QByteArrayLiteral("{}");
        }
        QByteArrayList members;
        for (const QString &key : orderedKeys(object, map)) {
            members.append(scalar(key) + ": " + oneLine(object.value(key), isMap(key)));
        }
        return "{ " + members.join(", ") + " }";
    }
    if (value.isArray()) {
        QByteArrayList items;
        for (const QJsonValue &item : value.toArray()) {
            items.append(oneLine(item, false));
        }
        return '[' + items.join(", ") + ']';
    }
    return scalar(value);
}

constexpr int kLineWidth = 100;

void write(QByteArray &out, const QJsonValue &value, bool map, int indent, int used)
{
    const QByteArray line = oneLine(value, map);
    if ((!value.isObject() && !value.isArray())
        || (used + line.size() <= kLineWidth && objectDepth(value) <= 2)) {
        out += line;
        return;
    }
    const QByteArray inner(indent + 2, ' ');
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        out += "{\n";
        const QStringList keys = orderedKeys(object, map);
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const QByteArray name = scalar(keys.at(i)) + ": ";
            out += inner + name;
            write(out, object.value(keys.at(i)), isMap(keys.at(i)), indent + 2,
                  int(inner.size() + name.size()));
            out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        out += QByteArray(indent, ' ') + '}';
        return;
    }
    const QJsonArray array = value.toArray();
    out += "[\n";
    for (qsizetype i = 0; i < array.size(); ++i) {
        out += inner;
        write(out, array.at(i), false, indent + 2, int(inner.size()));
        out += i + 1 < array.size() ? ",\n" : "\n";
    }
    out += QByteArray(indent, ' ') + ']';
}

} // namespace

Result<QJsonObject> mergeOpenApi(const QJsonObject &base, const QList<OpenApiFragment> &fragments)
{
    const QString baseName = QStringLiteral("the base document");
    QJsonObject paths = base.value(u"paths").toObject();
    QJsonObject components = base.value(u"components").toObject();
    QJsonArray tags = base.value(u"tags").toArray();

    QHash<QString, QString> pathOwners = ownedBy(paths, baseName);
    QHash<QString, QHash<QString, QString>> componentOwners;
    for (auto it = components.begin(); it != components.end(); ++it) {
        componentOwners.insert(it.key(), ownedBy(it.value().toObject(), baseName));
    }
    QHash<QString, QString> tagOwners;
    for (const QJsonValue &tag : std::as_const(tags)) {
        tagOwners.insert(tag.toObject().value(u"name").toString(), baseName);
    }

    for (const OpenApiFragment &fragment : fragments) {
        const QString origin = QStringLiteral("the %1 fragment").arg(fragment.name);
        for (const QString &key : fragment.document.keys()) {
            if (key != u"paths" && key != u"components" && key != u"tags") {
                return fail(fragmentError(QStringLiteral("%1 has \"%2\"; a fragment has only "
                                                         "paths, components and tags.")
                                              .arg(origin, key)));
            }
        }
        if (auto added = addNamed(paths, pathOwners, QStringLiteral("The path"),
                                  fragment.document.value(u"paths").toObject(), origin);
            !added) {
            return fail(added.error());
        }
        const QJsonObject parts = fragment.document.value(u"components").toObject();
        for (auto it = parts.begin(); it != parts.end(); ++it) {
            if (!it.value().isObject()) {
                return fail(fragmentError(
                    QStringLiteral("%1: components/%2 is not an object.").arg(origin, it.key())));
            }
            QJsonObject section = components.value(it.key()).toObject();
            if (auto added = addNamed(section, componentOwners[it.key()],
                                      QStringLiteral("components/%1").arg(it.key()),
                                      it.value().toObject(), origin);
                !added) {
                return fail(added.error());
            }
            components.insert(it.key(), section);
        }
        for (const QJsonValue &tag : fragment.document.value(u"tags").toArray()) {
            const QString name = tag.toObject().value(u"name").toString();
            if (tagOwners.contains(name)) {
                return fail(fragmentError(QStringLiteral("The tag \"%1\" is defined by both %2 "
                                                         "and %3.")
                                              .arg(name, tagOwners.value(name), origin)));
            }
            tagOwners.insert(name, origin);
            tags.append(tag);
        }
    }

    QJsonObject document = base;
    document.insert(QStringLiteral("paths"), paths);
    document.insert(QStringLiteral("components"), components);
    if (tags.isEmpty()) {
        document.remove(QStringLiteral("tags"));
    } else {
        document.insert(QStringLiteral("tags"), tags);
    }
    return document;
}

Result<QJsonObject> readOpenApiJson(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(
            fragmentError(QStringLiteral("cannot read %1: %2").arg(fileName, file.errorString())));
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError) {
        return fail(fragmentError(QStringLiteral("%1 is not valid JSON: %2 at offset %3")
                                      .arg(fileName, error.errorString())
                                      .arg(error.offset)));
    }
    if (!document.isObject()) {
        return fail(fragmentError(QStringLiteral("%1 is not a JSON object.").arg(fileName)));
    }
    return document.object();
}

Result<QJsonObject> assembleOpenApi(const QList<OpenApiFragment> &fragments)
{
    auto base = readOpenApiJson(QStringLiteral(":/openapi/base.json"));
    if (!base) {
        return fail(base.error());
    }
    return mergeOpenApi(*base, fragments);
}

QByteArray openApiJson(const QJsonObject &document)
{
    QByteArray out;
    write(out, document, false, 0, 0);
    out += '\n';
    return out;
}

} // namespace Shop::Server
