#pragma once

#include "client/accountclient.h"
#include "client/apiclient.h"
#include "client/authsession.h"
#include "client/gui/imageloader.h"
#include "client/secretstore.h"
#include "client/settings.h"

#include <QObject>

#include <memory>

namespace Shop::Widgets {

// What an app window needs from the outside world: its settings, the API client, the signed-in
// session and the image loader, created once at start-up and handed to the windows (no
// singletons).
class AppContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppContext)

public:
    // The session remembers sign-ins in the system keychain (service: the application name).
    explicit AppContext(std::unique_ptr<Client::Settings> settings, QObject *parent = nullptr);
    // With another secret store (tests: a MemorySecretStore).
    AppContext(std::unique_ptr<Client::Settings> settings,
               std::unique_ptr<Client::SecretStore> secrets, QObject *parent = nullptr);
    ~AppContext() override;

    [[nodiscard]] Client::Settings &settings() { return *m_settings; }
    [[nodiscard]] Client::ApiClient *api() const { return m_api; }
    [[nodiscard]] Client::ImageLoader *images() const { return m_images; }
    [[nodiscard]] Client::AuthSession *session() const { return m_session; }
    [[nodiscard]] Client::AccountClient *account() const { return m_account; }

    // Points the client at another server for this session (not saved).
    void useServer(const QUrl &url);
    // Saves the server in the settings and uses it.
    void saveServer(const QUrl &url);

Q_SIGNALS:
    void serverChanged(const QUrl &url);

private:
    std::unique_ptr<Client::Settings> m_settings;
    Client::ApiClient *m_api;
    Client::ImageLoader *m_images;
    std::unique_ptr<Client::SecretStore> m_secrets;
    Client::AuthSession *m_session;
    Client::AccountClient *m_account;
};

} // namespace Shop::Widgets
