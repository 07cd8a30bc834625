#pragma once

#include "auth/jwt.h"
#include "http/principal.h"
#include "revocationset.h"

#include <memory>

namespace Shop::Accounts {

// Bearer access tokens: a JWT of type "access" (Auth::JwtCodec: HS256, iss, aud, exp, nbf, kid)
// whose session is not revoked (RevocationSet, in memory). Runs on the HTTP event loop: one HMAC
// and one hash lookup, no I/O.
class AccessAuthenticator final : public Http::RequestAuthenticator
{
public:
    AccessAuthenticator(std::shared_ptr<const Auth::JwtCodec> codec,
                        std::shared_ptr<const RevocationSet> revocations);

    [[nodiscard]] bool hasCredentials(const Http::Request &request) const override;
    [[nodiscard]] Result<Http::Principal> authenticate(const Http::Request &request) const override;

private:
    std::shared_ptr<const Auth::JwtCodec> m_codec;
    std::shared_ptr<const RevocationSet> m_revocations;
};

} // namespace Shop::Accounts
