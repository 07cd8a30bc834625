#pragma once

#include "config/serverconfig.h"
#include "error.h"
#include "mail/message.h"
#include "money.h"

#include <QList>
#include <QString>

namespace Shop::Mail {

// Who receives an email. `language` is a BCP 47 tag or locale name ("de", "de-CH", "en_GB");
// German gets the German templates, everything else (and empty) English.
struct Recipient
{
    QString email;
    QString name;
    QString language;
};

struct WelcomeEmail
{
    Recipient to;
    QString shopUrl; // where the storefront is
};

struct OrderLine
{
    QString name;
    QString sku;
    qint64 quantity = 1;
    Money unitPrice;
    Money lineTotal;
};

struct OrderConfirmationEmail
{
    Recipient to;
    QString orderNumber;
    QList<OrderLine> lines;
    Money subtotal;
    Money shipping;
    Money tax;
    Money total;
    QString shippingAddress; // one line
};

struct ShippingNotificationEmail
{
    Recipient to;
    QString orderNumber;
    QString carrier;
    QString trackingNumber;
    QString trackingUrl;
};

struct PasswordResetEmail
{
    Recipient to;
    QString resetUrl;
    int validMinutes = 60;
};

// The language the templates use for a recipient's language: "de" or "en".
[[nodiscard]] QString templateLanguage(const QString &language);

// Each email from its templates :/mail/<lang>/<kind>.{subject,txt,html}, with the store's name,
// address and support address from `store`. Values are HTML-escaped in the HTML part only; money
// is formatted for the language (en_US, de_DE). An error means a broken template (a bug), never
// bad user data.
[[nodiscard]] Result<Message> renderWelcome(const WelcomeEmail &email,
                                            const Server::StoreConfig &store);
[[nodiscard]] Result<Message> renderOrderConfirmation(const OrderConfirmationEmail &email,
                                                      const Server::StoreConfig &store);
[[nodiscard]] Result<Message> renderShippingNotification(const ShippingNotificationEmail &email,
                                                         const Server::StoreConfig &store);
[[nodiscard]] Result<Message> renderPasswordReset(const PasswordResetEmail &email,
                                                  const Server::StoreConfig &store);

} // namespace Shop::Mail
