#include "apiclient.h"

#include "serialize/catalogjson.h"
#include "serialize/problemjson.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>
#include <cmath>

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
    QUrl url;
    CallOptions options;
    QPointer<const QObject> context;
    bool hasContext = false;
    RawCallback done;
    bool lenientBody = false; // a 2xx answer that is not JSON is fine (health checks)
    int attempt = 0;
    QPointer<QNetworkReply> reply;
    std::unique_ptr<QTimer> retryTimer;
    QElapsedTimer clock;
};

namespace {

// Adapts an answer that must be a JSON object: parses it with `parse`, or reports `unexpected`.
template<typename T, typename Parse>
std::function<void(Result<QJsonDocument>)> whenObject(std::function<void(Result<T>)> done,
                                                      Parse parse, const QString &unexpected)
{
    return [done = std::move(done), parse, unexpected](Result<QJsonDocument> result) {
        if (!result) {
            done(fail(result.error()));
            return;
        }
        if (!result->isObject()) {
            done(fail(Error::internal(unexpected)));
            return;
        }
        done(parse(result->object()));
    };
}

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

ApiClient::RequestId ApiClient::products(const ProductQuery &query, const QObject *context,
                                         Callback<Page<Product>> done, const CallOptions &options)
{
    QUrl url = apiUrl(QStringLiteral("api/products"));
    const QByteArray queryString = query.toQueryString();
    if (!queryString.isEmpty()) {
        url.setQuery(QString::fromLatin1(queryString), QUrl::StrictMode);
    }
    return getJson(url, context,
                   whenObject<Page<Product>>(
                       std::move(done), Json::productPageFromJson,
                       tr("The shop server sent a product list in an unexpected format.")),
                   options);
}

ApiClient::RequestId ApiClient::product(const ProductId &id, const QObject *context,
                                        Callback<Product> done, const CallOptions &options)
{
    const QUrl url = apiUrl(QStringLiteral("api/products/") + id.toString());
    return getJson(
        url, context,
        whenObject<Product>(std::move(done), Json::productFromJson,
                            tr("The shop server sent a product in an unexpected format.")),
        options);
}

ApiClient::RequestId ApiClient::categories(const QObject *context, Callback<QList<Category>> done,
                                           const CallOptions &options)
{
    return getJson(
        apiUrl(QStringLiteral("api/categories")), context,
        [done = std::move(done)](Result<QJsonDocument> result) {
            if (!result) {
                done(fail(result.error()));
                return;
            }
            // The tree is a bare array; accept {"items": [...]} too.
            if (result->isArray()) {
                done(Json::categoriesFromJson(result->array()));
            } else if (result->isObject()
                       && result->object().value(QStringLiteral("items")).isArray()) {
                done(Json::categoriesFromJson(
                    result->object().value(QStringLiteral("items")).toArray()));
            } else {
                done(fail(Error::internal(
                    tr("The shop server sent the categories in an unexpected format."))));
            }
        },
        options);
}

ApiClient::RequestId ApiClient::brands(const QString &category, const QObject *context,
                                       Callback<QList<Brand>> done, const CallOptions &options)
{
    QUrl url = apiUrl(QStringLiteral("api/brands"));
    const QByteArray queryString = BrandQuery {category}.toQueryString();
    if (!queryString.isEmpty()) {
        url.setQuery(QString::fromLatin1(queryString), QUrl::StrictMode);
    }
    return getJson(
        url, context,
        whenObject<QList<Brand>>(std::move(done), Json::brandListFromJson,
                                 tr("The shop server sent the brands in an unexpected format.")),
        options);
}

ApiClient::RequestId ApiClient::health(const QObject *context, Callback<HealthStatus> done,
                                       const CallOptions &options)
{
    const RequestId id = getJson(
        apiUrl(QStringLiteral("health/ready")), context,
        [done = std::move(done)](Result<QJsonDocument> result) {
            if (!result) {
                done(fail(result.error()));
                return;
            }
            HealthStatus status;
            status.ready = true;
            status.details = result->object();
            status.status = status.details.value(QStringLiteral("status")).toString();
            done(status);
        },
        options);
    if (const auto it = m_calls.find(id); it != m_calls.end()) {
        it->second->lenientBody = true;
    }
    return id;
}

ApiClient::RequestId ApiClient::getJson(const QUrl &url, const QObject *context, RawCallback done,
                                        const CallOptions &options)
{
    auto call = std::make_unique<Call>();
    call->id = m_nextId++;
    call->url = url;
    call->options = options;
    call->context = context;
    call->hasContext = context != nullptr;
    call->done = std::move(done);
    call->clock.start();
    const RequestId id = call->id;

    if (!options.supersedeKey.isEmpty()) {
        if (const auto previous = m_bySupersedeKey.constFind(options.supersedeKey);
            previous != m_bySupersedeKey.constEnd()) {
            qCDebug(lcApi) << "request" << *previous << "superseded by" << id;
            cancel(*previous);
        }
        m_bySupersedeKey.insert(options.supersedeKey, id);
    }

    Call &ref = *call;
    m_calls.emplace(id, std::move(call));
    startAttempt(ref);
    return id;
}

void ApiClient::startAttempt(Call &call)
{
    ++call.attempt;
    QNetworkRequest request(call.url);
    const auto timeout = call.options.timeout.count() > 0 ? call.options.timeout : m_timeout;
    request.setTransferTimeout(int(timeout.count()));
    request.setRawHeader("Accept", "application/json, application/problem+json;q=0.9");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    qCDebug(lcApi) << "GET" << call.url.toDisplayString() << "attempt" << call.attempt;

    QNetworkReply *reply = m_network->get(request);
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
    bool retryable = false;
    std::optional<Error> error;

    if (status == 0) {
        // No HTTP answer at all: the network layer failed.
        error = networkError(call, reply);
        retryable = true;
        setReachable(false);
        // SSL and protocol failures will not go away by themselves.
        const auto code = reply->error();
        if (!isNetworkUnreachable(code) && code != QNetworkReply::TimeoutError
            && code != QNetworkReply::OperationCanceledError) {
            retryable = false;
        }
    } else {
        setReachable(true);
        if (status >= 200 && status < 300) {
            if (body.trimmed().isEmpty()) {
                finish(id, QJsonDocument());
                return;
            }
            QJsonParseError parseError;
            QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
            if (parseError.error != QJsonParseError::NoError) {
                if (call.lenientBody) {
                    finish(id, QJsonDocument());
                    return;
                }
                qCWarning(lcApi) << "unreadable answer from" << call.url.toDisplayString() << ":"
                                 << parseError.errorString();
                finish(id,
                       fail(Error::internal(
                           tr("The shop server sent an answer that cannot be read. The server "
                              "may be a different program or a newer version."))));
                return;
            }
            finish(id, std::move(document));
            return;
        }
        const QByteArray contentType =
            reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().toLower();
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (document.isObject()
            && (contentType.startsWith("application/problem+json")
                || document.object().contains(QStringLiteral("code")))) {
            error = Json::errorFromProblem(document.object());
            if (error->code == ErrorCode::Internal && status != 500) {
                error->code = codeForStatus(status);
            }
        } else {
            error = Error {
                codeForStatus(status),
                tr("The shop server answered with HTTP status %1 (%2).")
                    .arg(status)
                    .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString()),
                {}};
        }
        retryable = isRetryableStatus(status);
    }

    if (retryable && call.options.retry && call.attempt < m_retryPolicy.maxAttempts) {
        const auto delay = m_retryPolicy.delayBefore(call.attempt + 1);
        qCInfo(lcApi) << "GET" << call.url.toDisplayString() << "failed:" << error->message
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
        Q_EMIT retrying(id, call.attempt + 1, *error, qint64(delay.count()));
        return;
    }
    qCWarning(lcApi) << "GET" << call.url.toDisplayString() << "failed after" << call.attempt
                     << "attempt(s):" << errorCodeName(error->code) << error->message;
    finish(id, fail(*error));
}

std::unique_ptr<ApiClient::Call> ApiClient::takeCall(RequestId id)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end()) {
        return nullptr;
    }
    std::unique_ptr<Call> call = std::move(it->second);
    m_calls.erase(it);
    if (!call->options.supersedeKey.isEmpty()) {
        const auto key = m_bySupersedeKey.find(call->options.supersedeKey);
        if (key != m_bySupersedeKey.end() && *key == id) {
            m_bySupersedeKey.erase(key);
        }
    }
    return call;
}

void ApiClient::finish(RequestId id, Result<QJsonDocument> result)
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
