#pragma once

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <functional>
#include <optional>

namespace Shop::Tests {

// A canned answer for one request.
struct CannedReply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    // Not NoError: fail at the network level with this error instead of answering.
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
};

// A QNetworkReply that plays back a CannedReply asynchronously, like a real one.
class FakeReply final : public QNetworkReply
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeReply)

public:
    FakeReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
              CannedReply canned, QObject *parent);

    void abort() override;
    [[nodiscard]] qint64 bytesAvailable() const override;
    [[nodiscard]] bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void respond();

    CannedReply m_canned;
    QByteArray m_buffer;
    qint64 m_position = 0;
};

// The network layer for error paths the real server cannot produce on demand (Nextcloud-style:
// override createRequest). The script decides per request: a canned answer, or std::nullopt to
// let the request go out on the real network. Every request is counted and time-stamped, so
// tests can check retries and backoff.
class FakeNetwork final : public QNetworkAccessManager
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeNetwork)

public:
    // `number` counts requests from 1.
    using Script = std::function<std::optional<CannedReply>(const QNetworkRequest &, int number)>;

    explicit FakeNetwork(QObject *parent = nullptr);

    void setScript(Script script) { m_script = std::move(script); }
    [[nodiscard]] int requestCount() const { return int(m_times.size()); }
    // Milliseconds since construction at which each request was made.
    [[nodiscard]] const QList<qint64> &requestTimes() const { return m_times; }
    [[nodiscard]] const QList<QUrl> &requestUrls() const { return m_urls; }
    [[nodiscard]] QNetworkRequest lastRequest() const { return m_lastRequest; }

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    Script m_script;
    QElapsedTimer m_clock;
    QList<qint64> m_times;
    QList<QUrl> m_urls;
    QNetworkRequest m_lastRequest;
};

} // namespace Shop::Tests
