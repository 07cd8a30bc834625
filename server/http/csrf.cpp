#include "csrf.h"

namespace Shop::Http {

bool hasCsrfProof(const Request &request)
{
    for (const auto &[name, value] : request.headers) {
        if (QByteArrayView(name).compare("x-requested-with", Qt::CaseInsensitive) == 0
            && QByteArrayView(value).trimmed().compare("XMLHttpRequest", Qt::CaseInsensitive)
                == 0) {
            return true;
        }
    }
    return false;
}

} // namespace Shop::Http
