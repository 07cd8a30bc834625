#include "jsonschemavalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace Shop::Tests {

namespace {

constexpr int kMaxDepth = 64; // against $ref cycles that never consume the value

QString show(const QJsonValue &value)
{
    QString text;
    if (value.isObject()) {
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    } else if (value.isArray()) {
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    } else {
        const QByteArray array = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
        text = QString::fromUtf8(array.mid(1, array.size() - 2));
    }
    return text.size() > 80 ? text.left(77) + QStringLiteral("...") : text;
}

bool isInteger(const QJsonValue &value)
{
    if (!value.isDouble()) {
        return false;
    }
    const double number = value.toDouble();
    return std::isfinite(number) && std::trunc(number) == number;
}

bool hasType(const QJsonValue &value, const QString &type)
{
    if (type == u"object") {
        return value.isObject();
    }
    if (type == u"array") {
        return value.isArray();
    }
    if (type == u"string") {
        return value.isString();
    }
    if (type == u"number") {
        return value.isDouble();
    }
    if (type == u"integer") {
        return isInteger(value);
    }
    if (type == u"boolean") {
        return value.isBool();
    }
    if (type == u"null") {
        return value.isNull();
    }
    return false;
}

// Keywords that only annotate: they never make a value invalid.
const QSet<QString> &annotations()
{
    static const QSet<QString> set {
        u"description"_qs,  u"examples"_qs, u"example"_qs,         u"default"_qs,
        u"format"_qs,       u"title"_qs,    u"deprecated"_qs,      u"readOnly"_qs,
        u"writeOnly"_qs,    u"$comment"_qs, u"contentEncoding"_qs, u"contentMediaType"_qs,
        u"externalDocs"_qs, u"xml"_qs,      u"discriminator"_qs};
    return set;
}

const QSet<QString> &supported()
{
    static const QSet<QString> set {u"type"_qs,
                                    u"properties"_qs,
                                    u"required"_qs,
                                    u"additionalProperties"_qs,
                                    u"items"_qs,
                                    u"minItems"_qs,
                                    u"maxItems"_qs,
                                    u"enum"_qs,
                                    u"const"_qs,
                                    u"$ref"_qs,
                                    u"oneOf"_qs,
                                    u"anyOf"_qs,
                                    u"allOf"_qs,
                                    u"minimum"_qs,
                                    u"maximum"_qs,
                                    u"exclusiveMinimum"_qs,
                                    u"exclusiveMaximum"_qs,
                                    u"minLength"_qs,
                                    u"maxLength"_qs,
                                    u"pattern"_qs};
    return set;
}

QString member(const QString &where, const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (plain.match(name).hasMatch()) {
        return where + u'.' + name;
    }
    return where + QStringLiteral("[\"%1\"]").arg(name);
}

} // namespace

JsonSchemaValidator::JsonSchemaValidator(QJsonObject root)
    : m_root(std::move(root))
{ }

QStringList JsonSchemaValidator::validate(const QJsonValue &value, const QJsonValue &schema) const
{
    QStringList errors;
    check(value, schema, QStringLiteral("$"), errors, 0);
    return errors;
}

