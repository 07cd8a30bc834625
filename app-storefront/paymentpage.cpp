#include "paymentpage.h"

#include "client/ordersclient.h"
#include "widgets/appcontext.h"
#include "widgets/retranslator.h"
#include "widgets/uistyle.h"

#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <QWebChannel>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

#include <functional>

Q_LOGGING_CATEGORY(lcPayment, "shop.storefront.payment", QtInfoMsg)

namespace Shop::Storefront {

namespace {

constexpr int kCheckIntervalMs = 1000;
constexpr int kMaxChecks = 30; // about half a minute for a late webhook and Stripe's answer

// The page's console (its frames' too) as a signal; nothing of it is logged above debug level.
class PaymentWebPage final : public QWebEnginePage
{
public:
    using Sink = std::function<void(const QString &, const QUrl &)>;

    PaymentWebPage(QWebEngineProfile *profile, Sink sink, QObject *parent)
        : QWebEnginePage(profile, parent)
        , m_sink(std::move(sink))
    { }

protected:
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel, const QString &message, int line,
                                  const QString &source) override
    {
        qCDebug(lcPayment) << "page console" << source << line; // never the text: it may hold data
        m_sink(message, QUrl(source));
    }

private:
    Sink m_sink;
};

} // namespace

void PaymentBridge::report(const QString &kind, const QVariantMap &data)
{
    Q_EMIT reported(kind, data);
}

PaymentPage::PaymentPage(Widgets::AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_payments(new Client::PaymentsClient(context.api(), this))
    , m_heading(new QLabel(this))
    , m_amount(new QLabel(this))
    , m_viewSlot(new QVBoxLayout)
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_pay(new QPushButton(this))
    , m_retry(new QPushButton(this))
    , m_checkTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("paymentPage"));
    m_heading->setObjectName(QStringLiteral("paymentHeading"));
    m_heading->setFont(Widgets::UiStyle::scaled(font(), 1.3));
    m_amount->setObjectName(QStringLiteral("paymentAmount"));
    m_amount->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("paymentMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    m_progress->setObjectName(QStringLiteral("paymentProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_pay->setObjectName(QStringLiteral("payButton"));
    m_pay->setDefault(true);
    m_retry->setObjectName(QStringLiteral("retryPaymentButton"));
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(kCheckIntervalMs);
    connect(m_checkTimer, &QTimer::timeout, this, &PaymentPage::checkServer);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_pay);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_amount);
    layout->addLayout(m_viewSlot, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addLayout(buttons);
    layout->addStretch(0); // takes the view's space once it is hidden
    m_layout = layout;

    auto *retranslator = new Widgets::Retranslator(this);
    retranslator->add([this] { retranslate(); });

    connect(m_pay, &QPushButton::clicked, this, &PaymentPage::pay);
    connect(m_retry, &QPushButton::clicked, this, &PaymentPage::retry);
    updateButtons();
}

PaymentPage::~PaymentPage()
{
    // The page must go before its profile.
    delete m_view;
    m_view = nullptr;
    delete m_profile;
}

void PaymentPage::retranslate()
{
    m_heading->setText(m_state == State::Paid ? tr("Thank you: your order is paid")
                                              : tr("Payment"));
    m_pay->setText(tr("&Pay"));
    m_retry->setText(tr("&Try Another Card"));
    if (m_ticket) {
        m_amount->setText(m_state == State::Paid
                              ? tr("Amount paid: %1").arg(m_ticket->amount.format(QLocale()))
                              : tr("Amount to pay: %1").arg(m_ticket->amount.format(QLocale())));
    }
}

QString PaymentPage::message() const
{
    return m_message->isVisible() || !m_message->text().isEmpty() ? m_message->text() : QString();
}

void PaymentPage::setState(State state)
{
    if (m_state == state) {
        return;
    }
    m_state = state;
    qCDebug(lcPayment) << "payment step" << state;
    retranslate();
    updateButtons();
    Q_EMIT stateChanged(state);
}

