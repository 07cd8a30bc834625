#include "client/apiclient.h"

#include "client/authenticator.h"
#include "serialize/problemjson.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <utility>

Q_LOGGING_CATEGORY(lcApi, "shop.client.api", QtInfoMsg)

namespace Shop::Client {

std::chrono::milliseconds RetryPolicy::delayBefore(int nextAttempt) const
{
    const int retryIndex = std::max(0, nextAttempt - 2); // attempt 2 is the first retry
    const double delay = double(initialDelay.count()) * std::pow(multiplier, retryIndex);
    return std::chrono::milliseconds(qint64(std::min(delay, double(maxDelay.count()))));
}

struct ApiClient::Call
{
    RequestId id = 0;
    ApiRequest request;
    QUrl url;
    QPointer<const QObject> context;
    bool hasContext = false;
    Callback<ApiResponse> done;
    int attempt = 0;
    bool refreshed = false; // repeated after a 401 once already
    quint64 credentialGeneration = 0; // of the credentials the last attempt carried
    Error lastError; // of the last attempt
    QPointer<QNetworkReply> reply;
    std::unique_ptr<QTimer> retryTimer;
    QElapsedTimer clock;
};

ApiRequest ApiRequest::get(const QString &path, const QByteArray &query)
{
    ApiRequest request;
    request.path = path;
    request.query = query;
    return request;
}

ApiRequest ApiRequest::post(const QString &path, const QJsonDocument &body)
{
    ApiRequest request;
    request.method = "POST";
    request.path = path;
    request.body = body;
    return request;
}

bool ApiRequest::isRepeatable() const
{
    static const QList<QByteArray> idempotent {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"};
    return idempotent.contains(method) || !idempotencyKey.isEmpty();
}

QByteArray ApiResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

namespace {

bool isNetworkUnreachable(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

ErrorCode codeForStatus(int status)
{
    switch (status) {
    case 400:
        return ErrorCode::BadRequest;
    case 401:
        return ErrorCode::Unauthorized;
    case 403:
        return ErrorCode::Forbidden;
    case 404:
        return ErrorCode::NotFound;
    case 405:
        return ErrorCode::MethodNotAllowed;
    case 408:
        return ErrorCode::RequestTimeout;
    case 409:
        return ErrorCode::Conflict;
    case 412:
        return ErrorCode::PreconditionFailed;
    case 413:
        return ErrorCode::PayloadTooLarge;
    case 415:
        return ErrorCode::UnsupportedMediaType;
    case 422:
        return ErrorCode::Validation;
    case 429:
        return ErrorCode::TooManyRequests;
    case 502:
    case 503:
    case 504:
        return ErrorCode::Unavailable;
    default:
        return ErrorCode::Internal;
    }
}

bool isRetryableStatus(int status)
{
    return status == 502 || status == 503 || status == 504;
}

} // namespace

ApiClient::ApiClient(QObject *parent)
    : ApiClient(nullptr, parent)
{ }

ApiClient::ApiClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network ? network : new QNetworkAccessManager(this))
{ }

ApiClient::~ApiClient()
{
    cancelAll();
}

void ApiClient::setBaseUrl(const QUrl &url)
{
    if (url == m_baseUrl) {
        return;
    }
    m_baseUrl = url;
    m_reachable = -1;
    qCDebug(lcApi) << "server:" << url.toDisplayString();
    Q_EMIT baseUrlChanged(url);
}

QUrl ApiClient::apiUrl(const QString &relativePath) const
{
    QUrl base = m_baseUrl;
    QString path = base.path();
    if (!path.endsWith(u'/')) {
        path += u'/';
        base.setPath(path);
    }
    return base.resolved(QUrl(relativePath));
}

QUrl ApiClient::resolve(const QString &pathOrUrl) const
{
    if (pathOrUrl.isEmpty()) {
        return {};
    }
    const QUrl url(pathOrUrl);
    if (!url.isRelative()) {
        return url;
    }
    QString relative = pathOrUrl;
    while (relative.startsWith(u'/')) {
        relative.remove(0, 1);
    }
    return apiUrl(relative);
}

QByteArray ApiClient::newIdempotencyKey()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

void ApiClient::setAuthenticator(Authenticator *authenticator)
{
    if (m_authenticator == authenticator) {
        return;
    }
    if (m_authenticator) {
        disconnect(m_authenticator, nullptr, this, nullptr);
    }
    m_authenticator = authenticator;
    if (authenticator) {
        connect(authenticator, &QObject::destroyed, this, [this] {
            if (m_refreshing) {
                onRefreshed(false);
            }
        });
    } else if (m_refreshing) {
        onRefreshed(false);
    }
}

ApiClient::RequestId ApiClient::health(const QObject *context, Callback<HealthStatus> done,
                                       const CallOptions &options)
{
    ApiRequest request = ApiRequest::get(QStringLiteral("health/ready"));
    request.requireJsonBody = false;
    request.options = options;
    return send(request, context, [done = std::move(done)](Result<ApiResponse> result) {
        if (!result) {
            done(fail(result.error()));
            return;
        }
        HealthStatus status;
        status.ready = true;
        status.details = result->json.object();
        status.status = status.details.value(QStringLiteral("status")).toString();
        done(status);
    });
}

ApiClient::RequestId ApiClient::send(const ApiRequest &request, const QObject *context,
                                     Callback<ApiResponse> done)
{
    auto call = std::make_unique<Call>();
    call->id = m_nextId++;
    call->request = request;
    call->url = apiUrl(request.path);
    if (!request.query.isEmpty()) {
        call->url.setQuery(QString::fromLatin1(request.query), QUrl::StrictMode);
    }
    call->context = context;
    call->hasContext = context != nullptr;
    call->done = std::move(done);
    call->clock.start();
    const RequestId id = call->id;
    const QString &supersedeKey = request.options.supersedeKey;

    if (!supersedeKey.isEmpty()) {
        if (const auto previous = m_bySupersedeKey.constFind(supersedeKey);
            previous != m_bySupersedeKey.constEnd()) {
            qCDebug(lcApi) << "request" << *previous << "superseded by" << id;
            cancel(*previous);
        }
        m_bySupersedeKey.insert(supersedeKey, id);
    }

    Call &ref = *call;
    m_calls.emplace(id, std::move(call));
    startAttempt(ref);
    return id;
}

void ApiClient::startAttempt(Call &call)
{
    ++call.attempt;
    const ApiRequest &api = call.request;
    QNetworkRequest request(call.url);
    const auto timeout = api.options.timeout.count() > 0 ? api.options.timeout : m_timeout;
    request.setTransferTimeout(int(timeout.count()));
    request.setRawHeader("Accept", "application/json, application/problem+json;q=0.9");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    for (const auto &[name, value] : api.headers) {
        request.setRawHeader(name, value);
    }
    if (!api.useCookieJar) {
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    }
    if (!api.idempotencyKey.isEmpty()) {
        request.setRawHeader("Idempotency-Key", api.idempotencyKey);
    }
    QByteArray body;
    if (api.body) {
        body = api.body->toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    } else if (!api.contentType.isEmpty()) {
        body = api.rawBody;
        request.setHeader(QNetworkRequest::ContentTypeHeader, api.contentType);
    }
    if (m_authenticator && api.authenticate) {
        m_authenticator->authorize(request);
    }
    call.credentialGeneration = m_credentialGeneration;
    qCDebug(lcApi) << api.method << call.url.toDisplayString() << "attempt" << call.attempt;

    QNetworkReply *reply = nullptr;
    if (api.method == "GET" && body.isEmpty()) {
        reply = m_network->get(request);
    } else if (api.method == "HEAD" && body.isEmpty()) {
        reply = m_network->head(request);
    } else if (api.method == "DELETE" && body.isEmpty()) {
        reply = m_network->deleteResource(request);
    } else if (api.method == "POST") {
        reply = m_network->post(request, body);
    } else if (api.method == "PUT") {
        reply = m_network->put(request, body);
    } else {
        reply = m_network->sendCustomRequest(request, api.method, body);
    }
    call.reply = reply;
    const RequestId id = call.id;
    connect(reply, &QNetworkReply::finished, this,
            [this, id, reply] { onReplyFinished(id, reply); });
}

Error ApiClient::networkError(const Call &call, QNetworkReply *reply) const
{
    const QString server =
        call.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toDisplayString();
    const QNetworkReply::NetworkError code = reply->error();
    if (code == QNetworkReply::TimeoutError || code == QNetworkReply::OperationCanceledError) {
        // OperationCanceled without cancel() from us: the transfer timeout aborted the reply.
        return Error {ErrorCode::Timeout,
                      tr("The shop server at %1 did not answer in time.").arg(server),
                      {}};
    }
    if (isNetworkUnreachable(code)) {
        return Error::unavailable(
            tr("Cannot reach the shop server at %1 (%2).").arg(server, reply->errorString()));
    }
    return Error::unavailable(tr("The connection to the shop server at %1 failed (%2).")
                                  .arg(server, reply->errorString()));
}

Error ApiClient::httpError(int status, const QByteArray &body, QNetworkReply *reply) const
{
    const QByteArray contentType =
        reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().toLower();
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()
        && (contentType.startsWith("application/problem+json")
            || document.object().contains(QStringLiteral("code")))) {
        Error error = Json::errorFromProblem(document.object());
        if (error.code == ErrorCode::Internal && status != 500) {
            error.code = codeForStatus(status);
        }
        return error;
    }
    return Error {codeForStatus(status),
                  tr("The shop server answered with HTTP status %1 (%2).")
                      .arg(status)
                      .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString()),
                  {}};
}

