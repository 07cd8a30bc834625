#pragma once

#include "client/authenticator.h"
#include "error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QTimer;

namespace Shop::Client {

// How often and how patiently a request that may be repeated is repeated while the server is
// unreachable (connection refused, host not found, timeout, 502/503/504). Never on other 4xx/5xx
// answers.
struct RetryPolicy
{
    int maxAttempts = 4; // the first try included; 1 disables retries
    std::chrono::milliseconds initialDelay {250};
    double multiplier = 2.0; // 250, 500, 1000 ms, ...
    std::chrono::milliseconds maxDelay {4000};

    // The pause before attempt number `nextAttempt` (2 = the first retry).
    [[nodiscard]] std::chrono::milliseconds delayBefore(int nextAttempt) const;
};

struct CallOptions
{
    // A newer call with the same non-empty key cancels the older one still in flight (a newer
    // search supersedes an older one). The cancelled call's callback is never invoked.
    QString supersedeKey;
    // Repeat per the client's RetryPolicy when the server is unreachable. Only requests that may
    // be repeated are: idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) and others that carry
    // an Idempotency-Key.
    bool retry = true;
    std::chrono::milliseconds timeout {0}; // 0: the client's default
};

// One request to the shop server's API, relative to the client's base URL.
struct ApiRequest
{
    QByteArray method = "GET";
    QString path; // "api/products/42": below the base URL's path
    QByteArray query; // an encoded query string without '?', e.g. "page=2&sort=price_asc"
    std::optional<QJsonDocument> body; // sent as application/json
    // Without `body`: bytes sent as they are, labelled `contentType` (an image, a CSV file).
    QByteArray rawBody;
    QByteArray contentType;
    QList<std::pair<QByteArray, QByteArray>> headers; // extra headers, sent as given
    // Sent as the Idempotency-Key header. A request that is not idempotent by its method (POST,
    // PATCH) is retried only when it carries one: the server answers a repeat with the first
    // answer instead of acting twice.
    QByteArray idempotencyKey;
    // A 2xx answer must be JSON (or empty); false accepts any body (health checks).
    bool requireJsonBody = true;
    // False: the authenticator neither adds credentials nor refreshes after a 401, which is then
    // the answer (the sign-in and refresh calls themselves).
    bool authenticate = true;
    // False: the cookie jar neither adds its cookies nor stores the answer's Set-Cookie; the
    // caller sends a Cookie header itself and adopts what it wants from ApiResponse::headers
    // (AuthSession, for which an answer arriving after a sign-out must not sign in again).
    bool useCookieJar = true;
    CallOptions options;

    [[nodiscard]] static ApiRequest get(const QString &path, const QByteArray &query = {});
    [[nodiscard]] static ApiRequest post(const QString &path, const QJsonDocument &body);

    // GET, HEAD, OPTIONS, PUT, DELETE (RFC 9110, 9.2.2), or any method with an Idempotency-Key.
    [[nodiscard]] bool isRepeatable() const;
};

// What the server answered (2xx only; other answers arrive as a Shop::Error).
struct ApiResponse
{
    int status = 0;
    QByteArray body;
    QJsonDocument json; // null when the body is empty or (requireJsonBody = false) not JSON
    QList<std::pair<QByteArray, QByteArray>> headers;

    // The first header of that name (case-insensitive), or empty.
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
};

struct HealthStatus
{
    bool ready = false;
    QString status; // "ok", ... as the server words it; may be empty
    QJsonObject details; // the whole body, for diagnostics
};

// The one asynchronous transport to the shop server's HTTP API, shared by both desktop apps. The
// resource clients (CatalogClient, ...) build their requests on it; the transport knows no
// resource.
//
// send() returns at once with a request id; the answer arrives later through the callback, on
// this object's thread, as a Result: the response or a Shop::Error (problem+json answers become
// the server's Error with its field errors; network failures become Unavailable or Timeout). The
// callback is bound to a context object: when the context dies first, the callback is dropped, as
// with QObject::connect. Nothing here blocks.
//
// Authentication: with an Authenticator set, every attempt passes through authorize(); a 401
// answer asks the authenticator to refresh once (concurrent 401s share one refresh) and repeats
// the request once. A second 401 is the answer. Without one, a 401 is an error like any other.
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    using RequestId = quint64;
    template<typename T>
    using Callback = std::function<void(Result<T>)>;