void PaymentPage::setMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: #b02020;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void PaymentPage::updateButtons()
{
    const bool busy = m_state == State::Starting || m_state == State::Loading
        || m_state == State::Confirming || m_state == State::Checking;
    m_progress->setVisible(busy);
    m_pay->setVisible(m_state != State::Paid && m_state != State::Unavailable);
    m_pay->setEnabled(m_state == State::Ready && m_complete);
    m_retry->setVisible(m_state == State::Failed);
    const bool showView = m_state != State::Paid && m_state != State::Unavailable;
    if (m_view) {
        m_view->setVisible(showView);
    }
    m_layout->setStretchFactor(m_viewSlot, showView ? 1 : 0);
    m_layout->setStretch(m_layout->count() - 1, showView ? 0 : 1);
}

void PaymentPage::start(const QString &orderId)
{
    m_orderId = orderId;
    m_ticket.reset();
    m_document.reset();
    m_complete = false;
    setMessage(QString(), false);
    setState(State::Starting);
    m_payments->createIntent(orderId, this, [this](Result<Client::PaymentIntentTicket> result) {
        if (!result) {
            const auto text =
                Client::PaymentsClient::describe(result.error(), m_context.api()->baseUrl());
            setMessage(text.title + u"\n" + text.message, true);
            const bool retryable = result.error().isRetryable();
            setState(retryable ? State::Failed : State::Unavailable);
            return;
        }
        m_ticket = std::move(*result);
        qCInfo(lcPayment) << "paying order" << m_orderId << "intent" << m_ticket->paymentIntentId;
        retranslate();
        loadPage();
    });
}

void PaymentPage::ensureView()
{
    if (m_view) {
        return;
    }
    qCInfo(lcPayment) << "creating the web view (QtWebEngine starts)";
    // Off the record: nothing of the payment is written to disk.
    m_profile = new QWebEngineProfile(this);
    m_view = new QWebEngineView;
    m_view->setObjectName(QStringLiteral("paymentView"));
    auto *page = new PaymentWebPage(
        m_profile,
        [this](const QString &text, const QUrl &source) { Q_EMIT consoleMessage(text, source); },
        m_view);
    page->setBackgroundColor(Qt::white);
    page->settings()->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
    m_view->setPage(page);
    m_view->setMinimumSize(420, 300);
    m_channel = new QWebChannel(page);
    page->setWebChannel(m_channel);
    m_viewSlot->addWidget(m_view);
    connect(page, &QWebEnginePage::loadFinished, this, [this](bool ok) {
        if (!ok && m_state == State::Loading) {
            setMessage(tr("The payment page could not be shown."), true);
            setState(State::Failed);
        }
    });
}

void PaymentPage::loadPage()
{
    ensureView();
    QFile file(QStringLiteral(":/shop/payment/payment.html"));
    if (!file.open(QIODevice::ReadOnly)) {
        setMessage(tr("The payment page could not be shown."), true);
        setState(State::Unavailable);
        return;
    }
    // A fresh bridge per load: the page's configuration is constant for its lifetime.
    if (m_bridge) {
        m_channel->deregisterObject(m_bridge);
        m_bridge->deleteLater();
    }
    const QVariantMap config {
        {QStringLiteral("publishableKey"), m_ticket->publishableKey},
        {QStringLiteral("clientSecret"), m_ticket->clientSecret},
        {QStringLiteral("stripeJsUrl"), m_ticket->stripeJsUrl.toString()},
        {QStringLiteral("locale"), QLocale().name().section(u'_', 0, 0)},
    };
    m_bridge = new PaymentBridge(config, this);
    connect(m_bridge, &PaymentBridge::reported, this, &PaymentPage::onPageEvent);
    m_channel->registerObject(QStringLiteral("payment"), m_bridge);
    m_complete = false;
    m_lastResult.clear();
    setState(State::Loading);
    m_view->setHtml(QString::fromUtf8(file.readAll()), kBaseUrl);
}

