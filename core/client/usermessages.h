#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QUrl>

namespace Shop::Client {

// Errors as the people using the apps read them: what happened and what to do next.
class UserMessages final
{
    Q_DECLARE_TR_FUNCTIONS(Shop::Client::UserMessages)

public:
    struct Text
    {
        QString title; // short: "Cannot reach the shop server"
        QString message; // what happened and what to do
    };

    // `server` is the address the app talks to, named in connection problems.
    [[nodiscard]] static Text describe(const Error &error, const QUrl &server);

    // One field's error as shown next to the field: the translated text for a known code
    // (too_short, too_common, contains_email, taken, invalid, required, read_only), else the
    // server's message.
    [[nodiscard]] static QString fieldError(const FieldError &error);
};

} // namespace Shop::Client
