#pragma once

#include "config/serverconfig.h"
#include "jobs/jobs.h"
#include "mail/sendgridclient.h"
#include "outbox.h"

#include <memory>

namespace Shop::Outbox {

// What a SendGrid answer means for the job: Sent is done; Retry is retried (after Retry-After
// when SendGrid gave one, else after the kind's backoff); Dead is dead with SendGrid's error.
[[nodiscard]] Jobs::Outcome outcomeOf(const Mail::SendOutcome &sent);

// The handler of MailJobKind: finds the composer the payload names, builds the message and sends
// it. Delivery is at least once: when a process dies between SendGrid's 202 and the job's
// completion, the lease expires and the email is sent again.
class MailJob final
{
public:
    MailJob(std::shared_ptr<const Composers> composers,
            std::shared_ptr<Mail::SendGridClient> client);

    [[nodiscard]] Jobs::Outcome operator()(const Jobs::Job &job) const;

private:
    std::shared_ptr<const Composers> m_composers;
    std::shared_ptr<Mail::SendGridClient> m_client;
};

// Mail jobs retry slower than the default: SendGrid outages and rate limits last minutes.
[[nodiscard]] Jobs::KindPolicy mailPolicy();

} // namespace Shop::Outbox
