// The seed's four emails from their templates: every kind in English and German with every
// placeholder filled, user data escaped in the HTML part and not in the text part, money in the
// recipient's language, and the template language's rules.

#include "mail/mailtemplates.h"
#include "mail/templaterenderer.h"
#include "support/resultcheck.h"

#include <QTest>

using namespace Shop;
using namespace Shop::Mail;

namespace {

const QString kEvilName = QStringLiteral("<script>alert('x')</script> & \"Co\"");
const QString kEvilEscaped =
    QStringLiteral("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;");

Server::StoreConfig store()
{
    Server::StoreConfig s;
    s.name = QStringLiteral("Corner <Shop>");
    s.address = QStringLiteral("1 Main St, 12345 Springfield");
    s.supportEmail = QStringLiteral("help@corner.example");
    return s;
}

Recipient recipient(const QString &language)
{
    return {QStringLiteral("ada@example.com"), kEvilName, language};
}

Money usd(qint64 cents)
{
    return Money(cents, *Currency::fromCode(u"USD"));
}

Result<Message> renderKind(Kind kind, const QString &language)
{
    switch (kind) {
    case Kind::Welcome:
        return renderWelcome({recipient(language), QStringLiteral("https://shop.example/")},
                             store());
    case Kind::OrderConfirmation: {
        OrderConfirmationEmail email;
        email.to = recipient(language);
        email.orderNumber = QStringLiteral("A-1001");
        email.lines = {{QStringLiteral("Red <b>shoe</b>"), QStringLiteral("SKU-1"), 2, usd(123450),
                        usd(246900)},
                       {QStringLiteral("Sock"), QStringLiteral("SKU-2"), 1, usd(199), usd(199)}};
        email.subtotal = usd(247099);
        email.shipping = usd(500);
        email.tax = usd(0);
        email.total = usd(247599);
        email.shippingAddress = QStringLiteral("2 Side St");
        return renderOrderConfirmation(email, store());
    }
    case Kind::ShippingNotification:
        return renderShippingNotification({recipient(language), QStringLiteral("A-1001"),
                                           QStringLiteral("DHL"), QStringLiteral("00340434"),
                                           QStringLiteral("https://track.example/?n=1&x=2")},
                                          store());
    case Kind::PasswordReset:
        return renderPasswordReset(
            {recipient(language), QStringLiteral("https://shop.example/reset?token=abc&u=1"), 30},
            store());
    }
    return fail(Error::internal(QStringLiteral("unknown kind")));
}

} // namespace

class TestMailTemplates final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyEmailRenders_data();
    void everyEmailRenders();
    void moneyAndLinesFollowTheLanguage();
    void languageFallsBackToEnglish_data();
    void languageFallsBackToEnglish();
    void rendererRules_data();
    void rendererRules();
    void rendererErrors_data();
    void rendererErrors();
};

void TestMailTemplates::everyEmailRenders_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("marker"); // a word only that language's templates contain
    const Kind kinds[] = {Kind::Welcome, Kind::OrderConfirmation, Kind::ShippingNotification,
                          Kind::PasswordReset};
    for (const Kind kind : kinds) {
        QTest::addRow("%s-en", qPrintable(kindName(kind)))
            << int(kind) << QStringLiteral("en") << QStringLiteral("Hello");
        QTest::addRow("%s-de", qPrintable(kindName(kind)))
            << int(kind) << QStringLiteral("de") << QStringLiteral("Hallo");
    }
}

void TestMailTemplates::everyEmailRenders()
{
    QFETCH(int, kind);
    QFETCH(QString, language);
    QFETCH(QString, marker);
    auto message = renderKind(Kind(kind), language);
    SHOP_VERIFY_OK(message);
    QCOMPARE(message->kind, Kind(kind));
    QCOMPARE(message->to, QStringLiteral("ada@example.com"));
    QCOMPARE(message->toName, kEvilName);
    QCOMPARE(message->replyTo, QStringLiteral("help@corner.example"));
    for (const QString *part : {&message->subject, &message->text, &message->html}) {
        QVERIFY2(!part->isEmpty(), "empty part");
        QVERIFY2(!part->contains(u"{{") && !part->contains(u"}}"), qPrintable(*part));
    }
    QVERIFY(!message->subject.contains(u'\n'));
    QVERIFY2(message->text.contains(marker), qPrintable(message->text));
    QVERIFY2(message->html.contains(marker), qPrintable(message->html));
    QVERIFY(message->html.contains(QStringLiteral("<html lang=\"%1\">").arg(language)));

    // user data arrives as text in HTML, as it is in the text part
    QVERIFY2(message->html.contains(kEvilEscaped), qPrintable(message->html));
    QVERIFY(!message->html.contains(u"<script>"));
    QVERIFY(message->html.contains(QStringLiteral("Corner &lt;Shop&gt;")));
    QVERIFY(message->text.contains(kEvilName));
    QVERIFY(!message->text.contains(u"&lt;"));
    QVERIFY(message->text.contains(QStringLiteral("Corner <Shop>")));
    // the store's address and support contact are in both parts
    for (const QString *part : {&message->text, &message->html}) {
        QVERIFY(part->contains(QStringLiteral("1 Main St, 12345 Springfield")));
        QVERIFY(part->contains(QStringLiteral("help@corner.example")));
    }
}

