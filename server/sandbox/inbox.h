#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <optional>

namespace Shop::Sandbox {

// One message as SendGrid accepted it: the parts the inbox shows.
struct MailMessage
{
    QString id; // the X-Message-Id it was answered with
    QString from;
    QStringList to; // every "to" address of every personalization, in order
    QString subject; // the top-level subject, else the first personalization's
    QString text; // the text/plain part (empty when none)
    QString html; // the text/html part (empty when none)
    QDateTime receivedAt; // UTC

    [[nodiscard]] QJsonObject toJson() const;
};

// The received messages, newest first, in memory. Thread-safe: send handlers add from worker
// threads while pages read. Holds at most `capacity` messages; the oldest go first.
class Inbox final
{
public:
    explicit Inbox(int capacity = 1000);

    void add(MailMessage message);
    void clear();
    [[nodiscard]] QList<MailMessage> messages() const; // newest first
    [[nodiscard]] std::optional<MailMessage> find(const QString &id) const;
    [[nodiscard]] int size() const;

private:
    mutable QMutex m_mutex;
    QList<MailMessage> m_messages; // newest first
    const int m_capacity;
};

} // namespace Shop::Sandbox
