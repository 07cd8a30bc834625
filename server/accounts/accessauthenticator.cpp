#include "accessauthenticator.h"

#include "auth/permissions.h"
#include "http/request.h"

namespace Shop::Accounts {

namespace {

QByteArrayView bearerToken(const QByteArray &header)
{
    // RFC 9110: the scheme is case-insensitive; one space, then the token.
    if (header.size() < 8 || qstrnicmp(header.constData(), "bearer ", 7) != 0) {
        return {};
    }
    return QByteArrayView(header).sliced(7).trimmed();
}

Error unauthorized(const QString &detail)
{
    Error error {ErrorCode::Unauthorized,
                 QStringLiteral("Your sign-in is invalid or has expired; sign in again."),
                 {},
                 {}};
    error.logDetail = detail;
    return error;
}

} // namespace

AccessAuthenticator::AccessAuthenticator(std::shared_ptr<const Auth::JwtCodec> codec,
                                         std::shared_ptr<const RevocationSet> revocations)
    : m_codec(std::move(codec))
    , m_revocations(std::move(revocations))
{ }

bool AccessAuthenticator::hasCredentials(const Http::Request &request) const
{
    return !request.header("authorization").isEmpty();
}

Result<Http::Principal> AccessAuthenticator::authenticate(const Http::Request &request) const
{
    const QByteArray header = request.header("authorization"); // the view below points into it
    const QByteArrayView token = bearerToken(header);
    if (token.isEmpty()) {
        return fail(unauthorized(QStringLiteral("no bearer token in Authorization")));
    }
    Result<Auth::TokenClaims> claims = m_codec->verify(token, u"access");
    if (!claims) {
        return fail(claims.error());
    }
    switch (m_revocations->state(claims->sessionId)) {
    case RevocationSet::State::Revoked:
        return fail(unauthorized(QStringLiteral("session %1 is revoked").arg(claims->sessionId)));
    case RevocationSet::State::Unknown:
        return fail(Error::unavailable(
            QStringLiteral("Signing in is briefly unavailable; try again in a moment.")));
    case RevocationSet::State::Valid:
        break;
    }
    const std::optional<Auth::Role> role = Auth::roleFromName(claims->role);
    if (!role) {
        return fail(unauthorized(QStringLiteral("unknown role in token")));
    }
    Http::Principal principal;
    principal.userId = claims->subject;
    principal.sessionId = claims->sessionId;
    principal.role = claims->role;
    principal.permissions = Auth::rolePermissions(*role);
    return principal;
}

} // namespace Shop::Accounts
