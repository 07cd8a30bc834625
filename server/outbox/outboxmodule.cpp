#include "outboxmodule.h"

#include "mailjob.h"

#include <QLoggingCategory>

namespace Shop::Outbox {

Q_LOGGING_CATEGORY(lcOutboxModule, "shop.outbox.module")

OutboxModule::OutboxModule(const Server::ServerConfig &config, Jobs::Registry &registry)
    : m_mail(config.mail)
    , m_mode(config.mode)
    , m_composers(std::make_shared<Composers>())
{
    m_composers->add(SampleEmail, sampleComposer(config.store));
    auto client =
        std::make_shared<Mail::SendGridClient>(config.mail, config.mail.timeoutSec * 1000);
    registry.add(MailJobKind, MailJob(m_composers, std::move(client)), mailPolicy());
}

void OutboxModule::start()
{
    // The base URL without its path and query: enough to tell SendGrid from shop-sandbox.
    const QUrl url(m_mail.sendgridBaseUrl);
    qCInfo(
        lcOutboxModule, "email goes to %ls (%ls mode, %lld composers)",
        qUtf16Printable(
            url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo).toString()),
        m_mode == Server::ServerMode::Production ? u"production" : u"demo",
        qlonglong(m_composers->names().size()));
}

} // namespace Shop::Outbox
