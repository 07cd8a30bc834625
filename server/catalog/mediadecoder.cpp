#include "mediadecoder.h"

#include <QThreadPool>

#include <algorithm>

namespace Shop::Catalog {

MediaDecoder::MediaDecoder(int threads, int maxQueued)
    : m_pool(std::make_unique<QThreadPool>())
{
    threads = std::max(1, threads);
    m_capacity = threads + std::max(0, maxQueued);
    m_pool->setMaxThreadCount(threads);
    m_pool->setObjectName(QStringLiteral("shop-media-decoder"));
}

MediaDecoder::~MediaDecoder()
{
    m_pool->waitForDone();
}

int MediaDecoder::threadCount() const
{
    return m_pool->maxThreadCount();
}

bool MediaDecoder::decode(QByteArray bytes, Done done)
{
    int pending = m_pending.load();
    do {
        if (pending >= m_capacity) {
            return false;
        }
    } while (!m_pending.compare_exchange_weak(pending, pending + 1));
    m_pool->start([this, bytes = std::move(bytes), done = std::move(done)] {
        const int running = ++m_running;
        int peak = m_peakRunning.load();
        while (running > peak && !m_peakRunning.compare_exchange_weak(peak, running)) { }
        done(MediaImage::process(bytes));
        --m_running;
        --m_pending;
    });
    return true;
}

} // namespace Shop::Catalog
