#include "run.h"

#include "http/httpserver.h"
#include "http/signalshutdown.h"
#include "logging.h"
#include "sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QUrl>

#include <cstdio>

namespace Shop::Sandbox {

namespace {

constexpr std::chrono::milliseconds kShutdownGrace(3000);

int usageError(const QString &message)
{
    std::fprintf(stderr, "shop-sandbox: %s (try --help)\n", qPrintable(message));
    return 2;
}

} // namespace

int run(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("shop-sandbox"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Local stand-in for SendGrid and Stripe with an inbox page. "
                       "See docs/sandbox.md."));
    parser.addHelpOption();
    const QCommandLineOption addressOption(QStringLiteral("address"),
                                           QStringLiteral("Address to listen on (127.0.0.1)."),
                                           QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port to listen on; 0: any free port "
                                                       "(8025)."),
                                        QStringLiteral("port"), QStringLiteral("8025"));
    const QCommandLineOption keyOption(
        QStringLiteral("sendgrid-key"),
        QStringLiteral("An accepted SendGrid API key (repeatable); without one, any non-empty "
                       "bearer token is accepted."),
        QStringLiteral("key"));
    const QCommandLineOption maxBodyOption(QStringLiteral("max-body-bytes"),
                                           QStringLiteral("Largest request body; beyond: 413 "
                                                          "(31457280, SendGrid's 30 MB)."),
                                           QStringLiteral("bytes"), QStringLiteral("31457280"));
    // Stripe (docs/sandbox.md): each also read from SHOP_SANDBOX_STRIPE_<NAME> when not given.
    const QCommandLineOption stripeSecretOption(
        QStringLiteral("stripe-secret-key"),
        QStringLiteral("The Stripe secret key the API accepts (sk_test_sandbox)."),
        QStringLiteral("key"));
    const QCommandLineOption stripePublishableOption(
        QStringLiteral("stripe-publishable-key"),
        QStringLiteral("The Stripe publishable key Stripe.js calls accept (pk_test_sandbox)."),
        QStringLiteral("key"));
    const QCommandLineOption stripeWebhookSecretOption(
        QStringLiteral("stripe-webhook-secret"),
        QStringLiteral("The secret webhook deliveries are signed with (whsec_sandbox)."),
        QStringLiteral("secret"));
    const QCommandLineOption stripeWebhookUrlOption(
        QStringLiteral("stripe-webhook-url"),
        QStringLiteral("A webhook endpoint receiving every event (repeatable; the environment "
                       "variable takes a comma-separated list)."),
        QStringLiteral("url"));
    const QCommandLineOption stripeRetryOption(
        QStringLiteral("stripe-webhook-retry-ms"),
        QStringLiteral("The first webhook retry's delay, doubling after each failure (2000)."),
        QStringLiteral("ms"));
    const QCommandLineOption stripeAttemptsOption(
        QStringLiteral("stripe-webhook-attempts"),
        QStringLiteral("Webhook attempts per event and endpoint before giving up (6)."),
        QStringLiteral("count"));
    parser.addOptions({addressOption, portOption, keyOption, maxBodyOption, stripeSecretOption,
                       stripePublishableOption, stripeWebhookSecretOption, stripeWebhookUrlOption,
                       stripeRetryOption, stripeAttemptsOption});
    parser.process(app);
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(QStringLiteral("unexpected argument %1")
                              .arg(parser.positionalArguments().constFirst()));
    }

    SandboxOptions options;
    if (!options.address.setAddress(parser.value(addressOption))) {
        return usageError(QStringLiteral("--address needs an IP address"));
    }
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        return usageError(QStringLiteral("--port needs a number from 0 to 65535"));
    }
    options.port = quint16(port);
    const qint64 maxBody = parser.value(maxBodyOption).toLongLong(&ok);
    if (!ok || maxBody < 1024) {
        return usageError(QStringLiteral("--max-body-bytes needs a number of at least 1024"));
    }
    options.maxBodyBytes = maxBody;
    options.sendGridKeys = parser.values(keyOption);

    const auto stripeValue = [&parser](const QCommandLineOption &option, const char *variable,
                                       const QString &fallback) {
        if (parser.isSet(option)) {
            return parser.value(option);
        }
        const QString fromEnvironment = qEnvironmentVariable(variable);
        return fromEnvironment.isEmpty() ? fallback : fromEnvironment;
    };
    StripeOptions &stripe = options.stripe;
    stripe.secretKey =
        stripeValue(stripeSecretOption, "SHOP_SANDBOX_STRIPE_SECRET_KEY", stripe.secretKey);
    stripe.publishableKey = stripeValue(
        stripePublishableOption, "SHOP_SANDBOX_STRIPE_PUBLISHABLE_KEY", stripe.publishableKey);
    stripe.webhookSecret = stripeValue(stripeWebhookSecretOption,
                                       "SHOP_SANDBOX_STRIPE_WEBHOOK_SECRET", stripe.webhookSecret);
    if (!stripe.secretKey.startsWith(QStringLiteral("sk_"))) {
        return usageError(QStringLiteral("--stripe-secret-key must start with sk_"));
    }
    if (!stripe.publishableKey.startsWith(QStringLiteral("pk_"))) {
        return usageError(QStringLiteral("--stripe-publishable-key must start with pk_"));
    }
    if (!stripe.webhookSecret.startsWith(QStringLiteral("whsec_"))) {
        return usageError(QStringLiteral("--stripe-webhook-secret must start with whsec_"));
    }
    stripe.webhookUrls = parser.values(stripeWebhookUrlOption);
    if (!parser.isSet(stripeWebhookUrlOption)) {
        stripe.webhookUrls = qEnvironmentVariable("SHOP_SANDBOX_STRIPE_WEBHOOK_URL")
                                 .split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    for (QString &url : stripe.webhookUrls) {
        url = url.trimmed();
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty()
            || (parsed.scheme() != QStringLiteral("http")
                && parsed.scheme() != QStringLiteral("https"))) {
            return usageError(QStringLiteral("--stripe-webhook-url needs an http(s) URL"));
        }
    }
    const int retryMs = stripeValue(stripeRetryOption, "SHOP_SANDBOX_STRIPE_WEBHOOK_RETRY_MS",
                                    QString::number(stripe.webhooks.retryBaseMs))
                            .toInt(&ok);
    if (!ok || retryMs < 10 || retryMs > 600000) {
        return usageError(QStringLiteral("--stripe-webhook-retry-ms needs 10 to 600000"));
    }
    stripe.webhooks.retryBaseMs = retryMs;
    const int attempts = stripeValue(stripeAttemptsOption, "SHOP_SANDBOX_STRIPE_WEBHOOK_ATTEMPTS",
                                     QString::number(stripe.webhooks.maxAttempts))
                             .toInt(&ok);
    if (!ok || attempts < 1 || attempts > 100) {
        return usageError(QStringLiteral("--stripe-webhook-attempts needs 1 to 100"));
    }
    stripe.webhooks.maxAttempts = attempts;

    SandboxServer sandbox(options);
    Http::HttpServer http(sandbox.router(), sandbox.httpConfig(), options.workerThreads);
    const Result<quint16> bound = http.start(options.address, options.port);
    if (!bound) {
        std::fprintf(stderr, "shop-sandbox: %s\n", qPrintable(bound.error().message));
        return 1;
    }
    Http::SignalShutdown stopOnSignal("shop-sandbox");
    if (!stopOnSignal.isInstalled()) {
        std::fprintf(stderr, "shop-sandbox: cannot install the signal handlers\n");
        return 1;
    }
    const QString host = options.address.protocol() == QAbstractSocket::IPv6Protocol
        ? u'[' + options.address.toString() + u']'
        : options.address.toString();
    std::printf("shop-sandbox listening on http://%s:%u (inbox: /, SendGrid: POST /v3/mail/send, "
                "Stripe: /v1, Stripe.js: /stripe-js/v3)\n",
                qPrintable(host), unsigned(*bound));
    std::fflush(stdout);

    const int code = stopOnSignal.exec(
        http, [&http] { http.shutdown(); }, kShutdownGrace);
    return code;
}

} // namespace Shop::Sandbox
