#include "mailtemplates.h"

#include "mail/templaterenderer.h"

#include <QFile>
#include <QLocale>

namespace Shop::Mail {

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Welcome:
        return QStringLiteral("welcome");
    case Kind::OrderConfirmation:
        return QStringLiteral("order_confirmation");
    case Kind::ShippingNotification:
        return QStringLiteral("shipping_notification");
    case Kind::PasswordReset:
        return QStringLiteral("password_reset");
    }
    return QStringLiteral("unknown");
}

QString templateLanguage(const QString &language)
{
    const QString primary = language.trimmed().toLower().section(u'-', 0, 0).section(u'_', 0, 0);
    return primary == u"de" ? QStringLiteral("de") : QStringLiteral("en");
}

namespace {

Result<QString> readTemplate(const QString &language, Kind kind, const QString &suffix)
{
    const QString path = QStringLiteral(":/mail/%1/%2.%3").arg(language, kindName(kind), suffix);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::internal(QStringLiteral("email template %1 is missing").arg(path)));
    }
    return QString::fromUtf8(file.readAll());
}

QLocale localeFor(const QString &language)
{
    return language == u"de" ? QLocale(QLocale::German, QLocale::Germany)
                             : QLocale(QLocale::English, QLocale::UnitedStates);
}

TemplateValues baseValues(const Recipient &to, const Server::StoreConfig &store)
{
    TemplateValues v;
    v.values.insert(QStringLiteral("name"), to.name.trimmed().isEmpty() ? to.email : to.name);
    v.values.insert(QStringLiteral("email"), to.email);
    v.values.insert(QStringLiteral("store_name"), store.name);
    v.values.insert(QStringLiteral("store_address"), store.address);
    v.values.insert(QStringLiteral("support_email"), store.supportEmail);
    return v;
}

Result<Message> render(Kind kind, const Recipient &to, const TemplateValues &values,
                       const Server::StoreConfig &store)
{
    const QString language = templateLanguage(to.language);
    Message message;
    message.kind = kind;
    message.to = to.email;
    message.toName = to.name;
    message.replyTo = store.supportEmail;
    struct Part
    {
        const char *suffix;
        Escaping escaping;
        QString *target;
    };
    const Part parts[] = {
        {"subject", Escaping::Text, &message.subject},
        {"txt", Escaping::Text, &message.text},
        {"html", Escaping::Html, &message.html},
    };
    for (const Part &part : parts) {
        auto tmpl = readTemplate(language, kind, QString::fromLatin1(part.suffix));
        if (!tmpl) {
            return fail(tmpl.error());
        }
        auto rendered = renderTemplate(*tmpl, values, part.escaping);
        if (!rendered) {
            return fail(rendered.error());
        }
        *part.target = *rendered;
    }
    // A subject is one line whatever the values hold (no header injection, no wrapped subject).
    message.subject = message.subject.simplified();
    return message;
}

} // namespace

Result<Message> renderWelcome(const WelcomeEmail &email, const Server::StoreConfig &store)
{
    TemplateValues v = baseValues(email.to, store);
    v.values.insert(QStringLiteral("shop_url"), email.shopUrl);
    return render(Kind::Welcome, email.to, v, store);
}

Result<Message> renderOrderConfirmation(const OrderConfirmationEmail &email,
                                        const Server::StoreConfig &store)
{
    const QLocale locale = localeFor(templateLanguage(email.to.language));
    TemplateValues v = baseValues(email.to, store);
    v.values.insert(QStringLiteral("order_number"), email.orderNumber);
    v.values.insert(QStringLiteral("subtotal"), email.subtotal.format(locale));
    v.values.insert(QStringLiteral("shipping"), email.shipping.format(locale));
    v.values.insert(QStringLiteral("tax"), email.tax.format(locale));
    v.values.insert(QStringLiteral("total"), email.total.format(locale));
    v.values.insert(QStringLiteral("shipping_address"), email.shippingAddress);
    QList<QHash<QString, QString>> lines;
    for (const OrderLine &line : email.lines) {
        lines.append({{QStringLiteral("product"), line.name},
                      {QStringLiteral("sku"), line.sku},
                      {QStringLiteral("quantity"), locale.toString(line.quantity)},
                      {QStringLiteral("unit_price"), line.unitPrice.format(locale)},
                      {QStringLiteral("line_total"), line.lineTotal.format(locale)}});
    }
    v.lists.insert(QStringLiteral("lines"), lines);
    return render(Kind::OrderConfirmation, email.to, v, store);
}

Result<Message> renderShippingNotification(const ShippingNotificationEmail &email,
                                           const Server::StoreConfig &store)
{
    TemplateValues v = baseValues(email.to, store);
    v.values.insert(QStringLiteral("order_number"), email.orderNumber);
    v.values.insert(QStringLiteral("carrier"), email.carrier);
    v.values.insert(QStringLiteral("tracking_number"), email.trackingNumber);
    v.values.insert(QStringLiteral("tracking_url"), email.trackingUrl);
    return render(Kind::ShippingNotification, email.to, v, store);
}

Result<Message> renderPasswordReset(const PasswordResetEmail &email,
                                    const Server::StoreConfig &store)
{
    const QLocale locale = localeFor(templateLanguage(email.to.language));
    TemplateValues v = baseValues(email.to, store);
    v.values.insert(QStringLiteral("reset_url"), email.resetUrl);
    v.values.insert(QStringLiteral("valid_minutes"), locale.toString(email.validMinutes));
    return render(Kind::PasswordReset, email.to, v, store);
}

} // namespace Shop::Mail
