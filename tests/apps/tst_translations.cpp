#include "widgets/translationloader.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Shop::Widgets;

namespace {

struct TsSummary
{
    int messages = 0;
    QStringList unfinished; // source texts without a finished translation
};

TsSummary summarize(const QString &path)
{
    TsSummary summary;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        summary.unfinished << QStringLiteral("(cannot open %1)").arg(path);
        return summary;
    }
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            ++summary.messages;
            const auto type = xml.attributes().value(QStringLiteral("type"));
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == u"unfinished" || type == u"vanished" || type == u"obsolete"
                || text.trimmed().isEmpty()) {
                summary.unfinished << source;
            }
        }
    }
    if (xml.hasError()) {
        summary.unfinished << QStringLiteral("(XML error: %1)").arg(xml.errorString());
    }
    return summary;
}

} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lupdateFindsNothingUntranslated();
    void germanIsEmbeddedAndUsed();
    void languagesOffered();
    void noLocaleMeansAmericanEnglish();
};

void TestTranslations::lupdateFindsNothingUntranslated()
{
    // Run lupdate over today's sources into a copy of the catalog: a string added to the code
    // without a German translation shows up as unfinished.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("shop_de.ts"));
    QVERIFY(QFile::copy(QStringLiteral(SHOP_TS_DIR "/shop_de.ts"), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(SHOP_LUPDATE),
                  {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                   QStringLiteral("none"), QStringLiteral("@" SHOP_SOURCES_LIST),
                   QStringLiteral("-ts"), copy});
    QVERIFY(lupdate.waitForFinished(120000));
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());

    const TsSummary summary = summarize(copy);
    QVERIFY2(summary.messages > 100, "lupdate should find the apps' strings");
    QVERIFY2(summary.unfinished.isEmpty(),
             qPrintable(QStringLiteral("%1 untranslated strings, e.g.:\n  %2")
                            .arg(summary.unfinished.size())
                            .arg(summary.unfinished.mid(0, 15).join(QStringLiteral("\n  ")))));
    // The committed catalog is the one lupdate produces: nothing stale in it either.
    const TsSummary committed = summarize(QStringLiteral(SHOP_TS_DIR "/shop_de.ts"));
    QCOMPARE(committed.messages, summary.messages);
}

void TestTranslations::germanIsEmbeddedAndUsed()
{
    const QLocale locale = TranslationLoader::install(*qApp, QStringLiteral("de"));
    QCOMPARE(locale.language(), QLocale::German);
    QCOMPARE(QLocale().language(), QLocale::German); // numbers and prices follow the language

    const auto t = [](const char *context, const char *text, int n = -1) {
        return QCoreApplication::translate(context, text, nullptr, n);
    };
    QCOMPARE(t("Shop::Storefront::ProductPage", "Add to cart"), QStringLiteral("In den Warenkorb"));
    QCOMPARE(t("Shop::Storefront::ProductsPage", "%Ln product(s)", 1), QStringLiteral("1 Produkt"));
    QCOMPARE(t("Shop::Storefront::ProductsPage", "%Ln product(s)", 3),
             QStringLiteral("3 Produkte"));
    QCOMPARE(t("Shop::Widgets::StatusPanel", "Retry"), QStringLiteral("Erneut versuchen"));
    QVERIFY(t("Shop::Client::UserMessages",
              "Cannot reach the shop server at %1. Check that it is running, then Retry.")
                .startsWith(QStringLiteral("Der Shop-Server unter %1")));
}

void TestTranslations::languagesOffered()
{
    const auto languages = TranslationLoader::availableLanguages();
    QStringList codes;
    for (const auto &[code, name] : languages) {
        codes << code;
        QVERIFY(!name.isEmpty());
    }
    QVERIFY(codes.contains(QStringLiteral("en")));
    QVERIFY(codes.contains(QStringLiteral("de")));
}

void TestTranslations::noLocaleMeansAmericanEnglish()
{
    // LANG unset or "C": people get "$43.30" and "2 products", not the C locale's "43.30$".
    const QLocale locale = TranslationLoader::install(*qApp, QStringLiteral("C"));
    QCOMPARE(locale.name(), QStringLiteral("en_US"));
    QCOMPARE(QLocale().name(), QStringLiteral("en_US"));
    QCOMPARE(
        QCoreApplication::translate("Shop::Storefront::ProductsPage", "%Ln product(s)", nullptr, 2),
        QStringLiteral("2 products"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
