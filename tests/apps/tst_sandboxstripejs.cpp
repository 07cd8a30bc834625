// The sandbox's Stripe.js and Payment Element in a real Chromium (QtWebEngine, offscreen): a host
// page on an https origin loads /stripe-js/v3 from the in-process sandbox, mounts the Payment
// Element (a cross-origin iframe of the sandbox), and the test types into the iframe with real
// key events: 4242… succeeds; 4000 0000 0000 0002 is declined and a retry with 4242 succeeds; the
// form's own checks (Luhn, a past expiry, a short CVC) refuse before anything is sent.

#include "sandbox/sandboxserver.h"
#include "sandbox/stripeservice.h"
#include "testserver.h"

#include <QApplication>
#include <QDir>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>
#include <QWebEnginePage>
#include <QWebEngineView>

#include <memory>

using namespace Shop;
using namespace Shop::Sandbox;
using namespace Shop::Tests;

namespace {

constexpr int kTimeoutMs = 30000;
const QByteArray kSecret = QByteArrayLiteral("sk_test_sandbox");

// Keeps the page's and the iframe's console output for failure messages.
class ConsolePage final : public QWebEnginePage
{
public:
    using QWebEnginePage::QWebEnginePage;
    QStringList lines;

protected:
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel, const QString &message, int line,
                                  const QString &source) override
    {
        lines.append(u"%1:%2: %3"_qs.arg(source).arg(line).arg(message));
    }
};

} // namespace