void TestMailTemplates::moneyAndLinesFollowTheLanguage()
{
    auto en = renderKind(Kind::OrderConfirmation, QStringLiteral("en"));
    auto de = renderKind(Kind::OrderConfirmation, QStringLiteral("de-DE"));
    SHOP_VERIFY_OK(en);
    SHOP_VERIFY_OK(de);
    const QLocale enLocale(QLocale::English, QLocale::UnitedStates);
    const QLocale deLocale(QLocale::German, QLocale::Germany);
    QVERIFY2(
        en->text.contains(QStringLiteral("2 x Red <b>shoe</b> (SKU-1) at %1: %2")
                              .arg(usd(123450).format(enLocale), usd(246900).format(enLocale))),
        qPrintable(en->text));
    QVERIFY(en->text.contains(QStringLiteral("$2,475.99")));
    QVERIFY2(de->text.contains(QStringLiteral("2.475,99")), qPrintable(de->text));
    QVERIFY(de->text.contains(usd(247599).format(deLocale)));
    QVERIFY(en->html.contains(QStringLiteral("Red &lt;b&gt;shoe&lt;/b&gt;")));
    QCOMPARE(en->html.count(QStringLiteral("<td align=\"right\">2</td>")), 1);
    QCOMPARE(en->text.count(QStringLiteral(" x ")), 2); // one line per order line
    QVERIFY(en->subject.contains(QStringLiteral("A-1001")));
}

void TestMailTemplates::languageFallsBackToEnglish_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QString() << QStringLiteral("en");
    QTest::newRow("fr") << QStringLiteral("fr") << QStringLiteral("en");
    QTest::newRow("en-GB") << QStringLiteral("en-GB") << QStringLiteral("en");
    QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("de");
    QTest::newRow("de_CH") << QStringLiteral("de_CH") << QStringLiteral("de");
    QTest::newRow("DE-at") << QStringLiteral("DE-at") << QStringLiteral("de");
}

void TestMailTemplates::languageFallsBackToEnglish()
{
    QFETCH(QString, language);
    QFETCH(QString, expected);
    QCOMPARE(templateLanguage(language), expected);
    auto message = renderKind(Kind::Welcome, language);
    SHOP_VERIFY_OK(message);
    QVERIFY(message->html.contains(QStringLiteral("<html lang=\"%1\">").arg(expected)));
}

void TestMailTemplates::rendererRules_data()
{
    QTest::addColumn<QString>("tmpl");
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << u"no placeholders"_qs << u"no placeholders"_qs
                           << u"no placeholders"_qs;
    QTest::newRow("value") << u"Hi {{ name }}!"_qs << u"Hi a&lt;b&gt;&amp;&quot;&#39;!"_qs
                           << u"Hi a<b>&\"'!"_qs;
    QTest::newRow("list")
        << u"[{{#rows}}{{n}}:{{name}};{{/rows}}]"_qs
        << u"[1:a&lt;b&gt;&amp;&quot;&#39;;&lt;2&gt;:a&lt;b&gt;&amp;&quot;&#39;;]"_qs
        << u"[1:a<b>&\"';<2>:a<b>&\"';]"_qs;
    QTest::newRow("empty list") << u"[{{#none}}x{{/none}}]"_qs << u"[]"_qs << u"[]"_qs;
    QTest::newRow("value with braces") << u"{{braces}}"_qs << u"{{x}}"_qs << u"{{x}}"_qs;
}

void TestMailTemplates::rendererRules()
{
    QFETCH(QString, tmpl);
    QFETCH(QString, html);
    QFETCH(QString, text);
    TemplateValues values;
    values.values.insert(u"name"_qs, u"a<b>&\"'"_qs);
    values.values.insert(u"braces"_qs, u"{{x}}"_qs); // a value is never read as a template
    values.lists.insert(u"rows"_qs, {{{u"n"_qs, u"1"_qs}}, {{u"n"_qs, u"<2>"_qs}}});
    values.lists.insert(u"none"_qs, {});
    auto asHtml = renderTemplate(tmpl, values, Escaping::Html);
    auto asText = renderTemplate(tmpl, values, Escaping::Text);
    SHOP_VERIFY_OK(asHtml);
    SHOP_VERIFY_OK(asText);
    QCOMPARE(*asHtml, html);
    QCOMPARE(*asText, text);
}

void TestMailTemplates::rendererErrors_data()
{
    QTest::addColumn<QString>("tmpl");
    QTest::newRow("unknown value") << u"{{missing}}"_qs;
    QTest::newRow("unclosed") << u"a {{name"_qs;
    QTest::newRow("bad name") << u"{{na me}}"_qs;
    QTest::newRow("empty") << u"{{}}"_qs;
    QTest::newRow("unknown list") << u"{{#missing}}x{{/missing}}"_qs;
    QTest::newRow("unclosed section") << u"{{#rows}}x"_qs;
    QTest::newRow("nested") << u"{{#rows}}{{#rows}}{{/rows}}{{/rows}}"_qs;
    QTest::newRow("stray close") << u"{{/rows}}"_qs;
    QTest::newRow("missing in row") << u"{{#rows}}{{other}}{{/rows}}"_qs;
}

void TestMailTemplates::rendererErrors()
{
    QFETCH(QString, tmpl);
    TemplateValues values;
    values.values.insert(u"name"_qs, u"x"_qs);
    values.lists.insert(u"rows"_qs, {{{u"n"_qs, u"1"_qs}}});
    QVERIFY(!renderTemplate(tmpl, values, Escaping::Html));
    QVERIFY(!renderTemplate(tmpl, values, Escaping::Text));
}

QTEST_GUILESS_MAIN(TestMailTemplates)
#include "tst_mailtemplates.moc"
