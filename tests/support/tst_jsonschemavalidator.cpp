// JsonSchemaValidator: each keyword of the subset accepts what it should and rejects what it
// should (so a live check built on it can fail), $refs resolve into the root document, and an
// unsupported keyword is an error rather than a silent pass.

#include "support/jsonschemavalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Shop::Tests;

namespace {

QJsonValue json(const char *text)
{
    // Wrapped in an array, so that scalars parse too.
    return QJsonDocument::fromJson(QByteArray("[") + text + ']').array().at(0);
}

// A root document to resolve references in, shaped like an OpenAPI document.
const char *const kRoot = R"({
  "components": {
    "schemas": {
      "Money": {
        "type": "object",
        "required": ["amount", "currency"],
        "additionalProperties": false,
        "properties": {
          "amount": { "type": "integer", "minimum": 0 },
          "currency": { "type": "string", "pattern": "^[A-Z]{3}$" }
        }
      },
      "Tree": {
        "type": "object",
        "required": ["name", "children"],
        "properties": {
          "name": { "type": "string" },
          "children": { "type": "array", "items": { "$ref": "#/components/schemas/Tree" } }
        }
      },
      "a/b": { "const": 1 }
    }
  }
})";

// The rows of validate(), outside the class for the reason given at kMoneyRef below.
void addRows()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("message"); // part of the first error, when invalid

    const auto row = [](const char *name, const char *schema, const char *value, bool valid,
                        const char *message = "") {
        QTest::newRow(name) << QString::fromUtf8(schema) << QString::fromUtf8(value) << valid
                            << QString::fromUtf8(message);
    };

    // Boolean schemas and the empty schema.
    row("true", "true", "42", true);
    row("false", "false", "42", false, "no value is allowed");
    row("empty", "{}", R"({"a":[1]})", true);

    // type
    row("string", R"({"type":"string"})", R"("x")", true);
    row("string/number", R"({"type":"string"})", "1", false, "not of type string");
    row("integer", R"({"type":"integer"})", "3", true);
    row("integer/fraction", R"({"type":"integer"})", "3.5", false, "not of type integer");
    row("integer/1.0", R"({"type":"integer"})", "1.0", true);
    row("number/fraction", R"({"type":"number"})", "3.5", true);
    row("number/string", R"({"type":"number"})", R"("3")", false, "not of type number");
    row("boolean", R"({"type":"boolean"})", "false", true);
    row("boolean/0", R"({"type":"boolean"})", "0", false, "not of type boolean");
    row("null", R"({"type":"null"})", "null", true);
    row("null/empty string", R"({"type":"null"})", R"("")", false, "not of type null");
    row("object/array", R"({"type":"object"})", "[]", false, "not of type object");
    row("array/object", R"({"type":"array"})", "{}", false, "not of type array");
    row("type list/null", R"({"type":["string","null"]})", "null", true);
    row("type list/string", R"({"type":["string","null"]})", R"("a")", true);
    row("type list/number", R"({"type":["string","null"]})", "1", false,
        "not of type string or null");

    // properties, required, additionalProperties
    const char *person = R"({"type":"object","required":["name"],
        "properties":{"name":{"type":"string"},"age":{"type":"integer"}}})";
    row("required present", person, R"({"name":"Ada"})", true);
    row("required missing", person, R"({"age":3})", false, "required member \"name\" is missing");
    row("property type", person, R"({"name":"Ada","age":"3"})", false,
        "$.age: \"3\" is not of type integer");
    row("extra member allowed", person, R"({"name":"Ada","x":1})", true);
    const char *closed = R"({"type":"object","additionalProperties":false,
        "properties":{"name":{"type":"string"}}})";
    row("additionalProperties false/ok", closed, R"({"name":"Ada"})", true);
    row("additionalProperties false/extra", closed, R"({"name":"Ada","x":1})", false,
        "$.x: the member is not allowed");
    const char *typedExtra = R"({"type":"object","additionalProperties":{"type":"integer"}})";
    row("additionalProperties schema/ok", typedExtra, R"({"a":1,"b":2})", true);
    row("additionalProperties schema/bad", typedExtra, R"({"a":1,"b":"2"})", false,
        "$.b: \"2\" is not of type integer");
    row("member path quoting", R"({"properties":{"a-b":{"type":"string"}}})", R"({"a-b":1})", false,
        "$[\"a-b\"]");

    // items, minItems, maxItems
    const char *numbers = R"({"type":"array","items":{"type":"integer"},"minItems":1,
        "maxItems":3})";
    row("items ok", numbers, "[1,2,3]", true);
    row("items bad", numbers, R"([1,"2"])", false, "$[1]: \"2\" is not of type integer");
    row("minItems", numbers, "[]", false, "fewer than 1");
    row("maxItems", numbers, "[1,2,3,4]", false, "more than 3");

    // enum, const
    row("enum ok", R"({"enum":["HIT","MISS"]})", R"("HIT")", true);
    row("enum bad", R"({"enum":["HIT","MISS"]})", R"("hit")", false, "is not one of");
    row("enum number", R"({"enum":[1,2]})", "2", true);
    row("const ok", R"({"const":"ok"})", R"("ok")", true);
    row("const bad", R"({"const":"ok"})", R"("OK")", false, "is not \"ok\"");
    row("const 0 vs false", R"({"const":0})", "false", false, "is not 0");

    // minimum, maximum, exclusive bounds
    const char *range = R"({"type":"integer","minimum":1,"maximum":100})";
    row("minimum edge", range, "1", true);
    row("maximum edge", range, "100", true);
    row("below minimum", range, "0", false, "below the minimum");
    row("above maximum", range, "101", false, "above the maximum");
    row("exclusiveMinimum", R"({"exclusiveMinimum":0})", "0", false, "not above");
    row("exclusiveMaximum", R"({"exclusiveMaximum":10})", "9.5", true);

    // minLength, maxLength (code points), pattern (unanchored)
    const char *text = R"({"type":"string","minLength":2,"maxLength":3})";
    row("minLength", text, R"("a")", false, "shorter than 2");
    row("maxLength", text, R"("abcd")", false, "longer than 3");
    row("length in code points", text, R"("😀😀")", true);
    row("pattern ok", R"({"pattern":"^[A-Z]{3}$"})", R"("USD")", true);
    row("pattern bad", R"({"pattern":"^[A-Z]{3}$"})", R"("usd")", false, "does not match");
    row("pattern unanchored", R"({"pattern":"[0-9]"})", R"("abc1")", true);
    row("pattern only for strings", R"({"pattern":"^x$"})", "1", true);

    // $ref into the root document
    row("ref ok", R"({"$ref":"#/components/schemas/Money"})", R"({"amount":1299,"currency":"USD"})",
        true);
    row("ref nested error", R"({"$ref":"#/components/schemas/Money"})",
        R"({"amount":-1,"currency":"USD"})", false, "$.amount: -1 is below the minimum");
    row("ref closed object", R"({"$ref":"#/components/schemas/Money"})",
        R"({"amount":1,"currency":"USD","tax":0})", false, "$.tax");
    row("ref recursive ok", R"({"$ref":"#/components/schemas/Tree"})",
        R"({"name":"a","children":[{"name":"b","children":[]}]})", true);
    row("ref recursive bad", R"({"$ref":"#/components/schemas/Tree"})",
        R"({"name":"a","children":[{"name":"b"}]})", false,
        "$.children[0]: the required member \"children\" is missing");
    row("ref escaped", R"({"$ref":"#/components/schemas/a~1b"})", "1", true);
    row("ref unresolvable", R"({"$ref":"#/components/schemas/Nope"})", "1", false,
        "unresolvable $ref");
    row("ref in items", R"({"type":"array","items":{"$ref":"#/components/schemas/Money"}})",
        R"([{"amount":1,"currency":"EUR"},{"amount":1,"currency":"eur"}])", false, "$[1].currency");

    // allOf, anyOf, oneOf
    const char *both = R"({"allOf":[{"type":"integer"},{"minimum":10}]})";
    row("allOf ok", both, "12", true);
    row("allOf one fails", both, "5", false, "below the minimum");
    const char *either = R"({"anyOf":[{"type":"string"},{"type":"integer"}]})";
    row("anyOf first", either, R"("a")", true);
    row("anyOf second", either, "1", true);
    row("anyOf none", either, "1.5", false, "matches none of anyOf");
    const char *exactlyOne = R"({"oneOf":[{"type":"integer"},{"minimum":0}]})";
    row("oneOf exactly one", exactlyOne, "-1", true);
    row("oneOf two", exactlyOne, "3", false, "matches 2 of oneOf");
    row("oneOf none", exactlyOne, "-1.5", false, "matches 0 of oneOf");

    // Annotations are ignored; anything else is refused.
    row("annotations", R"({"type":"string","format":"uuid","description":"d",
        "examples":["x"],"default":"y","title":"t","deprecated":true})",
        R"("not a uuid")", true);
    row("unsupported keyword", R"({"type":"string","uniqueItems":true})", R"("a")", false,
        "unsupported schema keyword \"uniqueItems\"");
    row("unsupported in nested", R"({"properties":{"a":{"minProperties":1}}})", R"({"a":{}})",
        false, "$.a: unsupported schema keyword");
}