void PaymentPage::onPageEvent(const QString &kind, const QVariantMap &data)
{
    Q_EMIT pageEvent(kind, data);
    if (kind == u"ready") {
        if (m_state == State::Loading) {
            setState(State::Ready);
            m_view->setFocus();
        }
    } else if (kind == u"change") {
        m_complete = data.value(QStringLiteral("complete")).toBool();
        const QString error = data.value(QStringLiteral("error")).toString();
        if (m_state == State::Ready || m_state == State::Failed) {
            setMessage(error, true);
        }
        updateButtons();
    } else if (kind == u"loadFailed") {
        qCWarning(lcPayment) << "the payment page failed to load Stripe.js from"
                             << m_ticket->stripeJsUrl.toString(QUrl::RemoveQuery);
        setMessage(tr("The payment form could not be loaded. Check your connection and try "
                      "again."),
                   true);
        setState(State::Failed);
    } else if (kind == u"result") {
        m_lastResult = data;
        const QVariantMap error = data.value(QStringLiteral("error")).toMap();
        if (!data.value(QStringLiteral("ok")).toBool()
            && error.value(QStringLiteral("type")).toString() == u"validation_error") {
            // The form refused the input: nothing went to Stripe.
            setMessage(error.value(QStringLiteral("message")).toString(), true);
            setState(State::Ready);
            return;
        }
        qCInfo(lcPayment) << "confirmPayment answered for order" << m_orderId
                          << (data.value(QStringLiteral("ok")).toBool()
                                  ? data.value(QStringLiteral("status")).toString()
                                  : error.value(QStringLiteral("code")).toString());
        m_checks = 0;
        setMessage(tr("Checking the payment with the shop …"), false);
        setState(State::Checking);
        checkServer();
    }
}

void PaymentPage::pay()
{
    if (m_state != State::Ready || !m_view) {
        return;
    }
    setMessage(QString(), false);
    setState(State::Confirming);
    m_view->page()->runJavaScript(QStringLiteral("shopPay();"));
}

void PaymentPage::retry()
{
    if (!m_ticket) {
        start(m_orderId);
        return;
    }
    setMessage(QString(), false);
    // Again create-intent: the server answers the same intent, or why the order cannot be paid.
    start(m_orderId);
}

void PaymentPage::checkServer()
{
    ++m_checks;
    m_payments->paymentState(m_orderId, this, [this](Result<Client::PaymentDocument> result) {
        if (result) {
            onDocument(*result);
            return;
        }
        if (m_checks < kMaxChecks && result.error().isRetryable()) {
            m_checkTimer->start();
            return;
        }
        const auto text =
            Client::PaymentsClient::describe(result.error(), m_context.api()->baseUrl());
        setMessage(text.title + u"\n" + text.message, true);
        setState(State::Failed);
    });
}

void PaymentPage::onDocument(const Client::PaymentDocument &document)
{
    m_document = document;
    if (document.orderPaid()) {
        qCInfo(lcPayment) << "order" << m_orderId << "is paid";
        setMessage(tr("Order %1 is paid. A confirmation email is on its way to you.")
                       .arg(document.orderNumber),
                   false);
        setState(State::Paid);
        Q_EMIT paid(m_orderId);
        return;
    }
    const bool declined = !m_lastResult.value(QStringLiteral("ok")).toBool();
    const bool failedAtServer = document.payment
        && (document.payment->status == u"requires_payment_method"
            || document.payment->status == u"failed")
        && !document.payment->lastError.isEmpty();
    if (declined || failedAtServer) {
        QString reason = document.payment ? document.payment->lastError : QString();
        if (reason.isEmpty()) {
            reason = m_lastResult.value(QStringLiteral("error"))
                         .toMap()
                         .value(QStringLiteral("message"))
                         .toString();
        }
        setMessage(tr("The payment did not go through: %1 Your order is still waiting for "
                      "payment: try another card.")
                       .arg(reason.isEmpty() ? tr("the card was not accepted.") : reason),
                   true);
        setState(State::Failed);
        return;
    }
    if (document.orderStatus == Commerce::OrderStatus::Cancelled) {
        setMessage(tr("This order was cancelled and cannot be paid."), true);
        setState(State::Unavailable);
        return;
    }
    if (m_checks < kMaxChecks) {
        m_checkTimer->start();
        return;
    }
    setMessage(tr("The payment is still being processed. The order page shows when it is "
                  "confirmed; you will get an email too."),
               false);
    setState(State::Failed);
}

} // namespace Shop::Storefront