void ApiClient::onReplyFinished(RequestId id, QNetworkReply *reply)
{
    reply->deleteLater();
    const auto it = m_calls.find(id);
    if (it == m_calls.end() || it->second->reply != reply) {
        return; // cancelled meanwhile
    }
    Call &call = *it->second;
    call.reply.clear();

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    const QByteArray body = status != 0 ? reply->readAll() : QByteArray();

    if (status == 0) {
        // No HTTP answer at all: the network layer failed.
        setReachable(false);
        const Error error = networkError(call, reply);
        // SSL and protocol failures will not go away by themselves.
        const auto code = reply->error();
        if (isNetworkUnreachable(code) || code == QNetworkReply::TimeoutError
            || code == QNetworkReply::OperationCanceledError) {
            scheduleRetry(call, error);
        } else {
            finish(id, fail(error));
        }
        return;
    }

    setReachable(true);
    if (status >= 200 && status < 300) {
        ApiResponse response;
        response.status = status;
        response.headers = reply->rawHeaderPairs();
        if (!body.trimmed().isEmpty()) {
            QJsonParseError parseError;
            response.json = QJsonDocument::fromJson(body, &parseError);
            if (parseError.error != QJsonParseError::NoError && call.request.requireJsonBody) {
                qCWarning(lcApi) << "unreadable answer from" << call.url.toDisplayString() << ":"
                                 << parseError.errorString();
                finish(id,
                       fail(Error::internal(
                           tr("The shop server sent an answer that cannot be read. The server "
                              "may be a different program or a newer version."))));
                return;
            }
        }
        response.body = body;
        finish(id, std::move(response));
        return;
    }

    const Error error = httpError(status, body, reply);
    if (status == 401 && m_authenticator && call.request.authenticate && !call.refreshed) {
        call.lastError = error;
        awaitRefresh(call);
        return;
    }
    if (isRetryableStatus(status)) {
        scheduleRetry(call, error);
        return;
    }
    qCWarning(lcApi) << call.request.method << call.url.toDisplayString() << "failed:" << status
                     << errorCodeName(error.code) << error.message;
    finish(id, fail(error));
}

