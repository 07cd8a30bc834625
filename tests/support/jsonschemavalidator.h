#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

namespace Shop::Tests {

// Checks JSON values against the JSON Schema (2020-12) subset our OpenAPI document uses:
//   type (a name or a list of names; "integer" is a number without a fraction), properties,
//   required, additionalProperties (true, false or a schema), items, minItems, maxItems, enum,
//   const, $ref to "#/..." in the root document, oneOf, anyOf, allOf, minimum, maximum,
//   exclusiveMinimum, exclusiveMaximum, minLength, maxLength (in code points), pattern (an
//   unanchored ECMA-style regular expression, as JSON Schema has it).
// Annotations (description, examples, default, format, title, deprecated, ...) are ignored. Any
// other keyword is reported as unsupported, so that a schema this validator does not understand
// fails instead of passing unchecked.
class JsonSchemaValidator final
{
public:
    // `root` is the document "$ref"s point into (the OpenAPI document).
    explicit JsonSchemaValidator(QJsonObject root = {});

    // Every mismatch, one message each ("$.items[0].price: 12.5 is not of type integer"); an
    // empty list when `value` is valid.
    [[nodiscard]] QStringList validate(const QJsonValue &value, const QJsonValue &schema) const;

    // The value a "#/a/b" reference points at (JSON Pointer, with ~0 and ~1 escapes); undefined
    // when there is none.
    [[nodiscard]] QJsonValue resolve(const QString &ref) const;

private:
    void check(const QJsonValue &value, const QJsonValue &schema, const QString &where,
               QStringList &errors, int depth) const;

    QJsonObject m_root;
};

} // namespace Shop::Tests
