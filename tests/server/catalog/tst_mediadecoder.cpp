// MediaDecoder: uploads are decoded on a pool of their own, at most `threads` at once, with a
// bounded queue (refusal beyond it, which the route answers with 503 + Retry-After).

#include "catalog/mediadecoder.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QMutex>
#include <QSemaphore>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Shop;
using namespace Shop::Catalog;

namespace {

QByteArray png(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter(&buffer, "png").write(image);
    return bytes;
}

} // namespace

class TestMediaDecoder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesOnItsOwnThreads()
    {
        MediaDecoder decoder(2, 4);
        QCOMPARE(decoder.threadCount(), 2);
        QCOMPARE(decoder.capacity(), 6);
        QMutex mutex;
        QThread *thread = nullptr;
        std::optional<Result<MediaImage::Processed>> result;
        QVERIFY(decoder.decode(png(640, 480), [&](Result<MediaImage::Processed> processed) {
            QMutexLocker lock(&mutex);
            thread = QThread::currentThread();
            result = std::move(processed);
        }));
        QTRY_VERIFY_WITH_TIMEOUT(decoder.pending() == 0, 30000);
        QMutexLocker lock(&mutex);
        QVERIFY(result.has_value());
        QVERIFY(result->has_value());
        QCOMPARE((*result)->format, QStringLiteral("png"));
        QCOMPARE((*result)->width, 640);
        QCOMPARE((*result)->height, 480);
        QVERIFY(!(*result)->thumbnail.isEmpty());
        QVERIFY(thread && thread != QThread::currentThread());
    }

    void refusedBytesAreAnError()
    {
        MediaDecoder decoder(1, 0);
        QSemaphore done;
        std::atomic<int> code {-1};
        QVERIFY(decoder.decode(QByteArrayLiteral("not a picture at all"),
                               [&](Result<MediaImage::Processed> processed) {
                                   code = processed ? 0 : int(processed.error().code);
                                   done.release();
                               }));
        QVERIFY(done.tryAcquire(1, 30000));
        QCOMPARE(code.load(), int(ErrorCode::Validation));
    }

    void boundedQueue()
    {
        // One thread, one queued: a third upload while the first runs and the second waits is
        // refused at once (the route's 503); never more than one decodes at a time.
        MediaDecoder decoder(1, 1);
        QSemaphore gate;
        QSemaphore finished;
        const auto held = [&](Result<MediaImage::Processed>) {
            gate.acquire(); // keeps the job (and its thread) busy until the test lets it go
            finished.release();
        };
        const QByteArray bytes = png(64, 64);
        QVERIFY(decoder.decode(bytes, held));
        QTRY_COMPARE_WITH_TIMEOUT(decoder.running(), 1, 30000);
        QVERIFY(decoder.decode(bytes, held));
        QCOMPARE(decoder.pending(), 2);
        QVERIFY(!decoder.decode(bytes, held));
        QCOMPARE(decoder.pending(), 2);
        gate.release(2);
        QVERIFY(finished.tryAcquire(2, 30000));
        QTRY_COMPARE_WITH_TIMEOUT(decoder.pending(), 0, 30000);
        QCOMPARE(decoder.peakRunning(), 1);
        // Room again.
        QVERIFY(decoder.decode(bytes, [&](Result<MediaImage::Processed>) { finished.release(); }));
        QVERIFY(finished.tryAcquire(1, 30000));
    }

    void destructorWaitsForAcceptedWork()
    {
        std::atomic<int> calls {0};
        {
            MediaDecoder decoder(2, 8);
            const QByteArray bytes = png(320, 200);
            for (int i = 0; i < 6; ++i) {
                QVERIFY(decoder.decode(bytes, [&](Result<MediaImage::Processed> processed) {
                    if (processed) {
                        ++calls;
                    }
                }));
            }
            QVERIFY(decoder.peakRunning() <= 2);
        }
        QCOMPARE(calls.load(), 6);
    }
};

QTEST_GUILESS_MAIN(TestMediaDecoder)
#include "tst_mediadecoder.moc"