void ApiClient::scheduleRetry(Call &call, const Error &error)
{
    const RequestId id = call.id;
    const int failures = call.attempt - (call.refreshed ? 1 : 0);
    if (!call.request.options.retry || !call.request.isRepeatable()
        || failures >= m_retryPolicy.maxAttempts) {
        qCWarning(lcApi) << call.request.method << call.url.toDisplayString() << "failed after"
                         << call.attempt << "attempt(s):" << errorCodeName(error.code)
                         << error.message;
        finish(id, fail(error));
        return;
    }
    const auto delay = m_retryPolicy.delayBefore(failures + 1);
    qCInfo(lcApi) << call.request.method << call.url.toDisplayString() << "failed:" << error.message
                  << "- retrying in" << delay.count() << "ms";
    if (!call.retryTimer) {
        call.retryTimer = std::make_unique<QTimer>();
        call.retryTimer->setSingleShot(true);
        connect(call.retryTimer.get(), &QTimer::timeout, this, [this, id] {
            if (const auto found = m_calls.find(id); found != m_calls.end()) {
                startAttempt(*found->second);
            }
        });
    }
    call.retryTimer->start(delay);
    Q_EMIT retrying(id, failures + 1, error, qint64(delay.count()));
}

void ApiClient::awaitRefresh(Call &call)
{
    call.refreshed = true; // whatever happens now, this call is repeated at most once
    if (call.credentialGeneration != m_credentialGeneration) {
        // Sent before a refresh that has finished since: the new credentials may do.
        qCDebug(lcApi) << "request" << call.id << "repeated with the refreshed credentials";
        startAttempt(call);
        return;
    }
    m_awaitingRefresh.append(call.id);
    if (m_refreshing) {
        return; // joins the refresh in flight
    }
    m_refreshing = true;
    const quint64 serial = ++m_refreshSerial;
    qCInfo(lcApi) << "the server asks for new credentials; refreshing";
    m_authenticator->refresh([self = QPointer<ApiClient>(this), serial](bool ok) {
        // Only the refresh that is running counts (not one cut short by setAuthenticator()).
        if (self && self->m_refreshing && self->m_refreshSerial == serial) {
            self->onRefreshed(ok);
        }
    });
}

