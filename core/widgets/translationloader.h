#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace Shop::Widgets {

// Installs the apps' translations (embedded under :/i18n, built from translations/*.ts) and Qt's
// own, for the system's language or an override from the settings or the command line. Also sets
// the default QLocale, so numbers, dates and prices follow the chosen language.
class TranslationLoader final
{
    Q_DECLARE_TR_FUNCTIONS(Shop::Widgets::TranslationLoader)

public:
    // `language`: "de", "en", ... or empty for the system's language. Returns the locale used.
    // Called again (the language setting changed), it replaces the translators it installed
    // before; Qt then sends QEvent::LanguageChange to every widget (see Retranslator).
    static QLocale install(QCoreApplication &app, const QString &language);

    // The languages the apps ship: code and native name ("de", "Deutsch").
    [[nodiscard]] static QList<std::pair<QString, QString>> availableLanguages();
};

} // namespace Shop::Widgets
