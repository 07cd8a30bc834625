#include "support/fakenetwork.h"

#include <QTimer>

#include <cstring>

namespace Shop::Tests {

namespace {

QNetworkReply::NetworkError errorForStatus(int status)
{
    switch (status) {
    case 400:
        return QNetworkReply::ProtocolInvalidOperationError;
    case 401:
        return QNetworkReply::AuthenticationRequiredError;
    case 403:
        return QNetworkReply::ContentAccessDenied;
    case 404:
        return QNetworkReply::ContentNotFoundError;
    case 409:
        return QNetworkReply::ContentConflictError;
    case 500:
        return QNetworkReply::InternalServerError;
    case 503:
        return QNetworkReply::ServiceUnavailableError;
    default:
        if (status >= 500) {
            return QNetworkReply::UnknownServerError;
        }
        return status >= 400 ? QNetworkReply::UnknownContentError : QNetworkReply::NoError;
    }
}

} // namespace

FakeReply::FakeReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                     CannedReply canned, QObject *parent)
    : QNetworkReply(parent)
    , m_canned(std::move(canned))
{
    setRequest(request);
    setUrl(request.url());
    setOperation(operation);
    open(QIODevice::ReadOnly);
    QTimer::singleShot(0, this, &FakeReply::respond);
}

void FakeReply::respond()
{
    if (isFinished()) {
        return;
    }
    if (m_canned.networkError != QNetworkReply::NoError) {
        setError(m_canned.networkError, QStringLiteral("Simulated network failure"));
        Q_EMIT errorOccurred(m_canned.networkError);
        setFinished(true);
        Q_EMIT finished();
        return;
    }
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_canned.status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, QByteArray("Canned"));
    setHeader(QNetworkRequest::ContentTypeHeader, m_canned.contentType);
    setHeader(QNetworkRequest::ContentLengthHeader, m_canned.body.size());
    m_buffer = m_canned.body;
    Q_EMIT metaDataChanged();
    if (const auto error = errorForStatus(m_canned.status); error != QNetworkReply::NoError) {
        setError(error, QStringLiteral("HTTP %1").arg(m_canned.status));
        Q_EMIT errorOccurred(error);
    }
    Q_EMIT readyRead();
    setFinished(true);
    Q_EMIT finished();
}

void FakeReply::abort()
{
    if (isFinished()) {
        return;
    }
    setError(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
    Q_EMIT errorOccurred(QNetworkReply::OperationCanceledError);
    setFinished(true);
    Q_EMIT finished();
}

qint64 FakeReply::bytesAvailable() const
{
    return m_buffer.size() - m_position + QIODevice::bytesAvailable();
}

qint64 FakeReply::readData(char *data, qint64 maxSize)
{
    const qint64 count = std::min<qint64>(maxSize, m_buffer.size() - m_position);
    if (count <= 0) {
        return isFinished() ? -1 : 0;
    }
    std::memcpy(data, m_buffer.constData() + m_position, size_t(count));
    m_position += count;
    return count;
}

FakeNetwork::FakeNetwork(QObject *parent)
    : QNetworkAccessManager(parent)
{
    m_clock.start();
}

QNetworkReply *FakeNetwork::createRequest(Operation operation, const QNetworkRequest &request,
                                          QIODevice *outgoingData)
{
    m_times.append(m_clock.elapsed());
    m_urls.append(request.url());
    m_lastRequest = request;
    m_requests.append(request);
    QByteArray method;
    switch (operation) {
    case HeadOperation:
        method = "HEAD";
        break;
    case GetOperation:
        method = "GET";
        break;
    case PutOperation:
        method = "PUT";
        break;
    case PostOperation:
        method = "POST";
        break;
    case DeleteOperation:
        method = "DELETE";
        break;
    default:
        method = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
        break;
    }
    m_methods.append(method);
    // peek() leaves the body in place for a request that goes out on the real network.
    m_bodies.append(outgoingData ? outgoingData->peek(outgoingData->bytesAvailable())
                                 : QByteArray());
    if (m_script) {
        if (auto canned = m_script(request, int(m_times.size()))) {
            return new FakeReply(operation, request, std::move(*canned), this);
        }
    }
    return QNetworkAccessManager::createRequest(operation, request, outgoingData);
}

QList<QByteArray> FakeNetwork::requestHeaders(const QByteArray &name) const
{
    QList<QByteArray> values;
    for (const QNetworkRequest &request : m_requests) {
        values.append(request.rawHeader(name));
    }
    return values;
}

} // namespace Shop::Tests
