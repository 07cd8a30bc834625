#pragma once

#include "config/serverconfig.h"
#include "error.h"
#include "jobs/jobs.h"
#include "mail/message.h"

#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>

namespace Shop::Outbox {

// The job kind that delivers one email.
inline const QString MailJobKind = QStringLiteral("mail");

// Builds the message for a mail job when the job runs, from what its payload names (ids, never
// message bodies or secrets): a renamed customer or a changed language is seen by the email, and
// a token that must not be stored in clear (a password reset) is made at send time. The job's
// database connection is the worker's own. An error decides the job's fate like any handler
// result: Unavailable or Conflict is retried, anything else (NotFound: the customer is gone) is
// dead. No message (std::nullopt) means there is nothing to send any more (the account is gone,
// the address is unknown): the job is done without an email.
using Composer = std::function<Result<std::optional<Mail::Message>>(const Jobs::Job &job)>;

// Composers by email name ("welcome", "password_reset", ...). Filled while the modules are built,
// read-only once the workers run.
class Composers final
{
public:
    void add(const QString &email, Composer composer);
    [[nodiscard]] const Composer *find(const QString &email) const;
    [[nodiscard]] QStringList names() const { return m_composers.keys(); }

private:
    QHash<QString, Composer> m_composers;
};

// Enqueues the email `email` (a composer's name) with `payload` in the caller's transaction, so
// the email exists exactly when the change that causes it commits. The payload gets an "email"
// member naming the composer. A non-empty uniqueKey keeps one pending email per key (one welcome
// per account).
[[nodiscard]] Result<Jobs::Enqueued> enqueueMail(QSqlDatabase &db, const QString &email,
                                                 QJsonObject payload,
                                                 const QString &uniqueKey = QString());

// The built-in composer "sample": any of the four emails filled with sample data, to check a mail
// set-up end to end (`shop-server mail sample`). Payload: {"template": "welcome" |
// "order_confirmation" | "shipping_notification" | "password_reset", "to": address,
// "language": "en" | "de"}.
inline const QString SampleEmail = QStringLiteral("sample");
[[nodiscard]] QJsonObject samplePayload(const QString &templateName, const QString &to,
                                        const QString &language);
[[nodiscard]] QStringList sampleTemplates();
[[nodiscard]] Composer sampleComposer(Server::StoreConfig store);

} // namespace Shop::Outbox