// Schemas the test functions use. (Not written in the class: moc 6.4 loses track of a class body
// holding raw string literals with '#' in them.)
const char *const kMoneyRef = R"({"$ref":"#/components/schemas/Money"})";
const char *const kCycleRoot = R"({"a":{"$ref":"#/a"}})";
const char *const kCycleRef = R"({"$ref":"#/a"})";

} // namespace

class TestJsonSchemaValidator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data() { addRows(); }

    void validate()
    {
        QFETCH(QString, schema);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QFETCH(QString, message);

        const QJsonValue schemaJson = json(schema.toUtf8().constData());
        const QJsonValue valueJson = json(value.toUtf8().constData());
        QVERIFY2(!schemaJson.isUndefined(), "the schema does not parse");
        QVERIFY2(!valueJson.isUndefined(), "the value does not parse");

        const JsonSchemaValidator validator(QJsonDocument::fromJson(kRoot).object());
        const QStringList errors = validator.validate(valueJson, schemaJson);
        if (valid) {
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        } else {
            QVERIFY2(!errors.isEmpty(), "accepted a value the schema rejects");
            QVERIFY2(errors.join(u'\n').contains(message), qPrintable(errors.join(u'\n')));
        }
    }

    void everyErrorIsReported()
    {
        const JsonSchemaValidator validator(QJsonDocument::fromJson(kRoot).object());
        const QStringList errors = validator.validate(
            json(R"({"amount":"1","currency":"usd","x":null})"), json(kMoneyRef));
        QCOMPARE(errors.size(), 3);
    }

    void resolvesPointers()
    {
        const JsonSchemaValidator validator(QJsonDocument::fromJson(kRoot).object());
        QVERIFY(validator.resolve(QStringLiteral("#/components/schemas/Money")).isObject());
        QCOMPARE(validator.resolve(QStringLiteral("#/components/schemas/a~1b/const")).toInt(), 1);
        QVERIFY(validator.resolve(QStringLiteral("#/components/nothing")).isUndefined());
        QVERIFY(validator.resolve(QStringLiteral("other.json#/x")).isUndefined());
    }

    void refCyclesEnd()
    {
        const JsonSchemaValidator validator(QJsonDocument::fromJson(kCycleRoot).object());
        const QStringList errors = validator.validate(json("1"), json(kCycleRef));
        QVERIFY(!errors.isEmpty());
        QVERIFY2(errors.first().contains(u"cycle"), qPrintable(errors.first()));
    }
};

QTEST_GUILESS_MAIN(TestJsonSchemaValidator)
#include "tst_jsonschemavalidator.moc"
