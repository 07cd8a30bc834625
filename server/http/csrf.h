#pragma once

#include "request.h"

namespace Shop::Http {

// CSRF proof for routes authenticated by a cookie (the refresh cookie: refresh, logout): true when
// the request carries `X-Requested-With: XMLHttpRequest` (the value compared case-insensitively,
// surrounding white space ignored). A browser sends that header cross-origin only after a CORS
// preflight the server refuses for unknown origins, and a plain form or link cannot set it, so its
// presence shows the request came from a script of an allowed origin or from a native client.
// Bearer-authenticated requests need no proof: nothing sends the token automatically.
[[nodiscard]] bool hasCsrfProof(const Request &request);

} // namespace Shop::Http
