// SendGrid's mail-send validation as shop-sandbox applies it: which bodies pass, and for each
// documented mistake the error's field. Also random and truncated bodies, which must never crash.

#include "sandbox/mailsendvalidation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Shop::Sandbox;

namespace {

const QByteArray kJson = QByteArrayLiteral("application/json");

QJsonObject validMail()
{
    return QJsonObject {
        {u"from"_qs, QJsonObject {{u"email"_qs, u"shop@example.com"_qs}}},
        {u"personalizations"_qs,
         QJsonArray {QJsonObject {
             {u"to"_qs, QJsonArray {QJsonObject {{u"email"_qs, u"ada@example.org"_qs}}}}}}},
        {u"subject"_qs, u"Welcome"_qs},
        {u"content"_qs,
         QJsonArray {
             QJsonObject {{u"type"_qs, u"text/plain"_qs}, {u"value"_qs, u"Hello"_qs}},
             QJsonObject {{u"type"_qs, u"text/html"_qs}, {u"value"_qs, u"<p>Hello</p>"_qs}}}},
    };
}

QByteArray bytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestMailSendValidation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsAValidMail()
    {
        const auto message = validateMailSend(kJson, bytes(validMail()));
        QVERIFY(message.has_value());
        QCOMPARE(message->from, u"shop@example.com"_qs);
        QCOMPARE(message->to, QStringList {u"ada@example.org"_qs});
        QCOMPARE(message->subject, u"Welcome"_qs);
        QCOMPARE(message->text, u"Hello"_qs);
        QCOMPARE(message->html, u"<p>Hello</p>"_qs);
    }

    void acceptsSubjectsInEveryPersonalization()
    {
        QJsonObject mail = validMail();
        mail.remove(u"subject"_qs);
        QJsonArray personalizations = mail.value(u"personalizations"_qs).toArray();
        QJsonObject first = personalizations.at(0).toObject();
        first.insert(u"subject"_qs, u"Per person"_qs);
        personalizations.replace(0, first);
        mail.insert(u"personalizations"_qs, personalizations);
        const auto message =
            validateMailSend(QByteArrayLiteral("application/json; charset=utf-8"), bytes(mail));
        QVERIFY(message.has_value());
        QCOMPARE(message->subject, u"Per person"_qs);
    }

    void acceptsHtmlAlone()
    {
        QJsonObject mail = validMail();
        mail.insert(u"content"_qs,
                    QJsonArray {QJsonObject {{u"type"_qs, u"text/html"_qs},
                                             {u"value"_qs, u"<b>x</b>"_qs}}});
        QVERIFY(validateMailSend(kJson, bytes(mail)).has_value());
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field"); // the first error's field; empty: null

        const auto without = [](const QString &key) {
            QJsonObject mail = validMail();
            mail.remove(key);
            return bytes(mail);
        };
        const auto with = [](const QString &key, const QJsonValue &value) {
            QJsonObject mail = validMail();
            mail.insert(key, value);
            return bytes(mail);
        };
        const auto to = [](const QJsonValue &recipient) {
            return QJsonArray {QJsonObject {{u"to"_qs, QJsonArray {recipient}}}};
        };
        const auto block = [](const QString &type, const QString &value) {
            return QJsonObject {{u"type"_qs, type}, {u"value"_qs, value}};
        };

        QTest::newRow("wrong content type")
            << QByteArrayLiteral("text/plain") << bytes(validMail()) << QString();
        QTest::newRow("no content type") << QByteArray() << bytes(validMail()) << QString();
        QTest::newRow("malformed json") << kJson << QByteArrayLiteral("{\"from\":") << QString();
        QTest::newRow("json array") << kJson << QByteArrayLiteral("[]") << QString();
        QTest::newRow("empty body") << kJson << QByteArray() << QString();
        QTest::newRow("missing from") << kJson << without(u"from"_qs) << u"from.email"_qs;
        QTest::newRow("from not an object")
            << kJson << with(u"from"_qs, u"shop@example.com"_qs) << u"from.email"_qs;
        QTest::newRow("bad from email")
            << kJson << with(u"from"_qs, QJsonObject {{u"email"_qs, u"not-an-address"_qs}})
            << u"from.email"_qs;
        QTest::newRow("no personalizations")
            << kJson << without(u"personalizations"_qs) << u"personalizations"_qs;
        QTest::newRow("empty personalizations")
            << kJson << with(u"personalizations"_qs, QJsonArray {}) << u"personalizations"_qs;
        QJsonArray many;
        for (int i = 0; i < 1001; ++i) {
            many.append(QJsonObject {
                {u"to"_qs, QJsonArray {QJsonObject {{u"email"_qs, u"a@example.org"_qs}}}}});
        }
        QTest::newRow("1001 personalizations")
            << kJson << with(u"personalizations"_qs, many) << u"personalizations"_qs;
        QTest::newRow("personalization without to")
            << kJson << with(u"personalizations"_qs, QJsonArray {QJsonObject {}})
            << u"personalizations.0.to"_qs;
        QTest::newRow("bad to email")
            << kJson
            << with(u"personalizations"_qs, to(QJsonObject {{u"email"_qs, u"ada@@example"_qs}}))
            << u"personalizations.0.to.0.email"_qs;
        QTest::newRow("to email with a space")
            << kJson
            << with(u"personalizations"_qs,
                    to(QJsonObject {{u"email"_qs, u"ada lovelace@example.org"_qs}}))
            << u"personalizations.0.to.0.email"_qs;
        QTest::newRow("missing subject") << kJson << without(u"subject"_qs) << u"subject"_qs;
        QTest::newRow("empty subject") << kJson << with(u"subject"_qs, u""_qs) << u"subject"_qs;
        QTest::newRow("no content") << kJson << without(u"content"_qs) << u"content"_qs;
        QTest::newRow("empty content")
            << kJson << with(u"content"_qs, QJsonArray {}) << u"content"_qs;
        QTest::newRow("html before text")
            << kJson
            << with(u"content"_qs,
                    QJsonArray {block(u"text/html"_qs, u"<p>x</p>"_qs),
                                block(u"text/plain"_qs, u"x"_qs)})
            << u"content"_qs;
        QTest::newRow("two text parts")
            << kJson
            << with(u"content"_qs,
                    QJsonArray {block(u"text/plain"_qs, u"x"_qs), block(u"text/plain"_qs, u"y"_qs)})
            << u"content"_qs;
        QTest::newRow("empty content value")
            << kJson << with(u"content"_qs, QJsonArray {block(u"text/plain"_qs, u""_qs)})
            << u"content.0.value"_qs;
        QTest::newRow("content without type")
            << kJson << with(u"content"_qs, QJsonArray {QJsonObject {{u"value"_qs, u"x"_qs}}})
            << u"content.0.type"_qs;
    }

