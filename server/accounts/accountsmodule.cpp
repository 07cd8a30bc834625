#include "accountsmodule.h"

#include "accessauthenticator.h"
#include "accountsservice.h"
#include "auth/jwt.h"
#include "auth/tokens.h"
#include "db/database.h"
#include "db/transaction.h"
#include "mail/mailtemplates.h"
#include "outbox/outbox.h"
#include "revocationset.h"
#include "sessionrepository.h"
#include "userrepository.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace Shop::Accounts {

Q_LOGGING_CATEGORY(lcAccountsModule, "shop.accounts.module")

namespace {

std::shared_ptr<const Auth::JwtCodec> makeCodec(const Server::AuthConfig &auth)
{
    QList<Auth::SigningKey> keys;
    if (!auth.signingKeys.isEmpty()) {
        if (auto parsed = Auth::parseSigningKeys(auth.signingKeys)) {
            keys = *parsed;
        } else {
            qCCritical(lcAccountsModule, "auth/signing_keys: %ls",
                       qUtf16Printable(parsed.error().message));
        }
    }
    if (keys.isEmpty()) {
        // The demo: a key of this process. Sessions end when it stops, and several instances
        // need auth/signing_keys to accept each other's tokens.
        qCWarning(lcAccountsModule,
                  "No auth/signing_keys: signing with a random key of this "
                  "process (sessions end when it stops).");
        keys.append({QStringLiteral("demo"), Auth::randomToken(32)});
    }
    auto codec = Auth::JwtCodec::create(keys, keys.first().id,
                                        {auth.issuer, auth.audience, std::chrono::seconds(30)});
    if (!codec) {
        qCCritical(lcAccountsModule, "Cannot sign tokens: %ls",
                   qUtf16Printable(codec.error().message));
        codec = Auth::JwtCodec::create(
            {{QStringLiteral("fallback"), Auth::randomToken(32)}}, QStringLiteral("fallback"),
            {QStringLiteral("shop"), QStringLiteral("shop-api"), std::chrono::seconds(30)});
    }
    return std::make_shared<const Auth::JwtCodec>(std::move(*codec));
}

Result<std::optional<Mail::Message>> some(Result<Mail::Message> message)
{
    if (!message) {
        return fail(message.error());
    }
    return std::optional<Mail::Message>(std::move(*message));
}

} // namespace

AccountsModule::AccountsModule(const Server::ServerConfig &config, Outbox::Composers &composers)
    : m_config(config)
    , m_codec(makeCodec(config.auth))
    , m_revocations(std::make_shared<RevocationSet>(config.database,
                                                    std::chrono::seconds(config.auth.accessTtlSec)))
    , m_service(std::make_unique<AccountsService>(config, m_codec, m_revocations))
    , m_authenticator(std::make_shared<AccessAuthenticator>(m_codec, m_revocations))
{
    const Server::StoreConfig store = config.store;
    const Server::AuthConfig auth = config.auth;
    // Welcome: payload {user_id}; a deleted account gets no email.
    composers.add(
        QStringLiteral("welcome"),
        [store, auth](const Jobs::Job &job) -> Result<std::optional<Mail::Message>> {
            QSqlDatabase db = job.database;
            auto user = UserRepository::findById(
                db, job.payload.value(QStringLiteral("user_id")).toString());
            if (!user) {
                return fail(user.error());
            }
            if (!user->has_value()) {
                return std::optional<Mail::Message>();
            }
            const User &u = (*user)->user;
            return some(Mail::renderWelcome(
                {{u.email, QString(u.firstName + u' ' + u.lastName).trimmed(), u.language},
                 auth.storefrontUrl},
                store));
        });
    // Password reset: payload {address}. The token is made here, when the email is composed,
    // so it exists in the email only (the table keeps its digest). Unknown or deactivated
    // addresses get nothing, which the requester cannot tell from the answer.
    composers.add(
        QStringLiteral("password_reset"),
        [store, auth](const Jobs::Job &job) -> Result<std::optional<Mail::Message>> {
            QSqlDatabase db = job.database;
            auto user = UserRepository::findByEmail(
                db, job.payload.value(QStringLiteral("address")).toString());
            if (!user) {
                return fail(user.error());
            }
            if (!user->has_value() || !(*user)->user.isActive) {
                return std::optional<Mail::Message>();
            }
            const User &u = (*user)->user;
            auto tx = Db::Transaction::begin(db);
            if (!tx) {
                return fail(tx.error());
            }
            auto token =
                SessionRepository::issueReset(db, u.id, std::chrono::minutes(auth.resetTtlMin));
            if (!token) {
                return fail(token.error());
            }
            if (auto committed = tx->commit(); !committed) {
                return fail(committed.error());
            }
            QString url = auth.resetUrl;
            url.replace(QStringLiteral("{token}"), QString::fromLatin1(*token));
            return some(Mail::renderPasswordReset(
                {{u.email, QString(u.firstName + u' ' + u.lastName).trimmed(), u.language},
                 url,
                 auth.resetTtlMin},
                store));
        });
}

AccountsModule::~AccountsModule()
{
    stop();
}

void AccountsModule::registerRoutes(Http::Router &router)
{
    m_service->registerRoutes(router);
}

QJsonObject AccountsModule::openApi() const
{
    QFile file(QStringLiteral(":/openapi/accounts/openapi.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcAccountsModule, "The accounts OpenAPI fragment is missing.");
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

std::shared_ptr<const Http::RequestAuthenticator> AccountsModule::authenticator() const
{
    return m_authenticator;
}

void AccountsModule::start()
{
    m_revocations->start();
}

void AccountsModule::stop()
{
    m_revocations->stop();
}

} // namespace Shop::Accounts
