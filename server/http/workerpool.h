#pragma once

#include <QObject>
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

    // A job runs on a worker thread and returns what to do next on the server's thread.
    using Job = std::function<std::function<void()>()>;

    // Queues `job`; false when the queue is full. Thread-safe. The completion the job returns is
    // posted to `context`'s thread after the job stopped counting as running, so queued() +
    // running() never counts a request twice while its answer is delivered.
    [[nodiscard]] bool trySubmit(QObject *context, Job job);
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