void ApiClient::onRefreshed(bool ok)
{
    m_refreshing = false;
    if (ok) {
        ++m_credentialGeneration;
    } else {
        qCWarning(lcApi) << "refreshing the credentials failed";
    }
    const QList<RequestId> waiting = std::exchange(m_awaitingRefresh, {});
    for (const RequestId id : waiting) {
        const auto it = m_calls.find(id);
        if (it == m_calls.end()) {
            continue; // cancelled meanwhile
        }
        if (ok && m_authenticator) {
            startAttempt(*it->second);
        } else {
            finish(id, fail(it->second->lastError)); // the server's 401
        }
    }
}

std::unique_ptr<ApiClient::Call> ApiClient::takeCall(RequestId id)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end()) {
        return nullptr;
    }
    std::unique_ptr<Call> call = std::move(it->second);
    m_calls.erase(it);
    if (const QString &supersedeKey = call->request.options.supersedeKey; !supersedeKey.isEmpty()) {
        const auto key = m_bySupersedeKey.find(supersedeKey);
        if (key != m_bySupersedeKey.end() && *key == id) {
            m_bySupersedeKey.erase(key);
        }
    }
    return call;
}

void ApiClient::finish(RequestId id, Result<ApiResponse> result)
{
    std::unique_ptr<Call> call = takeCall(id);
    if (!call) {
        return;
    }
    qCDebug(lcApi) << "request" << id << "done in" << call->clock.elapsed() << "ms";
    if (call->hasContext && !call->context) {
        return; // the receiver is gone
    }
    call->done(std::move(result));
}

void ApiClient::cancel(RequestId id)
{
    std::unique_ptr<Call> call = takeCall(id);
    if (!call) {
        return;
    }
    if (QNetworkReply *reply = call->reply) {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void ApiClient::cancelAll()
{
    QList<RequestId> ids;
    ids.reserve(qsizetype(m_calls.size()));
    for (const auto &entry : m_calls) {
        ids.append(entry.first);
    }
    for (const RequestId id : ids) {
        cancel(id);
    }
}

void ApiClient::setReachable(bool reachable)
{
    if (m_reachable == int(reachable)) {
        return;
    }
    m_reachable = int(reachable);
    Q_EMIT reachabilityChanged(reachable);
}

} // namespace Shop::Client
