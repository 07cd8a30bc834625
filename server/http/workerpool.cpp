#include "workerpool.h"

#include "logging.h"

#include <exception>

namespace Shop::Http {

WorkerPool::WorkerPool(int threads, int maxQueued)
    : m_maxQueued(std::max(1, maxQueued))
{
    m_pool.setObjectName(QStringLiteral("shop-http-workers"));
    m_pool.setMaxThreadCount(std::max(1, threads));
    m_pool.setExpiryTimeout(-1);
}

WorkerPool::~WorkerPool()
{
    m_pool.waitForDone();
}

bool WorkerPool::trySubmit(QObject *context, Job job)
{
    // Reserve a queue slot first so concurrent submitters cannot overshoot the bound.
    if (m_queued.fetch_add(1, std::memory_order_relaxed) >= m_maxQueued) {
        m_queued.fetch_sub(1, std::memory_order_relaxed);
        return false;
    }
    m_pool.start([this, context, job = std::move(job)] {
        m_running.fetch_add(1, std::memory_order_relaxed);
        m_queued.fetch_sub(1, std::memory_order_relaxed);
        std::function<void()> completion;
        try {
            completion = job();
        } catch (const std::exception &e) {
            qCCritical(lcHttpServer, "A worker job threw: %s", e.what());
        } catch (...) {
            qCCritical(lcHttpServer, "A worker job threw a non-standard exception.");
        }
        m_running.fetch_sub(1, std::memory_order_relaxed);
        if (completion) {
            // The context owns this pool, whose destructor waits for running jobs, so it is
            // alive here; an event posted to it later is dropped if it is deleted meanwhile.
            QMetaObject::invokeMethod(context, std::move(completion), Qt::QueuedConnection);
        }
    });
    return true;
}

bool WorkerPool::waitForDone(int msecs)
{
    return m_pool.waitForDone(msecs);
}

} // namespace Shop::Http
