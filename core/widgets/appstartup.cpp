#include "widgets/appstartup.h"

#include "widgets/appcontext.h"
#include "widgets/settingsdialog.h"
#include "widgets/translationloader.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QMainWindow>

#include <cstdio>

Q_LOGGING_CATEGORY(lcStartup, "shop.widgets.startup", QtInfoMsg)

namespace Shop::Widgets {

using Client::Settings;

int AppStartup::run(QApplication &app, const Info &info, const WindowFactory &createWindow)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Shop"));
    QCoreApplication::setApplicationName(info.applicationName);
    QCoreApplication::setApplicationVersion(QStringLiteral(SHOP_VERSION));
    QGuiApplication::setWindowIcon(info.icon);
    QGuiApplication::setDesktopFileName(info.applicationName);

    const CommandLine commandLine =
        CommandLine::parse(QCoreApplication::arguments(), info.description);
    if (!commandLine.error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(commandLine.error));
        return 2;
    }

    auto settings = commandLine.settingsFile.isEmpty()
        ? std::make_unique<Settings>()
        : std::make_unique<Settings>(commandLine.settingsFile);
    const QString language =
        commandLine.language.isEmpty() ? settings->language() : commandLine.language;
    const QLocale locale = TranslationLoader::install(app, language);
    qCDebug(lcStartup) << info.applicationName << SHOP_VERSION << "language" << locale.name()
                       << "settings" << settings->fileName();
    QGuiApplication::setApplicationDisplayName(info.displayName);

    auto *context = new AppContext(std::move(settings), &app);
    if (!commandLine.server.isEmpty()) {
        context->useServer(commandLine.server);
    }

    const auto showMainWindow = [context, commandLine, &createWindow] {
        QMainWindow *window = createWindow(*context, commandLine);
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->show();
        QGuiApplication::setQuitOnLastWindowClosed(true);
    };

    if (commandLine.server.isEmpty() && !context->settings().hasServerUrl()) {
        // Closing the dialog must not end the app before the main window is up.
        QGuiApplication::setQuitOnLastWindowClosed(false);
        auto *dialog = new SettingsDialog(context->settings(), SettingsDialog::Mode::FirstRun);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QDialog::accepted, context, [context, dialog, showMainWindow] {
            context->useServer(dialog->serverUrl());
            showMainWindow();
        });
        QObject::connect(dialog, &QDialog::rejected, &app, &QCoreApplication::quit,
                         Qt::QueuedConnection);
        dialog->show();
    } else {
        showMainWindow();
    }
    return QCoreApplication::exec();
}

} // namespace Shop::Widgets
