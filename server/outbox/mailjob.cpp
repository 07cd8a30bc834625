#include "mailjob.h"

#include "metrics/metrics.h"

#include <QLoggingCategory>

namespace Shop::Outbox {

Q_LOGGING_CATEGORY(lcOutbox, "shop.outbox.mail")

Jobs::Outcome outcomeOf(const Mail::SendOutcome &sent)
{
    using Status = Mail::SendOutcome::Status;
    switch (sent.status) {
    case Status::Sent:
        return Jobs::Outcome::done();
    case Status::Retry:
        if (sent.retryAfterSeconds >= 0) {
            return Jobs::Outcome::retry(sent.error, std::chrono::seconds(sent.retryAfterSeconds));
        }
        return Jobs::Outcome::retry(sent.error);
    case Status::Dead:
        return Jobs::Outcome::dead(sent.error);
    }
    return Jobs::Outcome::dead(QStringLiteral("unknown send status"));
}

MailJob::MailJob(std::shared_ptr<const Composers> composers,
                 std::shared_ptr<Mail::SendGridClient> client)
    : m_composers(std::move(composers))
    , m_client(std::move(client))
{ }

Jobs::Outcome MailJob::operator()(const Jobs::Job &job) const
{
    const QString email = job.payload.value(QStringLiteral("email")).toString();
    const Composer *composer = m_composers->find(email);
    if (!composer) {
        return Jobs::Outcome::dead(QStringLiteral("no email named \"%1\"").arg(email));
    }
    Result<std::optional<Mail::Message>> message = (*composer)(job);
    if (!message) {
        qCWarning(lcOutbox, "job %lld: the %ls email could not be composed: %ls %ls", job.id,
                  qUtf16Printable(email), qUtf16Printable(message.error().message),
                  qUtf16Printable(message.error().logDetail));
        return Jobs::Outcome::fromResult(fail(message.error()));
    }
    if (!message->has_value()) {
        qCInfo(lcOutbox, "job %lld: nothing to send for the %ls email", job.id,
               qUtf16Printable(email));
        return Jobs::Outcome::done();
    }
    const Mail::SendOutcome sent = m_client->send(**message);
    if (sent.status == Mail::SendOutcome::Status::Sent) {
        Metrics::registry().emailsSent().fetch_add(1, std::memory_order_relaxed);
        qCInfo(lcOutbox, "job %lld: %ls email sent (attempt %d)", job.id, qUtf16Printable(email),
               job.attempt);
    } else {
        Metrics::registry().emailsFailed().fetch_add(1, std::memory_order_relaxed);
    }
    return outcomeOf(sent);
}

Jobs::KindPolicy mailPolicy()
{
    // 30 s, 1, 2, 4, 8, 16, 30, 30 min: about two hours over max attempts 8.
    return {std::chrono::seconds(30), std::chrono::minutes(30)};
}

} // namespace Shop::Outbox
