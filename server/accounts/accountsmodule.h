#pragma once

#include "config/serverconfig.h"
#include "http/servermodule.h"

#include <memory>

namespace Shop::Outbox {
class Composers;
}

namespace Shop::Auth {
class JwtCodec;
}

namespace Shop::Accounts {

class AccountsService;
class RevocationSet;

// The accounts module: registration, sign-in and sessions (JWT access tokens, rotating refresh
// cookies), password change and reset, profile and address book, and the admins' user management
// (routes in AccountsService); the request authenticator for every module's protected routes; and
// the welcome and password-reset emails (composers in the outbox).
class AccountsModule final : public Http::ServerModule
{
public:
    AccountsModule(const Server::ServerConfig &config, Outbox::Composers &composers);
    ~AccountsModule() override;

    [[nodiscard]] QString name() const override { return QStringLiteral("accounts"); }
    void registerRoutes(Http::Router &router) override;
    [[nodiscard]] QJsonObject openApi() const override;
    [[nodiscard]] std::shared_ptr<const Http::RequestAuthenticator> authenticator() const override;
    void start() override;
    void stop() override;

private:
    Server::ServerConfig m_config;
    std::shared_ptr<const Auth::JwtCodec> m_codec;
    std::shared_ptr<RevocationSet> m_revocations;
    std::unique_ptr<AccountsService> m_service;
    std::shared_ptr<const Http::RequestAuthenticator> m_authenticator;
};

} // namespace Shop::Accounts
