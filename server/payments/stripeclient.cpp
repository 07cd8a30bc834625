#include "stripeclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>
#include <QUrl>

namespace Shop::Payments {

Q_LOGGING_CATEGORY(lcStripe, "shop.payments.stripe")

namespace {

const QString kUnavailable =
    QStringLiteral("The payment service is not reachable right now. Try again in a moment.");

struct Attempt
{
    int status = 0; // 0: no answer (network failure or timeout)
    QByteArray body;
    QByteArray requestId; // Stripe's Request-Id, for the log
    QByteArray shouldRetry; // Stripe-Should-Retry
    QString networkError;
};

Error stripeFailure(ErrorCode code, const QString &message, const StripeError &stripe)
{
    Error error {code, message, {}};
    error.logDetail = QStringLiteral("Stripe answered %1 %2 %3")
                          .arg(stripe.httpStatus)
                          .arg(stripe.type, stripe.code);
    QJsonObject details {{QStringLiteral("status"), stripe.httpStatus},
                         {QStringLiteral("type"), stripe.type},
                         {QStringLiteral("code"), stripe.code},
                         {QStringLiteral("decline_code"), stripe.declineCode},
                         {QStringLiteral("message"), stripe.message}};
    error.extensions.insert(QStringLiteral("stripe"), details);
    return error;
}

} // namespace

std::optional<StripeError> StripeError::of(const Error &error)
{
    const QJsonValue value = error.extensions.value(QStringLiteral("stripe"));
    if (!value.isObject()) {
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    return StripeError {o.value(QStringLiteral("status")).toInt(),
                        o.value(QStringLiteral("type")).toString(),
                        o.value(QStringLiteral("code")).toString(),
                        o.value(QStringLiteral("decline_code")).toString(),
                        o.value(QStringLiteral("message")).toString()};
}

StripeClient::StripeClient(Settings settings)
    : m_settings(std::move(settings))
{ }

StripeClient::~StripeClient() = default;

QByteArray StripeClient::formEncode(const FormFields &fields)
{
    QByteArray out;
    for (const auto &[key, value] : fields) {
        if (!out.isEmpty()) {
            out += '&';
        }
        out += QUrl::toPercentEncoding(key, "[]");
        out += '=';
        out += QUrl::toPercentEncoding(value);
    }
    return out;
}

Result<QJsonObject> StripeClient::post(const QString &path, const FormFields &fields,
                                       const QString &idempotencyKey) const
{
    return call("POST", path, formEncode(fields), idempotencyKey);
}

Result<QJsonObject> StripeClient::get(const QString &path) const
{
    return call("GET", path, {}, {});
}

Result<QJsonObject> StripeClient::call(const QByteArray &verb, const QString &path,
                                       const QByteArray &body, const QString &idempotencyKey) const
{
    const int attempts = std::max(1, m_settings.maxAttempts);
    Attempt last;
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        if (attempt > 1) {
            // Exponential backoff with "equal jitter": half fixed, half random.
            const qint64 base = m_settings.backoffBase.count() << std::min(attempt - 2, 6);
            const qint64 wait =
                base / 2 + qint64(QRandomGenerator::global()->bounded(double(base / 2 + 1)));
            QThread::msleep(std::min<qint64>(wait, 5000));
        }
        QNetworkAccessManager &manager = m_managers.forCurrentThread();
        QNetworkRequest request(QUrl(m_settings.apiUrl + path));
        request.setRawHeader(QByteArrayLiteral("Authorization"),
                             QByteArrayLiteral("Bearer ") + m_settings.secretKey.toUtf8());
        request.setRawHeader(QByteArrayLiteral("Stripe-Version"), QByteArray(kStripeVersion));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        QNetworkReply *reply = nullptr;
        if (verb == "POST") {
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/x-www-form-urlencoded"));
            if (!idempotencyKey.isEmpty()) {
                request.setRawHeader(QByteArrayLiteral("Idempotency-Key"), idempotencyKey.toUtf8());
            }
            reply = manager.post(request, body);
        } else {
            reply = manager.get(request);
        }
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        bool timedOut = false;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
            timedOut = true;
            loop.quit();
        });
        timer.start(m_settings.timeoutMs);
        if (!reply->isFinished()) {
            loop.exec();
        }
        last = Attempt {};
        if (timedOut && !reply->isFinished()) {
            reply->abort();
            last.networkError = QStringLiteral("no answer within %1 ms").arg(m_settings.timeoutMs);
        } else {
            const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            if (status.isValid()) {
                last.status = status.toInt();
                last.body = reply->readAll();
                last.requestId = reply->rawHeader(QByteArrayLiteral("Request-Id"));
                last.shouldRetry = reply->rawHeader(QByteArrayLiteral("Stripe-Should-Retry"));
            } else {
                last.networkError = reply->errorString();
            }
        }
        delete reply;

        if (last.status >= 200 && last.status < 300) {
            qCDebug(lcStripe, "%s %ls: %d (%s)", verb.constData(), qUtf16Printable(path),
                    last.status, last.requestId.constData());
            const QJsonDocument json = QJsonDocument::fromJson(last.body);
            if (!json.isObject()) {
                Error error = Error::unavailable(kUnavailable);
                error.logDetail = QStringLiteral("Stripe answered %1 with a body that is not a "
                                                 "JSON object")
                                      .arg(last.status);
                return fail(error);
            }
            return json.object();
        }
        bool retry =
            last.status == 0 || last.status == 409 || last.status == 429 || last.status >= 500;
        if (last.shouldRetry == "false") {
            retry = false;
        } else if (last.shouldRetry == "true") {
            retry = true;
        }
        if (last.status == 0) {
            qCWarning(lcStripe, "%s %ls: attempt %d of %d: %ls", verb.constData(),
                      qUtf16Printable(path), attempt, attempts, qUtf16Printable(last.networkError));
        } else {
            qCWarning(lcStripe, "%s %ls: attempt %d of %d: Stripe answered %d (%s)",
                      verb.constData(), qUtf16Printable(path), attempt, attempts, last.status,
                      last.requestId.constData());
        }
        if (!retry) {
            break;
        }
    }

    if (last.status == 0) {
        Error error = Error::unavailable(kUnavailable);
        error.logDetail = QStringLiteral("Stripe %1 %2: %3")
                              .arg(QString::fromLatin1(verb), path, last.networkError);
        return fail(error);
    }
    const QJsonObject object =
        QJsonDocument::fromJson(last.body).object().value(QStringLiteral("error")).toObject();
    StripeError stripe {last.status, object.value(QStringLiteral("type")).toString(),
                        object.value(QStringLiteral("code")).toString(),
                        object.value(QStringLiteral("decline_code")).toString(),
                        object.value(QStringLiteral("message")).toString()};
    if (last.status == 404) {
        return fail(stripeFailure(ErrorCode::NotFound,
                                  QStringLiteral("The payment service does not know this object."),
                                  stripe));
    }
    if (last.status == 401 || last.status == 403 || last.status == 409 || last.status == 429
        || last.status >= 500) {
        if (last.status == 401 || last.status == 403) {
            qCCritical(lcStripe,
                       "Stripe refused the secret key (%d): check payments/stripe_secret_key.",
                       last.status);
        }
        return fail(stripeFailure(ErrorCode::Unavailable, kUnavailable, stripe));
    }
    return fail(stripeFailure(ErrorCode::Conflict,
                              stripe.message.isEmpty()
                                  ? QStringLiteral("The payment service refused the request.")
                                  : stripe.message,
                              stripe));
}

} // namespace Shop::Payments
