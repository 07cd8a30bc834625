#include "widgets/translationloader.h"

#include <QDir>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QTranslator>

Q_LOGGING_CATEGORY(lcI18n, "shop.widgets.i18n", QtInfoMsg)

namespace Shop::Widgets {

namespace {

// The translators install() put in place; the next install() replaces them.
QList<QPointer<QTranslator>> &installedTranslators()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

} // namespace

QLocale TranslationLoader::install(QCoreApplication &app, const QString &language)
{
    for (const QPointer<QTranslator> &previous : std::as_const(installedTranslators())) {
        if (previous) {
            QCoreApplication::removeTranslator(previous);
            delete previous;
        }
    }
    installedTranslators().clear();

    QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (locale.language() == QLocale::C) {
        // No locale configured (LANG unset or "C"/"POSIX"): show American English rather than
        // the C locale's programmer formats ("43.30$").
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    }
    QLocale::setDefault(locale);

    // The apps' strings; English (the source language) only needs its plural forms, and is the
    // fallback for languages the apps do not ship.
    auto *shop = new QTranslator(&app);
    if (shop->load(locale, QStringLiteral("shop"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || shop->load(QStringLiteral(":/i18n/shop_en.qm"))) {
        QCoreApplication::installTranslator(shop);
        installedTranslators().append(shop);
        qCDebug(lcI18n) << "translation" << shop->filePath() << "for" << locale.name();
    } else {
        delete shop;
    }
    // Qt's own strings (standard buttons, context menus), when the system has them installed.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installedTranslators().append(qt);
    } else {
        delete qt;
    }
    return locale;
}

QList<std::pair<QString, QString>> TranslationLoader::availableLanguages()
{
    QList<std::pair<QString, QString>> languages {
        {QStringLiteral("en"), QStringLiteral("English")}};
    const QStringList files =
        QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("shop_*.qm")});
    for (const QString &file : files) {
        const QString code = file.mid(5, file.size() - 8); // shop_<code>.qm
        if (code == u"en") {
            continue; // English plural forms only; listed above
        }
        const QLocale locale(code);
        QString name = locale.nativeLanguageName();
        if (!name.isEmpty()) {
            name[0] = name[0].toUpper();
        }
        languages.append({code, name.isEmpty() ? code : name});
    }
    return languages;
}

} // namespace Shop::Widgets
