#pragma once

#include "inbox.h"
#include "sandboxservice.h"

#include <QMutex>
#include <QStringList>

namespace Shop::Sandbox {

// SendGrid's POST /v3/mail/send (validated as SendGrid documents it), the mail inbox and the
// test switches:
//   POST   /v3/mail/send             202 + X-Message-Id, 400/401 with SendGrid's error body
//   GET    /messages/{id}            one message: HTML part sandboxed in an iframe, text in <pre>
//   GET    /api/messages             {"messages": [...]} newest first
//   DELETE /api/messages             clears the inbox (204)
//   POST   /api/sendgrid/failures    {"count": N, "status": S, "retry_after": s} or
//                                    {"count": N, "delay_ms": D}: the next N sends fail / wait
//   DELETE /api/sendgrid/failures    resets the switches (204)
class SendGridService final : public SandboxService
{
public:
    // `apiKeys`: the accepted keys; empty accepts any non-empty bearer token.
    explicit SendGridService(QStringList apiKeys, int inboxCapacity = 1000);

    [[nodiscard]] QString tabId() const override { return QStringLiteral("mail"); }
    [[nodiscard]] QString tabTitle() const override { return QStringLiteral("Mail (SendGrid)"); }
    [[nodiscard]] QString renderTab() const override;
    void registerRoutes(Http::Router &router) override;

    [[nodiscard]] Inbox &inbox() { return m_inbox; }

    // The switches (also reachable over HTTP).
    struct Switch
    {
        int count = 0; // requests still affected
        int status = 0; // > 0: fail with this status
        int retryAfterSec = -1; // >= 0: Retry-After header on the failures
        int delayMs = 0; // > 0: wait this long, then answer normally
    };
    void setSwitch(Switch value);
    void resetSwitch() { setSwitch({}); }

    [[nodiscard]] Http::Response send(const Http::Request &request);
    [[nodiscard]] Http::Response messagePage(const QString &id) const;

private:
    // Takes one request's share of the switch: what applies to it.
    [[nodiscard]] Switch takeSwitch();
    [[nodiscard]] bool isAuthorized(const QByteArray &authorization) const;

    const QStringList m_apiKeys;
    Inbox m_inbox;
    QMutex m_switchMutex;
    Switch m_switch;
};

} // namespace Shop::Sandbox
