#pragma once

#include "catalog/product.h"
#include "catalog/productquery.h"
#include "error.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <unordered_map>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Shop::Client {

// How often and how patiently an idempotent GET is repeated while the server is unreachable
// (connection refused, host not found, timeout, 502/503/504). Never on other 4xx/5xx answers.
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
    bool retry = true; // repeat per the client's RetryPolicy when the server is unreachable
    std::chrono::milliseconds timeout {0}; // 0: the client's default
};

struct HealthStatus
{
    bool ready = false;
    QString status; // "ok", ... as the server words it; may be empty
    QJsonObject details; // the whole body, for diagnostics
};

// The one asynchronous client of the shop server's HTTP API, shared by both desktop apps.
//
// Every call returns at once with a request id; its result arrives later through the callback,
// on this object's thread, as a Result: the typed value or a Shop::Error (problem+json answers
// become the server's Error with its field errors; network failures become Unavailable or
// Timeout). The callback is bound to a context object: when the context dies first, the callback
// is dropped, as with QObject::connect. Nothing here blocks.
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

    // GET /api/products?...: one page of products.
    RequestId products(const ProductQuery &query, const QObject *context,
                       Callback<Page<Product>> done, const CallOptions &options = {});
    // GET /api/products/{id}
    RequestId product(const ProductId &id, const QObject *context, Callback<Product> done,
                      const CallOptions &options = {});
    // GET /api/categories: the category tree.
    RequestId categories(const QObject *context, Callback<QList<Category>> done,
                         const CallOptions &options = {});
    // GET /api/brands?category=...: every brand of active products with its product count,
    // sorted by name; only the category's (and its subcategories') products when category is
    // not empty.
    RequestId brands(const QString &category, const QObject *context, Callback<QList<Brand>> done,
                     const CallOptions &options = {});
    // GET /health/ready
    RequestId health(const QObject *context, Callback<HealthStatus> done,
                     const CallOptions &options = {});

    // Cancels a call in flight or waiting for a retry; its callback is not invoked.
    void cancel(RequestId id);
    void cancelAll();
    [[nodiscard]] int pendingCount() const { return int(m_calls.size()); }

    // A server path or an absolute URL, as an absolute URL: "/media/products/a.svg" becomes
    // "<server>/media/products/a.svg". Paths are resolved below the base URL's path.
    [[nodiscard]] QUrl resolve(const QString &pathOrUrl) const;

Q_SIGNALS:
    void baseUrlChanged(const QUrl &url);
    // An attempt failed and will be repeated after `delayMs`.
    void retrying(quint64 id, int nextAttempt, const Shop::Error &error, qint64 delayMs);
    // Reachability as last observed: false after a network failure, true after any HTTP answer.
    void reachabilityChanged(bool reachable);

private:
    struct Call;
    using RawCallback = std::function<void(Result<QJsonDocument>)>;

    RequestId getJson(const QUrl &url, const QObject *context, RawCallback done,
                      const CallOptions &options);
    void startAttempt(Call &call);
    void onReplyFinished(RequestId id, QNetworkReply *reply);
    // Removes the call (and its supersede key); null when it is not running.
    [[nodiscard]] std::unique_ptr<Call> takeCall(RequestId id);
    void finish(RequestId id, Result<QJsonDocument> result);
    [[nodiscard]] Error networkError(const Call &call, QNetworkReply *reply) const;
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
};

} // namespace Shop::Client
