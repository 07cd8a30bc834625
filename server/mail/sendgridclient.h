#pragma once

#include "config/serverconfig.h"
#include "mail/message.h"
#include "net/threadnetworkmanagers.h"

#include <QByteArray>
#include <QString>

class QNetworkAccessManager;

namespace Shop::Mail {

// What became of one send, for the job system to act on.
struct SendOutcome
{
    enum class Status {
        Sent, // 2xx: SendGrid accepted the message
        Retry, // 429, 5xx, network failure, timeout: try again later
        Dead, // any other answer (400, 401, 403, 413, ...): retrying cannot help
    };
    Status status = Status::Retry;
    int httpStatus = 0; // 0 when no answer arrived
    QByteArray messageId; // X-Message-Id of a sent message
    int retryAfterSeconds = -1; // from Retry-After (seconds or HTTP date); -1 when absent
    QString error; // for Retry and Dead: what happened; for Dead, SendGrid's error body
};

// The SendGrid v3 transport: POST {base}/v3/mail/send with `Authorization: Bearer <key>`, JSON as
// SendGrid documents it. send() is synchronous: it posts with the calling thread's
// QNetworkAccessManager, waits in a local event loop for at most `timeoutMs`, and returns. Call it
// from a worker thread (a job), never from the HTTP event loop. HTTPS uses Qt's OpenSSL TLS
// backend. Nothing logged contains the API key or a message's subject or parts.
//
// Connections are reused: each thread that sends gets one QNetworkAccessManager, kept until that
// thread finishes (or the client is destroyed), so consecutive sends from a job worker share a
// kept-alive HTTP/1.1 connection (and its TLS session) instead of a new handshake per email.
// send() is thread-safe. Destroy the client on the thread that created it, after the other
// threads that sent with it finished.
class SendGridClient final
{
public:
    explicit SendGridClient(Server::MailConfig config, int timeoutMs = 30000);
    ~SendGridClient();
    SendGridClient(const SendGridClient &) = delete;
    SendGridClient &operator=(const SendGridClient &) = delete;

    [[nodiscard]] SendOutcome send(const Message &message) const;

    // The request body for `message` (public for tests and the sandbox):
    // {"personalizations":[{"to":[{"email","name"}]}],"from":{"email","name"},
    //  "reply_to":{"email"},"subject","content":[text/plain, text/html],"categories":[kind]}
    [[nodiscard]] static QByteArray requestBody(const Message &message,
                                                const Server::MailConfig &config);

private:
    Server::MailConfig m_config;
    int m_timeoutMs;
    mutable Net::ThreadNetworkManagers m_managers; // blocking calls run on worker threads
};

} // namespace Shop::Mail