    static constexpr std::chrono::milliseconds kDefaultTimeout {10000};

    // Uses its own QNetworkAccessManager.
    explicit ApiClient(QObject *parent = nullptr);
    // Uses the given one (not owned; it must outlive the client). Tests pass a fake here.
    explicit ApiClient(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ApiClient() override;

    void setBaseUrl(const QUrl &url);
    [[nodiscard]] QUrl baseUrl() const { return m_baseUrl; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    [[nodiscard]] const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    [[nodiscard]] QNetworkAccessManager *networkAccessManager() const { return m_network; }
    // Not owned; null removes it. Calls waiting for a refresh fail when it goes away.
    void setAuthenticator(Authenticator *authenticator);
    [[nodiscard]] Authenticator *authenticator() const { return m_authenticator; }

    // Sends a request; `done` gets the 2xx response or the error.
    RequestId send(const ApiRequest &request, const QObject *context, Callback<ApiResponse> done);

    // GET /health/ready: the server itself, not a resource.
    RequestId health(const QObject *context, Callback<HealthStatus> done,
                     const CallOptions &options = {});

    // Cancels a call in flight, waiting for a retry or for a refresh; its callback is not invoked.
    void cancel(RequestId id);
    void cancelAll();
    [[nodiscard]] int pendingCount() const { return int(m_calls.size()); }

    // A server path or an absolute URL, as an absolute URL: "/media/products/a.svg" becomes
    // "<server>/media/products/a.svg". Paths are resolved below the base URL's path.
    [[nodiscard]] QUrl resolve(const QString &pathOrUrl) const;

    // A new random Idempotency-Key (a UUID) for a request that must not act twice.
    [[nodiscard]] static QByteArray newIdempotencyKey();

Q_SIGNALS:
    void baseUrlChanged(const QUrl &url);
    // An attempt failed and will be repeated after `delayMs`.
    void retrying(quint64 id, int nextAttempt, const Shop::Error &error, qint64 delayMs);
    // Reachability as last observed: false after a network failure, true after any HTTP answer.
    void reachabilityChanged(bool reachable);

private:
    struct Call;

    void startAttempt(Call &call);
    void onReplyFinished(RequestId id, QNetworkReply *reply);
    // A 401 with an authenticator: waits for the (shared) refresh, then repeats the call once.
    void awaitRefresh(Call &call);
    void onRefreshed(bool ok);
    void scheduleRetry(Call &call, const Error &error);
    // Removes the call (and its supersede key); null when it is not running.
    [[nodiscard]] std::unique_ptr<Call> takeCall(RequestId id);
    void finish(RequestId id, Result<ApiResponse> result);
    [[nodiscard]] Error networkError(const Call &call, QNetworkReply *reply) const;
    [[nodiscard]] Error httpError(int status, const QByteArray &body, QNetworkReply *reply) const;
    void setReachable(bool reachable);
    [[nodiscard]] QUrl apiUrl(const QString &relativePath) const;

    QNetworkAccessManager *m_network = nullptr;
    QUrl m_baseUrl;
    std::chrono::milliseconds m_timeout = kDefaultTimeout;
    RetryPolicy m_retryPolicy;
    RequestId m_nextId = 1;
    std::unordered_map<RequestId, std::unique_ptr<Call>> m_calls;
    QHash<QString, RequestId> m_bySupersedeKey;
    int m_reachable = -1; // unknown
    QPointer<Authenticator> m_authenticator;
    bool m_refreshing = false;
    quint64 m_refreshSerial = 0;
    quint64 m_credentialGeneration = 0; // counts successful refreshes
    QList<RequestId> m_awaitingRefresh;
};

} // namespace Shop::Client
