#pragma once

#include <QThreadPool>

#include <atomic>
#include <functional>

namespace Shop::Http {

// The bounded pool that runs WorkerPool handlers. Its threads never expire, so each keeps the
// database connection it opened (Db::threadConnection()) for the life of the server. At most
// `maxQueued` jobs wait for a thread; beyond that trySubmit() refuses (the server answers 503).
class WorkerPool final
{
public:
    WorkerPool(int threads, int maxQueued);
    ~WorkerPool(); // waits for running and queued jobs

    Q_DISABLE_COPY_MOVE(WorkerPool)

    // Queues `job`; false when the queue is full. Thread-safe.
    [[nodiscard]] bool trySubmit(std::function<void()> job);
    // Waits up to `msecs` (-1: forever) until no job is queued or running.
    bool waitForDone(int msecs = -1);

    [[nodiscard]] int threadCount() const { return m_pool.maxThreadCount(); }
    [[nodiscard]] int queued() const { return m_queued.load(std::memory_order_relaxed); }
    [[nodiscard]] int running() const { return m_running.load(std::memory_order_relaxed); }

private:
    QThreadPool m_pool;
    const int m_maxQueued;
    std::atomic<int> m_queued {0};
    std::atomic<int> m_running {0};
};

} // namespace Shop::Http
