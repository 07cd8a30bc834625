#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace Shop::Widgets {

// Options both apps accept on the command line.
struct CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(Shop::Widgets::CommandLine)

public:
    QUrl server; // --server URL: use this server for this run (not saved)
    QString settingsFile; // --settings FILE: an INI file instead of the default settings
    QString language; // --language CODE: overrides the saved language for this run
    bool exitWhenLoaded = false; // --exit-when-loaded: print the start-up time, then quit
    QString screenshot; // --screenshot FILE: with --exit-when-loaded, save the window as PNG
    // A link to open, the first positional argument: the storefront opens
    // shop://reset-password?token=... (its .desktop file registers the shop: scheme).
    QUrl openUrl;
    QString error; // not empty: a bad argument; the text says which

    [[nodiscard]] static CommandLine parse(const QStringList &arguments,
                                           const QString &description);
};

} // namespace Shop::Widgets
