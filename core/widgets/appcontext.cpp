#include "widgets/appcontext.h"

#include "client/keychain/keychainsecretstore.h"

#include <QCoreApplication>

namespace Shop::Widgets {

using Client::ApiClient;
using Client::ImageLoader;
using Client::Settings;

AppContext::AppContext(std::unique_ptr<Settings> settings, QObject *parent)
    : AppContext(
        std::move(settings),
        std::make_unique<Client::KeychainSecretStore>(QCoreApplication::applicationName().isEmpty()
                                                          ? QStringLiteral("shop")
                                                          : QCoreApplication::applicationName()),
        parent)
{ }

AppContext::AppContext(std::unique_ptr<Settings> settings,
                       std::unique_ptr<Client::SecretStore> secrets, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_api(new ApiClient(this))
    , m_images(new ImageLoader(this))
    , m_secrets(std::move(secrets))
    , m_session(new Client::AuthSession(m_api, m_secrets.get(), this))
    , m_account(new Client::AccountClient(m_api, m_session, this))
{
    m_api->setBaseUrl(m_settings->serverUrl());
}

AppContext::~AppContext()
{
    // The session and the client go first: they use the store and the transport.
    delete m_account;
    delete m_session;
}

void AppContext::useServer(const QUrl &url)
{
    if (url == m_api->baseUrl()) {
        return;
    }
    m_api->cancelAll();
    m_api->setBaseUrl(url);
    m_images->retryFailed();
    Q_EMIT serverChanged(url);
}

void AppContext::saveServer(const QUrl &url)
{
    m_settings->setServerUrl(url);
    m_settings->sync();
    useServer(url);
}

} // namespace Shop::Widgets
