#include "idempotentreplay.h"

namespace Shop::Http {

Response idempotentReplay(int status, const QByteArray &body)
{
    Response response;
    response.status = status;
    response.body = body;
    response.contentType = status >= 400 ? QByteArrayLiteral("application/problem+json")
                                         : QByteArrayLiteral("application/json");
    response.setHeader(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"));
    return response;
}

} // namespace Shop::Http
