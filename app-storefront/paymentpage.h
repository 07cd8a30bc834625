#pragma once

#include "client/paymentsclient.h"

#include <QPointer>
#include <QVariantMap>
#include <QWidget>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
class QVBoxLayout;
class QWebChannel;
class QWebEngineProfile;
class QWebEngineView;

namespace Shop::Widgets {
class AppContext;
}

namespace Shop::Storefront {

// The object the payment page sees as `payment` through QWebChannel: its configuration (the
// publishable key, the client secret, the Stripe.js URL, the locale) and one call back,
// report(kind, data), for "ready", "change", "focus", "result" and "loadFailed".
class PaymentBridge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaymentBridge)
    Q_PROPERTY(QVariantMap config READ config CONSTANT)

public:
    explicit PaymentBridge(QVariantMap config, QObject *parent = nullptr)
        : QObject(parent)
        , m_config(std::move(config))
    { }
    [[nodiscard]] QVariantMap config() const { return m_config; }

    Q_INVOKABLE void report(const QString &kind, const QVariantMap &data);

Q_SIGNALS:
    void reported(const QString &kind, const QVariantMap &data);

private:
    QVariantMap m_config;
};

// The payment step: asks the server for the order's PaymentIntent (create-intent), shows the
// payment page (app-storefront/payment/payment.html, from the app's resources, set with an
// https base URL so that Stripe.js loads) in a QWebEngineView with Stripe's Payment Element,
// confirms on Pay and then asks the server for the order's payment until it is decided: the app
// never decides by itself that an order is paid. QtWebEngine is created only when the step first
// opens. A declined card says so and offers another try with fresh fields. The host (the
// checkout, or PaymentDialog for an order paid later) adds its own Close and View Order buttons.
class PaymentPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaymentPage)

public:
    enum class State {
        Idle,
        Starting, // create-intent
        Loading, // the page and Stripe.js
        Ready, // the Payment Element is mounted
        Confirming, // confirmPayment
        Checking, // asking the server
        Paid,
        Failed, // declined or another retryable failure
        Unavailable, // the order cannot be paid (expired, cancelled, ...) or the page failed
    };
    Q_ENUM(State)

    // The page's origin: an https URL no one serves (setHtml never fetches it).
    static inline const QUrl kBaseUrl {QStringLiteral("https://checkout.shop.invalid/")};

    explicit PaymentPage(Widgets::AppContext &context, QWidget *parent = nullptr);
    ~PaymentPage() override;

    // Starts paying the order (create-intent, then the page).
    void start(const QString &orderId);
    // Confirms the payment (the Pay button).
    void pay();
    // After a failure: the page again with empty fields, the same PaymentIntent.
    void retry();

    [[nodiscard]] State state() const { return m_state; }
    // Confirming or asking the server: the host keeps the step open meanwhile.
    [[nodiscard]] bool isBusy() const
    {
        return m_state == State::Confirming || m_state == State::Checking;
    }
    [[nodiscard]] QString orderId() const { return m_orderId; }
    [[nodiscard]] QString message() const;
    [[nodiscard]] QWebEngineView *view() const { return m_view; } // null until first opened
    [[nodiscard]] QPushButton *payButton() const { return m_pay; }
    [[nodiscard]] QPushButton *retryButton() const { return m_retry; }
    [[nodiscard]] const std::optional<Client::PaymentDocument> &document() const
    {
        return m_document;
    }
    // Whether the card fields are complete (the element's last change event).
    [[nodiscard]] bool isComplete() const { return m_complete; }

Q_SIGNALS:
    void stateChanged(Shop::Storefront::PaymentPage::State state);
    void paid(const QString &orderId);
    // What the page and its frames log (Stripe's iframe included), for diagnostics and tests.
    void consoleMessage(const QString &message, const QUrl &source);
    // Any event the page reported ("ready", "change", "focus", ...).
    void pageEvent(const QString &kind, const QVariantMap &data);

private:
    void setState(State state);
    void setMessage(const QString &text, bool isError);
    void ensureView();
    void loadPage();
    void onPageEvent(const QString &kind, const QVariantMap &data);
    void checkServer();
    void onDocument(const Client::PaymentDocument &document);
    void updateButtons();
    void retranslate();

    Widgets::AppContext &m_context;
    Client::PaymentsClient *m_payments;
    QString m_orderId;
    std::optional<Client::PaymentIntentTicket> m_ticket;
    std::optional<Client::PaymentDocument> m_document;
    QVariantMap m_lastResult; // what confirmPayment answered
    State m_state = State::Idle;
    bool m_complete = false;
    int m_checks = 0;
    QLabel *m_heading;
    QLabel *m_amount;
    QVBoxLayout *m_layout = nullptr;
    QVBoxLayout *m_viewSlot;
    QLabel *m_message;
    QProgressBar *m_progress;
    QPushButton *m_pay;
    QPushButton *m_retry;
    QTimer *m_checkTimer;
    // Created on first use (QtWebEngine is loaded only then). The view goes before the profile.
    QWebEngineProfile *m_profile = nullptr;
    QWebEngineView *m_view = nullptr;
    QWebChannel *m_channel = nullptr;
    PaymentBridge *m_bridge = nullptr;
};

} // namespace Shop::Storefront
