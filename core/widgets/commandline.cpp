#include "widgets/commandline.h"

#include "client/settings.h"

#include <QCommandLineParser>

namespace Shop::Widgets {

using Client::Settings;

CommandLine CommandLine::parse(const QStringList &arguments, const QString &description)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"),
                                    tr("Use the shop server at <url> for this run."), tr("url"));
    const QCommandLineOption settingsFile(QStringLiteral("settings"),
                                          tr("Read and write settings in <file> (INI format)."),
                                          tr("file"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      tr("Show the app in <language> (e.g. de, en)."),
                                      tr("language"));
    const QCommandLineOption exitWhenLoaded(
        QStringLiteral("exit-when-loaded"),
        tr("Print the time from start to the first page of products, then quit (measurement)."));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        tr("With --exit-when-loaded: save a picture of the window in <file> (PNG)."), tr("file"));
    parser.addOptions({server, settingsFile, language, exitWhenLoaded, screenshot});
    parser.addPositionalArgument(
        QStringLiteral("url"),
        tr("A shop:// link to open, such as the link in a password reset email."),
        QStringLiteral("[url]"));
    parser.process(arguments); // --help and --version exit here

    CommandLine result;
    if (parser.isSet(server)) {
        result.server = Settings::normalizedServerUrl(parser.value(server));
        if (result.server.isEmpty()) {
            result.error = tr("\"%1\" is not a server address such as http://127.0.0.1:8080.")
                               .arg(parser.value(server));
        }
    }
    result.settingsFile = parser.value(settingsFile);
    result.language = parser.value(language);
    result.exitWhenLoaded = parser.isSet(exitWhenLoaded);
    result.screenshot = parser.value(screenshot);
    if (const QStringList positional = parser.positionalArguments(); !positional.isEmpty()) {
        result.openUrl = QUrl(positional.first(), QUrl::StrictMode);
        if (positional.size() > 1 || !result.openUrl.isValid()
            || result.openUrl.scheme().isEmpty()) {
            result.error = tr("\"%1\" is not a link the app can open.").arg(positional.join(u' '));
        }
    }
    return result;
}

} // namespace Shop::Widgets