QJsonValue JsonSchemaValidator::resolve(const QString &ref) const
{
    if (ref == u"#") {
        return m_root;
    }
    if (!ref.startsWith(u"#/")) {
        return QJsonValue(QJsonValue::Undefined);
    }
    QJsonValue node = m_root;
    for (QString part : ref.mid(2).split(u'/')) {
        part.replace(QStringLiteral("~1"), QStringLiteral("/"));
        part.replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (node.isObject() && node.toObject().contains(part)) {
            node = node.toObject().value(part);
        } else if (node.isArray()) {
            bool ok = false;
            const int index = part.toInt(&ok);
            if (!ok || index < 0 || index >= node.toArray().size()) {
                return QJsonValue(QJsonValue::Undefined);
            }
            node = node.toArray().at(index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return node;
}

void JsonSchemaValidator::check(const QJsonValue &value, const QJsonValue &schemaValue,
                                const QString &where, QStringList &errors, int depth) const
{
    if (depth > kMaxDepth) {
        errors.append(
            where + QStringLiteral(": schema nesting deeper than %1 ($ref cycle?)").arg(kMaxDepth));
        return;
    }
    if (schemaValue.isBool()) {
        if (!schemaValue.toBool()) {
            errors.append(where + QStringLiteral(": no value is allowed here"));
        }
        return;
    }
    if (!schemaValue.isObject()) {
        errors.append(where + QStringLiteral(": the schema is not an object or a boolean"));
        return;
    }
    const QJsonObject schema = schemaValue.toObject();
    for (auto it = schema.begin(); it != schema.end(); ++it) {
        if (!supported().contains(it.key()) && !annotations().contains(it.key())) {
            errors.append(where
                          + QStringLiteral(": unsupported schema keyword \"%1\"").arg(it.key()));
        }
    }

    if (schema.contains(u"$ref")) {
        const QString ref = schema.value(u"$ref").toString();
        const QJsonValue target = resolve(ref);
        if (target.isUndefined()) {
            errors.append(where + QStringLiteral(": unresolvable $ref \"%1\"").arg(ref));
        } else {
            check(value, target, where, errors, depth + 1);
        }
    }

    if (schema.contains(u"type")) {
        const QJsonValue type = schema.value(u"type");
        QStringList types;
        if (type.isArray()) {
            for (const QJsonValue &name : type.toArray()) {
                types.append(name.toString());
            }
        } else {
            types.append(type.toString());
        }
        bool matched = false;
        for (const QString &name : std::as_const(types)) {
            matched = matched || hasType(value, name);
        }
        if (!matched) {
            errors.append(where
                          + QStringLiteral(": %1 is not of type %2")
                                .arg(show(value), types.join(QStringLiteral(" or "))));
            return; // the other keywords would only repeat the mismatch
        }
    }

    if (schema.contains(u"const") && value != schema.value(u"const")) {
        errors.append(
            where
            + QStringLiteral(": %1 is not %2").arg(show(value), show(schema.value(u"const"))));
    }
    if (schema.contains(u"enum")) {
        const QJsonArray allowed = schema.value(u"enum").toArray();
        if (!allowed.contains(value)) {
            errors.append(
                where + QStringLiteral(": %1 is not one of %2").arg(show(value), show(allowed)));
        }
    }

    if (value.isDouble()) {
        const double number = value.toDouble();
        const auto bound = [&](const char *keyword, auto violates, const char *relation) {
            const QString key = QString::fromLatin1(keyword);
            if (schema.contains(key) && violates(number, schema.value(key).toDouble())) {
                errors.append(where
                              + QStringLiteral(": %1 is %2 %3")
                                    .arg(show(value), QString::fromLatin1(relation),
                                         show(schema.value(key))));
            }
        };
        bound("minimum", std::less<double>(), "below the minimum");
        bound("maximum", std::greater<double>(), "above the maximum");
        bound("exclusiveMinimum", std::less_equal<double>(), "not above");
        bound("exclusiveMaximum", std::greater_equal<double>(), "not below");
    }

    if (value.isString()) {
        const QString text = value.toString();
        const qsizetype length = text.toUcs4().size();
        if (schema.contains(u"minLength") && length < schema.value(u"minLength").toInteger()) {
            errors.append(where
                          + QStringLiteral(": %1 is shorter than %2 characters")
                                .arg(show(value))
                                .arg(schema.value(u"minLength").toInteger()));
        }
        if (schema.contains(u"maxLength") && length > schema.value(u"maxLength").toInteger()) {
            errors.append(where
                          + QStringLiteral(": %1 is longer than %2 characters")
                                .arg(show(value))
                                .arg(schema.value(u"maxLength").toInteger()));
        }
        if (schema.contains(u"pattern")) {
            const QString pattern = schema.value(u"pattern").toString();
            const QRegularExpression expression(pattern);
            if (!expression.isValid()) {
                errors.append(where + QStringLiteral(": invalid pattern %1").arg(pattern));
            } else if (!expression.match(text).hasMatch()) {
                errors.append(where
                              + QStringLiteral(": %1 does not match %2").arg(show(value), pattern));
            }
        }
    }

    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (schema.contains(u"minItems") && array.size() < schema.value(u"minItems").toInteger()) {
            errors.append(where
                          + QStringLiteral(": %1 items, fewer than %2")
                                .arg(array.size())
                                .arg(schema.value(u"minItems").toInteger()));
        }
        if (schema.contains(u"maxItems") && array.size() > schema.value(u"maxItems").toInteger()) {
            errors.append(where
                          + QStringLiteral(": %1 items, more than %2")
                                .arg(array.size())
                                .arg(schema.value(u"maxItems").toInteger()));
        }
        if (schema.contains(u"items")) {
            for (qsizetype i = 0; i < array.size(); ++i) {
                check(array.at(i), schema.value(u"items"), where + QStringLiteral("[%1]").arg(i),
                      errors, depth + 1);
            }
        }
    }

    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (const QJsonValue &name : schema.value(u"required").toArray()) {
            if (!object.contains(name.toString())) {
                errors.append(where
                              + QStringLiteral(": the required member \"%1\" is missing")
                                    .arg(name.toString()));
            }
        }
        const QJsonObject properties = schema.value(u"properties").toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString path = member(where, it.key());
            if (properties.contains(it.key())) {
                check(it.value(), properties.value(it.key()), path, errors, depth + 1);
            } else if (schema.contains(u"additionalProperties")) {
                const QJsonValue additional = schema.value(u"additionalProperties");
                if (additional.isBool() && !additional.toBool()) {
                    errors.append(path + QStringLiteral(": the member is not allowed here"));
                } else {
                    check(it.value(), additional, path, errors, depth + 1);
                }
            }
        }
    }

    const auto combine = [&](const QString &keyword) -> QList<QStringList> {
        QList<QStringList> results;
        for (const QJsonValue &part : schema.value(keyword).toArray()) {
            QStringList partErrors;
            check(value, part, where, partErrors, depth + 1);
            results.append(partErrors);
        }
        return results;
    };
    if (schema.contains(u"allOf")) {
        for (const QStringList &partErrors : combine(QStringLiteral("allOf"))) {
            errors.append(partErrors);
        }
    }
    if (schema.contains(u"anyOf")) {
        const QList<QStringList> results = combine(QStringLiteral("anyOf"));
        const bool any = std::any_of(results.cbegin(), results.cend(),
                                     [](const QStringList &e) { return e.isEmpty(); });
        if (!any) {
            errors.append(where + QStringLiteral(": %1 matches none of anyOf").arg(show(value)));
            for (const QStringList &partErrors : results) {
                for (const QString &error : partErrors) {
                    errors.append(QStringLiteral("  (anyOf) ") + error);
                }
            }
        }
    }
    if (schema.contains(u"oneOf")) {
        const QList<QStringList> results = combine(QStringLiteral("oneOf"));
        const qsizetype matches = std::count_if(results.cbegin(), results.cend(),
                                                [](const QStringList &e) { return e.isEmpty(); });
        if (matches != 1) {
            errors.append(where
                          + QStringLiteral(": %1 matches %2 of oneOf, not exactly one")
                                .arg(show(value))
                                .arg(matches));
            if (matches == 0) {
                for (const QStringList &partErrors : results) {
                    for (const QString &error : partErrors) {
                        errors.append(QStringLiteral("  (oneOf) ") + error);
                    }
                }
            }
        }
    }
}

} // namespace Shop::Tests
