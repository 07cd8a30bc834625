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

// The network layer for client tests (Nextcloud-style: override createRequest): canned JSON
// instead of a server, and error paths a real server cannot produce on demand. The script decides
// per request: a canned answer, or std::nullopt to let the request go out on the real network.
// Every request is counted, time-stamped and recorded (method, headers, body), so tests can check
// what was sent, retries and backoff.
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
    // Every request's method ("GET", "POST", ...) and body, in order.
    [[nodiscard]] const QList<QByteArray> &requestMethods() const { return m_methods; }
    [[nodiscard]] const QList<QByteArray> &requestBodies() const { return m_bodies; }
    // Every request's value of one header ("" where it was not set), in order.
    [[nodiscard]] QList<QByteArray> requestHeaders(const QByteArray &name) const;

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    Script m_script;
    QElapsedTimer m_clock;
    QList<qint64> m_times;
    QList<QUrl> m_urls;
    QNetworkRequest m_lastRequest;
    QList<QNetworkRequest> m_requests;
    QList<QByteArray> m_methods;
    QList<QByteArray> m_bodies;
};

} // namespace Shop::Tests
