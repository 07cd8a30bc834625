#pragma once

#include <QString>

namespace Shop::Mail {

// The seed's four emails.
enum class Kind { Welcome, OrderConfirmation, ShippingNotification, PasswordReset };

// "welcome", "order_confirmation", "shipping_notification", "password_reset": the template file
// names and the SendGrid category.
[[nodiscard]] QString kindName(Kind kind);

// One rendered email, ready for a transport. Subjects are one line; text and html are the two
// parts of the same message.
struct Message
{
    Kind kind = Kind::Welcome;
    QString to; // recipient address
    QString toName; // may be empty
    QString replyTo; // the store's support address; may be empty
    QString subject;
    QString text;
    QString html;
};

} // namespace Shop::Mail
