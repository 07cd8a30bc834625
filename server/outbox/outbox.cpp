#include "outbox.h"

#include "mail/mailtemplates.h"

#include <QJsonArray>

namespace Shop::Outbox {

void Composers::add(const QString &email, Composer composer)
{
    Q_ASSERT(!m_composers.contains(email));
    m_composers.insert(email, std::move(composer));
}

const Composer *Composers::find(const QString &email) const
{
    const auto it = m_composers.constFind(email);
    return it == m_composers.cend() ? nullptr : &it.value();
}

Result<Jobs::Enqueued> enqueueMail(QSqlDatabase &db, const QString &email, QJsonObject payload,
                                   const QString &uniqueKey)
{
    payload.insert(QStringLiteral("email"), email);
    Jobs::JobRequest request;
    request.kind = MailJobKind;
    request.payload = std::move(payload);
    request.uniqueKey = uniqueKey;
    request.maxAttempts = 8; // with mailPolicy(): about two hours of SendGrid trouble
    return Jobs::enqueue(db, request);
}

namespace {

const QString kWelcome = QStringLiteral("welcome");
const QString kOrderConfirmation = QStringLiteral("order_confirmation");
const QString kShippingNotification = QStringLiteral("shipping_notification");
const QString kPasswordReset = QStringLiteral("password_reset");

Money usd(qint64 minor)
{
    return Money(minor, *Currency::fromCode(u"USD"));
}

} // namespace

QStringList sampleTemplates()
{
    return {kWelcome, kOrderConfirmation, kShippingNotification, kPasswordReset};
}

QJsonObject samplePayload(const QString &templateName, const QString &to, const QString &language)
{
    return QJsonObject {{QStringLiteral("template"), templateName},
                        {QStringLiteral("to"), to},
                        {QStringLiteral("language"), language}};
}

Composer sampleComposer(Server::StoreConfig store)
{
    return [store =
                std::move(store)](const Jobs::Job &job) -> Result<std::optional<Mail::Message>> {
        const QString templateName = job.payload.value(QStringLiteral("template")).toString();
        Mail::Recipient to;
        to.email = job.payload.value(QStringLiteral("to")).toString();
        to.name = QStringLiteral("Ada Lovelace");
        to.language = job.payload.value(QStringLiteral("language")).toString();
        if (to.email.isEmpty()) {
            return fail(Error::badRequest(QStringLiteral("the sample email has no recipient")));
        }
        const auto some =
            [](Result<Mail::Message> message) -> Result<std::optional<Mail::Message>> {
            if (!message) {
                return fail(message.error());
            }
            return std::optional<Mail::Message>(std::move(*message));
        };
        if (templateName == kWelcome) {
            return some(Mail::renderWelcome({to, QStringLiteral("https://shop.example/")}, store));
        }
        if (templateName == kOrderConfirmation) {
            Mail::OrderConfirmationEmail email;
            email.to = to;
            email.orderNumber = QStringLiteral("SAMPLE-1001");
            email.lines = {{QStringLiteral("Trail Runner 2"), QStringLiteral("SHOE-TR2-42"), 1,
                            usd(8999), usd(8999)},
                           {QStringLiteral("Merino Socks"), QStringLiteral("SOCK-MER-M"), 2,
                            usd(1450), usd(2900)}};
            email.subtotal = usd(11899);
            email.shipping = usd(0);
            email.tax = usd(952);
            email.total = usd(12851);
            email.shippingAddress = QStringLiteral("Ada Lovelace, 12 St James's Square, London");
            return some(Mail::renderOrderConfirmation(email, store));
        }
        if (templateName == kShippingNotification) {
            return some(Mail::renderShippingNotification(
                {to, QStringLiteral("SAMPLE-1001"), QStringLiteral("DHL"),
                 QStringLiteral("JD014600006281234567"),
                 QStringLiteral("https://tracking.example/JD014600006281234567")},
                store));
        }
        if (templateName == kPasswordReset) {
            return some(Mail::renderPasswordReset(
                {to, QStringLiteral("https://shop.example/reset-password?token=sample"), 60},
                store));
        }
        return fail(
            Error::badRequest(QStringLiteral("no sample email named \"%1\"").arg(templateName)));
    };
}

} // namespace Shop::Outbox
