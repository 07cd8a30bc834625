#pragma once

#include "mediaimage.h"

#include <QByteArray>

#include <atomic>
#include <functional>
#include <memory>

class QThreadPool;

namespace Shop::Catalog {

// Decodes and checks uploaded images (MediaImage::process: sniffing, SVG checks, thumbnails) on a
// small pool of its own threads (media/workers), so that a burst of uploads never occupies the
// HTTP workers, which go on serving the catalog meanwhile.
//
// decode() accepts work while fewer than threads + maxQueued jobs are pending (running or
// waiting) and returns false otherwise, without calling `done`: the caller answers 503 with
// Retry-After. `done` runs on a decoder thread, exactly once for every accepted job, and must not
// throw. The destructor waits for every accepted job to finish.
class MediaDecoder final
{
public:
    MediaDecoder(int threads, int maxQueued);
    ~MediaDecoder();
    Q_DISABLE_COPY_MOVE(MediaDecoder)

    using Done = std::function<void(Result<MediaImage::Processed>)>;
    [[nodiscard]] bool decode(QByteArray bytes, Done done);

    [[nodiscard]] int threadCount() const;
    [[nodiscard]] int capacity() const { return m_capacity; }
    [[nodiscard]] int pending() const { return m_pending.load(); } // accepted, not finished
    [[nodiscard]] int running() const { return m_running.load(); }
    // The most jobs that ran at once since the decoder was made (for tests and logs).
    [[nodiscard]] int peakRunning() const { return m_peakRunning.load(); }

private:
    int m_capacity = 0;
    std::atomic<int> m_pending {0};
    std::atomic<int> m_running {0};
    std::atomic<int> m_peakRunning {0};
    std::unique_ptr<QThreadPool> m_pool;
};

} // namespace Shop::Catalog