    void refuses()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const auto result = validateMailSend(contentType, body);
        QVERIFY(!result.has_value());
        QVERIFY(!result.error().isEmpty());
        QCOMPARE(result.error().constFirst().field, field);
        QVERIFY(!result.error().constFirst().message.isEmpty());
        QCOMPARE(result.error().constFirst().help.isEmpty(), field.isEmpty());
    }

    void reportsEveryErrorAtOnce()
    {
        const auto result = validateMailSend(kJson, QByteArrayLiteral("{}"));
        QVERIFY(!result.has_value());
        QStringList fields;
        for (const SendGridError &error : result.error()) {
            fields.append(error.field);
        }
        QCOMPARE(
            fields,
            (QStringList {u"from.email"_qs, u"personalizations"_qs, u"subject"_qs, u"content"_qs}));
    }

    void errorBodyHasSendGridsShape()
    {
        const QJsonObject body =
            QJsonDocument::fromJson(
                sendGridErrorBody({{u"Bad"_qs, u"from.email"_qs, u"h"_qs}, {u"Worse"_qs, {}, {}}}))
                .object();
        const QJsonArray errors = body.value(u"errors"_qs).toArray();
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors.at(0).toObject().value(u"field"_qs).toString(), u"from.email"_qs);
        QCOMPARE(errors.at(0).toObject().value(u"message"_qs).toString(), u"Bad"_qs);
        QCOMPARE(errors.at(0).toObject().value(u"help"_qs).toString(), u"h"_qs);
        QVERIFY(errors.at(1).toObject().value(u"field"_qs).isNull());
        QVERIFY(errors.at(1).toObject().value(u"help"_qs).isNull());
    }

    void emailAddresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << u"ada@example.org"_qs << true;
        QTest::newRow("plus") << u"ada+shop@mail.example.org"_qs << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("no at") << u"example.org"_qs << false;
        QTest::newRow("two ats") << u"a@b@example.org"_qs << false;
        QTest::newRow("no local part") << u"@example.org"_qs << false;
        QTest::newRow("undotted domain") << u"ada@localhost"_qs << false;
        QTest::newRow("double dot") << u"ada@example..org"_qs << false;
        QTest::newRow("angle brackets") << u"<ada@example.org>"_qs << false;
        QTest::newRow("newline") << u"ada@example.org\nBcc: x@y.z"_qs << false;
        QTest::newRow("too long") << (QString(250, u'a') + u"@example.org"_qs) << false;
    }

    void emailAddresses()
    {
        QFETCH(QString, address);
        QFETCH(bool, valid);
        QCOMPARE(isValidEmail(address), valid);
    }

    // Truncations and byte flips of a valid body, and wrong JSON types everywhere: an answer
    // every time, never a crash (the ASan build runs this too).
    void neverCrashes()
    {
        const QByteArray valid = bytes(validMail());
        for (qsizetype cut = 0; cut < valid.size(); ++cut) {
            QVERIFY(!validateMailSend(kJson, valid.left(cut)).has_value());
        }
        QRandomGenerator random(7);
        int accepted = 0;
        for (int round = 0; round < 3000; ++round) {
            QByteArray body = valid;
            const int flips = 1 + int(random.bounded(4));
            for (int i = 0; i < flips; ++i) {
                body[random.bounded(int(body.size()))] = char(random.bounded(256));
            }
            accepted += validateMailSend(kJson, body).has_value() ? 1 : 0;
        }
        QVERIFY(accepted < 3000);
        const QList<QJsonValue> odd {QJsonValue(),
                                     QJsonValue(1.5),
                                     QJsonValue(true),
                                     QJsonValue(u"x"_qs),
                                     QJsonValue(QJsonArray {1, u"a"_qs}),
                                     QJsonValue(QJsonObject {{u"email"_qs, 3}})};
        for (const QString &key :
             {u"from"_qs, u"personalizations"_qs, u"subject"_qs, u"content"_qs}) {
            for (const QJsonValue &value : odd) {
                if (key == u"subject"_qs && value.isString()) {
                    continue; // "x" is a fine subject
                }
                QJsonObject mail = validMail();
                mail.insert(key, value);
                QVERIFY(!validateMailSend(kJson, bytes(mail)).has_value());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestMailSendValidation)
#include "tst_mailsendvalidation.moc"