class TestSandboxStripeJs final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<QWebEngineView> m_view;
    ConsolePage *m_page = nullptr;

    QVariant js(const QString &script)
    {
        QVariant result;
        bool done = false;
        m_page->runJavaScript(script, [&](const QVariant &value) {
            result = value;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, kTimeoutMs)) {
            qWarning("runJavaScript timed out: %s", qPrintable(script));
        }
        return result;
    }
    QJsonObject jsJson(const QString &expression)
    {
        return QJsonDocument::fromJson(
                   js(u"JSON.stringify(%1 || null)"_qs.arg(expression)).toString().toUtf8())
            .object();
    }
    QString console() const { return m_page->lines.join(u'\n'); }

    QJsonObject createIntent()
    {
        const HttpReply reply =
            m_server->request("POST", "/v1/payment_intents",
                              {{"Authorization", "Bearer " + kSecret},
                               {"Content-Type", "application/x-www-form-urlencoded"}},
                              "amount=1588&currency=usd&automatic_payment_methods%5Benabled%5D=true"
                              "&metadata%5Border_id%5D=web-1",
                              kTimeoutMs);
        return reply.json();
    }
    QJsonObject retrieve(const QString &id)
    {
        return m_server
            ->request("GET", QString(u"/v1/payment_intents/"_qs + id).toUtf8(),
                      {{"Authorization", "Bearer " + kSecret}}, {}, kTimeoutMs)
            .json();
    }

    // The host page: Stripe.js from the sandbox, the Payment Element mounted, its events kept in
    // window variables for the test to read.
    bool loadCheckout(const QString &clientSecret,
                      const QUrl &baseUrl = QUrl(u"https://checkout.example/pay"_qs))
    {
        const QString html =
            uR"(<!DOCTYPE html><html><head><meta charset="utf-8"><title>Checkout</title>
<script src="%1"></script></head><body>
<h1>Pay order</h1><form id="payment-form"><div id="payment-element"></div>
<button id="submit" type="button">Pay</button></form>
<script>
  window.events = [];
  const stripe = Stripe('pk_test_sandbox');
  const elements = stripe.elements({clientSecret: '%2', appearance: {theme: 'stripe'}});
  const paymentElement = elements.create('payment');
  paymentElement.on('ready', () => { window.elementReady = true; });
  paymentElement.on('change', (event) => { window.lastChange = event; });
  paymentElement.on('focus', () => { window.elementFocused = true; window.events.push('focus'); });
  paymentElement.on('blur', () => { window.elementFocused = false; window.events.push('blur'); });
  paymentElement.mount('#payment-element');
  window.paymentElement = paymentElement;
  window.pay = () => {
    window.result = null;
    stripe.confirmPayment({elements, redirect: 'if_required'})
      .then((result) => { window.result = result; },
            (error) => { window.result = {thrown: String(error)}; });
  };
  window.retrieve = () => {
    window.retrieved = null;
    stripe.retrievePaymentIntent('%2').then((r) => { window.retrieved = r; });
  };
</script></body></html>)"_qs.arg(m_server->url(u"/stripe-js/v3"_qs), clientSecret);
        QSignalSpy loaded(m_page, &QWebEnginePage::loadFinished);
        m_page->lines.clear();
        m_view->setHtml(html, baseUrl);
        if (!loaded.wait(kTimeoutMs) || !loaded.at(0).at(0).toBool()) {
            qWarning("the page did not load: %s", qPrintable(console()));
            return false;
        }
        if (!QTest::qWaitFor([&] { return js(u"window.elementReady === true"_qs).toBool(); },
                             kTimeoutMs)) {
            qWarning("the Payment Element never got ready: %s", qPrintable(console()));
            return false;
        }
        // Chromium drops key events for a moment after a cross-origin navigation (paint
        // holding, QT64-FACTS §12): the flag in main() turns that off; wait a little anyway.
        QTest::qWait(700);
        return true;
    }

    // On a freshly loaded page: focuses the iframe and Tabs into its first field (the card
    // number), as a user would.
    bool focusCardNumber()
    {
        js(u"document.querySelector('#payment-element iframe').focus();"_qs);
        QTest::keyClick(m_view->focusProxy(), Qt::Key_Tab);
        if (!QTest::qWaitFor([&] { return js(u"window.elementFocused === true"_qs).toBool(); },
                             kTimeoutMs)) {
            qWarning("focus never entered the Payment Element: %s",
                     qPrintable(js(u"JSON.stringify(window.events)"_qs).toString()));
            return false;
        }
        return true;
    }
    void type(const QString &text) { QTest::keyClicks(m_view->focusProxy(), text, {}, 20); }
    void tab() { QTest::keyClick(m_view->focusProxy(), Qt::Key_Tab); }
    void backTab() { QTest::keyClick(m_view->focusProxy(), Qt::Key_Backtab, Qt::ShiftModifier); }
    void selectAll() { QTest::keyClick(m_view->focusProxy(), Qt::Key_A, Qt::ControlModifier); }

    // Types the whole card: number, Tab, MM/YY, Tab, CVC; waits until the element is complete.
    bool typeCard(const QString &number, const QString &expiry = u"1234"_qs,
                  const QString &cvc = u"123"_qs)
    {
        if (!focusCardNumber()) {
            qWarning("focus never reached the Payment Element: %s", qPrintable(console()));
            return false;
        }
        type(number);
        tab();
        type(expiry);
        tab();
        type(cvc);
        return QTest::qWaitFor(
            [&] { return js(u"!!(window.lastChange && window.lastChange.complete)"_qs).toBool(); },
            kTimeoutMs);
    }

    QJsonObject pay()
    {
        js(u"window.pay()"_qs);
        QJsonObject result;
        QTest::qWaitFor(
            [&] {
                result = jsJson(u"window.result"_qs);
                return !result.isEmpty();
            },
            kTimeoutMs);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options; // the default keys: sk_test_sandbox / pk_test_sandbox
        m_sandbox = std::make_unique<SandboxServer>(options);
        m_server = std::make_unique<TestServer>(m_sandbox->router(), m_sandbox->httpConfig());
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));

        m_view = std::make_unique<QWebEngineView>();
        m_page = new ConsolePage(m_view.get());
        m_view->setPage(m_page);
        m_view->resize(900, 700);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->activateWindow();
        QDir().mkpath(QStringLiteral(SHOP_SCREENSHOT_DIR));
    }

    void cleanupTestCase()
    {
        m_view.reset();
        m_server.reset();
        m_sandbox.reset();
    }

    void servesStripeJs()
    {
        const HttpReply script = m_server->get("/stripe-js/v3");
        QCOMPARE(script.status, 200);
        QVERIFY(script.header("content-type").startsWith("text/javascript"));
        QVERIFY(script.body.contains("confirmPayment"));
        const HttpReply frame = m_server->get("/stripe-js/v3/payment-element.html");
        QCOMPARE(frame.status, 200);
        QVERIFY(frame.header("content-type").startsWith("text/html"));
        // Framable from the shop's page (no frame-ancestors), scripts from its own origin only.
        QVERIFY(!frame.header("content-security-policy").contains("frame-ancestors"));
        QVERIFY(frame.header("content-security-policy").contains("script-src 'self'"));
    }

    void paysWithTheSucceedingCard()
    {
        const QJsonObject intent = createIntent();
        QVERIFY(loadCheckout(intent.value(u"client_secret"_qs).toString()));
        // The element is a cross-origin iframe of the sandbox: the page cannot look inside.
        QVERIFY(js(u"document.querySelector('#payment-element iframe').src.startsWith('%1')"_qs.arg(
                       m_server->url(u"/stripe-js/v3/"_qs)))
                    .toBool());
        QVERIFY(js(u"document.querySelector('#payment-element iframe').contentDocument === null"_qs)
                    .toBool());
        QCOMPARE(js(u"window.lastChange === undefined"_qs).toBool(), true);

        QVERIFY2(typeCard(u"4242424242424242"_qs), qPrintable(console()));
        const QJsonObject change = jsJson(u"window.lastChange"_qs);
        QCOMPARE(change.value(u"complete"_qs).toBool(), true);
        QCOMPARE(change.value(u"empty"_qs).toBool(), false);
        QVERIFY(!change.contains(u"error"_qs));
        // The card data stays in the frame.
        QVERIFY(!js(u"document.documentElement.outerHTML.includes('4242')"_qs).toBool());
        // For reviewers: the filled-in Payment Element.
        m_view->grab().save(
            QDir(QStringLiteral(SHOP_SCREENSHOT_DIR)).filePath(u"sandbox-payment-element.png"_qs));

        const QJsonObject result = pay();
        const QJsonObject paid = result.value(u"paymentIntent"_qs).toObject();
        QVERIFY2(!paid.isEmpty(), QJsonDocument(result).toJson().constData());
        QCOMPARE(paid.value(u"status"_qs).toString(), u"succeeded"_qs);
        QCOMPARE(paid.value(u"id"_qs), intent.value(u"id"_qs));
        QCOMPARE(retrieve(intent.value(u"id"_qs).toString()).value(u"status"_qs).toString(),
                 u"succeeded"_qs);

        // retrievePaymentIntent with the client secret sees the same.
        js(u"window.retrieve()"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(jsJson(u"window.retrieved"_qs)
                                      .value(u"paymentIntent"_qs)
                                      .toObject()
                                      .value(u"status"_qs)
                                      .toString(),
                                  u"succeeded"_qs, kTimeoutMs);
    }

    void showsTheDeclineThenSucceedsWithAnotherCard()
    {
        const QJsonObject intent = createIntent();
        QVERIFY(loadCheckout(intent.value(u"client_secret"_qs).toString()));
        QVERIFY2(typeCard(u"4000000000000002"_qs), qPrintable(console()));
        const QJsonObject declined = pay();
        const QJsonObject error = declined.value(u"error"_qs).toObject();
        QVERIFY2(!error.isEmpty(), QJsonDocument(declined).toJson().constData());
        QCOMPARE(error.value(u"type"_qs).toString(), u"card_error"_qs);
        QCOMPARE(error.value(u"code"_qs).toString(), u"card_declined"_qs);
        QCOMPARE(error.value(u"decline_code"_qs).toString(), u"generic_decline"_qs);
        QCOMPARE(error.value(u"message"_qs).toString(), u"Your card was declined."_qs);
        QCOMPARE(retrieve(intent.value(u"id"_qs).toString()).value(u"status"_qs).toString(),
                 u"requires_payment_method"_qs);

        // Another card in the same form: back from the CVC to the number (Shift+Tab twice), select
        // it, type over it, pay again.
        backTab();
        backTab();
        selectAll();
        type(u"4242424242424242"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(
            js(u"!!(window.lastChange && window.lastChange.complete)"_qs).toBool(), kTimeoutMs);
        const QJsonObject result = pay();
        QCOMPARE(result.value(u"paymentIntent"_qs).toObject().value(u"status"_qs).toString(),
                 u"succeeded"_qs);
        QCOMPARE(retrieve(intent.value(u"id"_qs).toString()).value(u"status"_qs).toString(),
                 u"succeeded"_qs);
    }

    void paysFromAPageWithoutAnHttpOrigin()
    {
        // A page from the app's resources (qrc:) has no http(s) origin to address messages to.
        const QJsonObject intent = createIntent();
        QVERIFY(loadCheckout(intent.value(u"client_secret"_qs).toString(),
                             QUrl(u"qrc:/payment/index.html"_qs)));
        QVERIFY2(typeCard(u"4242424242424242"_qs), qPrintable(console()));
        QCOMPARE(pay().value(u"paymentIntent"_qs).toObject().value(u"status"_qs).toString(),
                 u"succeeded"_qs);
    }

    void refusesBadCardDataInTheForm()
    {
        const QJsonObject intent = createIntent();
        QVERIFY(loadCheckout(intent.value(u"client_secret"_qs).toString()));
        QVERIFY(focusCardNumber());
        // A complete number that fails the Luhn check: the error under the field, at once.
        type(u"4242424242424241"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(jsJson(u"window.lastChange"_qs)
                                      .value(u"error"_qs)
                                      .toObject()
                                      .value(u"message"_qs)
                                      .toString(),
                                  u"Your card number is invalid."_qs, kTimeoutMs);
        QCOMPARE(jsJson(u"window.lastChange"_qs).value(u"complete"_qs).toBool(), false);
        QTest::qWait(300); // the frame's repaint, for the screenshot
        m_view->grab().save(QDir(QStringLiteral(SHOP_SCREENSHOT_DIR))
                                .filePath(u"sandbox-payment-element-error.png"_qs));
        selectAll();
        type(u"4242424242424242"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(!jsJson(u"window.lastChange"_qs).contains(u"error"_qs),
                                 kTimeoutMs);

        // An expiry in the past.
        tab();
        type(u"1220"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(jsJson(u"window.lastChange"_qs)
                                      .value(u"error"_qs)
                                      .toObject()
                                      .value(u"code"_qs)
                                      .toString(),
                                  u"invalid_expiry_year_past"_qs, kTimeoutMs);
        selectAll();
        type(u"1234"_qs);

        // A short CVC: confirmPayment answers the validation error and sends nothing.
        tab();
        type(u"12"_qs);
        const QJsonObject result = pay();
        const QJsonObject error = result.value(u"error"_qs).toObject();
        QCOMPARE(error.value(u"type"_qs).toString(), u"validation_error"_qs);
        QCOMPARE(error.value(u"code"_qs).toString(), u"incomplete_cvc"_qs);
        QCOMPARE(error.value(u"message"_qs).toString(),
                 u"Your card's security code is incomplete."_qs);
        const QJsonObject after = retrieve(intent.value(u"id"_qs).toString());
        QCOMPARE(after.value(u"status"_qs).toString(), u"requires_payment_method"_qs);
        QVERIFY(after.value(u"last_payment_error"_qs).isNull());

        // Completing the CVC pays.
        type(u"3"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(
            js(u"!!(window.lastChange && window.lastChange.complete)"_qs).toBool(), kTimeoutMs);
        QCOMPARE(pay().value(u"paymentIntent"_qs).toObject().value(u"status"_qs).toString(),
                 u"succeeded"_qs);
    }
};

int main(int argc, char *argv[])
{
    // As root Chromium needs its sandbox off (QT64-FACTS §5); no paint holding, so key events
    // reach the cross-origin frame right after it loads (§12).
    qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    if (qEnvironmentVariableIsEmpty("QTWEBENGINE_CHROMIUM_FLAGS")) {
        qputenv("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-features=PaintHoldingCrossOrigin");
    }
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestSandboxStripeJs test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sandboxstripejs.moc"
