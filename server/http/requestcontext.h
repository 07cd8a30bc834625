#pragma once

#include <QString>

namespace Shop::Http {

// The request id (X-Request-Id) of the work the current thread does for a request: set while a
// route's handler runs (server/http) and while a job enqueued by a request runs (server/jobs, from
// jobs.request_id), so that every log line of that work, and every job it enqueues, carries it.
// Empty outside such work.
[[nodiscard]] QString currentRequestId();

// Sets the current thread's request id for its lifetime, then restores the previous one.
class RequestIdScope final
{
public:
    explicit RequestIdScope(const QString &requestId);
    ~RequestIdScope();
    RequestIdScope(const RequestIdScope &) = delete;
    RequestIdScope &operator=(const RequestIdScope &) = delete;

private:
    QString m_previous;
};

} // namespace Shop::Http
