#include "requestcontext.h"

namespace Shop::Http {

namespace {

thread_local QString t_requestId;

} // namespace

QString currentRequestId()
{
    return t_requestId;
}

RequestIdScope::RequestIdScope(const QString &requestId)
    : m_previous(std::exchange(t_requestId, requestId))
{ }

RequestIdScope::~RequestIdScope()
{
    t_requestId = std::move(m_previous);
}

} // namespace Shop::Http
