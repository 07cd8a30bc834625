#include "inbox.h"

#include <QJsonArray>

namespace Shop::Sandbox {

QJsonObject MailMessage::toJson() const
{
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("from"), from},
        {QStringLiteral("to"), QJsonArray::fromStringList(to)},
        {QStringLiteral("subject"), subject},
        {QStringLiteral("text"), text},
        {QStringLiteral("html"), html},
        {QStringLiteral("received_at"), receivedAt.toString(Qt::ISODateWithMs)},
    };
}

Inbox::Inbox(int capacity)
    : m_capacity(std::max(1, capacity))
{ }

void Inbox::add(MailMessage message)
{
    const QMutexLocker lock(&m_mutex);
    m_messages.prepend(std::move(message));
    while (m_messages.size() > m_capacity) {
        m_messages.removeLast();
    }
}

void Inbox::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_messages.clear();
}

QList<MailMessage> Inbox::messages() const
{
    const QMutexLocker lock(&m_mutex);
    return m_messages;
}

std::optional<MailMessage> Inbox::find(const QString &id) const
{
    const QMutexLocker lock(&m_mutex);
    for (const MailMessage &message : m_messages) {
        if (message.id == id) {
            return message;
        }
    }
    return std::nullopt;
}

int Inbox::size() const
{
    const QMutexLocker lock(&m_mutex);
    return int(m_messages.size());
}

} // namespace Shop::Sandbox
