#include "stripeservice.h"

#include "html.h"
#include "logging.h"
#include "stripejs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Shop::Sandbox {

namespace {

const QString kApiVersion = u"2024-06-20"_s;
constexpr qint64 kMaxAmount = 99999999;
constexpr int kMaxSwitchCount = 1000000;
constexpr int kMaxDelayMs = 60000;
constexpr qint64 kIdempotencyKeepSec = 24 * 3600;
constexpr int kMaxIdempotencyKeyLength = 255;
constexpr int kMaxMetadataKeys = 50;

QString randomId(const QString &prefix, int length = 24)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id = prefix;
    id.reserve(prefix.size() + length);
    for (int i = 0; i < length; ++i) {
        id += QChar::fromLatin1(alphabet[QRandomGenerator::global()->bounded(62)]);
    }
    return id;
}

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}

QString docUrl(const QString &code)
{
    return u"https://stripe.com/docs/error-codes/"_s + QString(code).replace(u'_', u'-');
}

StripeService::Answer stripeError(int status, const QString &type, const QString &message,
                                  const QString &code = {}, const QString &param = {},
                                  QJsonObject extra = {})
{
    QJsonObject error = std::move(extra);
    error.insert(u"type"_s, type);
    error.insert(u"message"_s, message);
    if (!code.isEmpty()) {
        error.insert(u"code"_s, code);
        error.insert(u"doc_url"_s, docUrl(code));
    }
    if (!param.isEmpty()) {
        error.insert(u"param"_s, param);
    }
    return {status, QJsonObject {{u"error"_s, error}}, true};
}

// A parameter error: 400, never kept for idempotency.
StripeService::Answer invalid(const QString &message, const QString &param = {},
                              const QString &code = {})
{
    StripeService::Answer answer =
        stripeError(400, u"invalid_request_error"_s, message, code, param);
    answer.keep = false;
    return answer;
}

StripeService::Answer missing(const QString &param)
{
    return invalid(u"Missing required param: %1."_s.arg(param), param, u"parameter_missing"_s);
}

StripeService::Answer noSuch(const QString &kind, const QString &id, const QString &param = u"id"_s)
{
    return stripeError(404, u"invalid_request_error"_s, u"No such %1: '%2'"_s.arg(kind, id),
                       u"resource_missing"_s, param);
}

StripeService::Answer unexpectedState(const QString &message)
{
    return stripeError(400, u"invalid_request_error"_s, message,
                       u"payment_intent_unexpected_state"_s);
}

// Unknown top-level parameters → Stripe's "Received unknown parameter".
std::optional<StripeService::Answer> unknownParams(const StripeParams &params,
                                                   const QStringList &allowed)
{
    for (const QString &root : params.rootNames()) {
        if (!allowed.contains(root)) {
            return invalid(u"Received unknown parameter: %1"_s.arg(root), root,
                           u"parameter_unknown"_s);
        }
    }
    return std::nullopt;
}

// Stripe's metadata: at most 50 keys, keys up to 40 characters, values up to 500.
std::optional<StripeService::Answer> metadataFrom(const StripeParams &params, QJsonObject *out)
{
    if (params.has(u"metadata"_s) && params.value(u"metadata"_s).isEmpty()) {
        *out = {}; // "metadata=" unsets everything
        return std::nullopt;
    }
    const QMap<QString, QString> children = params.children(u"metadata"_s);
    if (children.size() > kMaxMetadataKeys) {
        return invalid(u"Invalid metadata: metadata cannot have more than 50 keys"_s,
                       u"metadata"_s);
    }
    for (auto it = children.cbegin(); it != children.cend(); ++it) {
        if (it.key().isEmpty() || it.key().size() > 40) {
            return invalid(u"Invalid metadata: metadata keys must be 1 to 40 characters long"_s,
                           u"metadata"_s);
        }
        if (it.value().size() > 500) {
            return invalid(u"Invalid metadata: metadata values can have up to 500 characters, "
                           "but you passed in a value that is %1 characters. Invalid value: "
                           "'%2'"_s.arg(it.value().size())
                               .arg(it.value().left(20) + u"..."_s),
                           u"metadata[%1]"_s.arg(it.key()));
        }
        if (it.value().isEmpty()) {
            out->remove(it.key());
        } else {
            out->insert(it.key(), it.value());
        }
    }
    for (const QString &key : params.keysUnder(u"metadata"_s)) {
        if (key != u"metadata"_s && StripeParams::splitKey(key).size() != 2) {
            return invalid(u"Invalid metadata: metadata values must be strings"_s, key);
        }
    }
    return std::nullopt;
}

bool isZeroDecimal(const QString &currency)
{
    static const QStringList zero {u"bif"_s, u"clp"_s, u"djf"_s, u"gnf"_s, u"jpy"_s, u"kmf"_s,
                                   u"krw"_s, u"mga"_s, u"pyg"_s, u"rwf"_s, u"ugx"_s, u"vnd"_s,
                                   u"vuv"_s, u"xaf"_s, u"xof"_s, u"xpf"_s};
    return zero.contains(currency);
}

// The currencies the sandbox accepts, with Stripe's minimum charge amounts.
qint64 minimumAmount(const QString &currency)
{
    static const QHash<QString, qint64> minimum {
        {u"usd"_s, 50},   {u"eur"_s, 50},  {u"gbp"_s, 30},    {u"chf"_s, 50},   {u"jpy"_s, 50},
        {u"cad"_s, 50},   {u"aud"_s, 50},  {u"nzd"_s, 50},    {u"sgd"_s, 50},   {u"sek"_s, 300},
        {u"nok"_s, 300},  {u"dkk"_s, 250}, {u"pln"_s, 200},   {u"czk"_s, 1500}, {u"hkd"_s, 400},
        {u"mxn"_s, 1000}, {u"brl"_s, 50},  {u"huf"_s, 17500}, {u"ron"_s, 200},  {u"inr"_s, 50},
    };
    return minimum.value(currency, -1);
}

QString formatAmount(qint64 amount, const QString &currency)
{
    const QString number = isZeroDecimal(currency)
        ? QString::number(amount)
        : u"%1.%2"_s.arg(amount / 100).arg(amount % 100, 2, 10, QChar(u'0'));
    if (currency == u"usd"_s) {
        return u"$"_s + number;
    }
    if (currency == u"eur"_s) {
        return u"€"_s + number;
    }
    if (currency == u"gbp"_s) {
        return u"£"_s + number;
    }
    return number;
}

// A non-negative integer parameter; nullopt + *error when it is not one.
std::optional<qint64> integerParam(const StripeParams &params, const QString &name,
                                   StripeService::Answer *error)
{
    const QString text = params.value(name);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || text.startsWith(u'+') || text.trimmed() != text) {
        *error = invalid(u"Invalid integer: %1"_s.arg(text), name, u"parameter_invalid_integer"_s);
        return std::nullopt;
    }
    return value;
}

// ---- test cards -------------------------------------------------------------------------------

struct Card
{
    QString number;
    int expMonth = 0;
    int expYear = 0;
    QString cvc;
};

struct CardBehaviour
{
    QString code; // empty: succeeds
    QString declineCode;
    QString message;
};

QString brandOf(const QString &number)
{
    if (number.startsWith(u'4')) {
        return u"visa"_s;
    }
    if (number.startsWith(u"34"_s) || number.startsWith(u"37"_s)) {
        return u"amex"_s;
    }
    const int two = number.left(2).toInt();
    const int four = number.left(4).toInt();
    if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
        return u"mastercard"_s;
    }
    if (number.startsWith(u"6011"_s) || number.startsWith(u"65"_s)) {
        return u"discover"_s;
    }
    if (number.startsWith(u"35"_s)) {
        return u"jcb"_s;
    }
    if (number.startsWith(u"36"_s) || number.startsWith(u"30"_s)) {
        return u"diners"_s;
    }
    if (number.startsWith(u"62"_s)) {
        return u"unionpay"_s;
    }
    return u"unknown"_s;
}

bool luhnValid(const QString &digits)
{
    int sum = 0;
    bool doubleIt = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        int d = digits.at(i).digitValue();
        if (doubleIt) {
            d *= 2;
            if (d > 9) {
                d -= 9;
            }
        }
        sum += d;
        doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
}

// Stripe's documented test cards (https://stripe.com/docs/testing).
CardBehaviour behaviourOf(const QString &number)
{
    static const QStringList succeeds {
        u"4242424242424242"_s, u"4000056655665556"_s, u"5555555555554444"_s, u"2223003122003222"_s,
        u"5200828282828210"_s, u"5105105105105100"_s, u"378282246310005"_s,  u"371449635398431"_s,
        u"6011111111111117"_s, u"6011000990139424"_s, u"3056930009020004"_s, u"36227206271667"_s,
        u"3566002020360505"_s, u"6200000000000005"_s, u"4000000000000077"_s,
    };
    static const QHash<QString, CardBehaviour> declines {
        {u"4000000000000002"_s,
         {u"card_declined"_s, u"generic_decline"_s, u"Your card was declined."_s}},
        {u"4000000000009995"_s,
         {u"card_declined"_s, u"insufficient_funds"_s, u"Your card has insufficient funds."_s}},
        {u"4000000000009987"_s, {u"card_declined"_s, u"lost_card"_s, u"Your card was declined."_s}},
        {u"4000000000009979"_s,
         {u"card_declined"_s, u"stolen_card"_s, u"Your card was declined."_s}},
        {u"4000000000000069"_s,
         {u"expired_card"_s, u"expired_card"_s, u"Your card has expired."_s}},
        {u"4000000000000127"_s,
         {u"incorrect_cvc"_s, u"incorrect_cvc"_s, u"Your card's security code is incorrect."_s}},
        {u"4000000000000119"_s,
         {u"processing_error"_s, u"processing_error"_s,
          u"An error occurred while processing your card. Try again in a little bit."_s}},
    };
    if (succeeds.contains(number)) {
        return {};
    }
    if (const auto it = declines.constFind(number); it != declines.cend()) {
        return *it;
    }
    return {u"card_declined"_s, u"test_mode_live_card"_s,
            u"Your card was declined. Your request was in test mode, but used a non test (live) "
            "card. For a list of valid test cards, visit: https://stripe.com/docs/testing."_s};
}

// Stripe's test PaymentMethods ("pm_card_visa", ...) as the cards they stand for.
std::optional<Card> testPaymentMethod(const QString &id)
{
    static const QHash<QString, QString> numbers {
        {u"pm_card_visa"_s, u"4242424242424242"_s},
        {u"pm_card_visa_debit"_s, u"4000056655665556"_s},
        {u"pm_card_mastercard"_s, u"5555555555554444"_s},
        {u"pm_card_amex"_s, u"378282246310005"_s},
        {u"pm_card_chargeDeclined"_s, u"4000000000000002"_s},
        {u"pm_card_visa_chargeDeclined"_s, u"4000000000000002"_s},
        {u"pm_card_chargeDeclinedInsufficientFunds"_s, u"4000000000009995"_s},
        {u"pm_card_chargeDeclinedExpiredCard"_s, u"4000000000000069"_s},
        {u"pm_card_chargeDeclinedProcessingError"_s, u"4000000000000119"_s},
    };
    const auto it = numbers.constFind(id);
    if (it == numbers.cend()) {
        return std::nullopt;
    }
    const QDate today = QDate::currentDate();
    return Card {*it, 12, today.year() + 3, u"123"_s};
}

StripeService::Answer cardError(const QString &code, const QString &message, const QString &param)
{
    StripeService::Answer answer = stripeError(402, u"card_error"_s, message, code, param);
    return answer;
}

// Reads payment_method_data[card][...]: nullopt + *error for missing or invalid fields, the way
// Stripe refuses them when it creates the PaymentMethod.
std::optional<Card> cardFrom(const StripeParams &params, StripeService::Answer *error)
{
    const QString prefix = u"payment_method_data[card]"_s;
    const QMap<QString, QString> fields = [&] {
        QMap<QString, QString> map;
        for (const QString &key : params.keysUnder(u"payment_method_data"_s)) {
            const QStringList parts = StripeParams::splitKey(key);
            if (parts.size() == 3 && parts.at(1) == u"card"_s) {
                map.insert(parts.at(2), params.value(key));
            }
        }
        return map;
    }();
    for (const QString &name : {u"number"_s, u"exp_month"_s, u"exp_year"_s}) {
        if (!fields.contains(name)) {
            *error = missing(u"%1[%2]"_s.arg(prefix, name));
            return std::nullopt;
        }
    }
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (!QStringList {u"number"_s, u"exp_month"_s, u"exp_year"_s, u"cvc"_s}.contains(
                it.key())) {
            *error = invalid(u"Received unknown parameter: %1[%2]"_s.arg(prefix, it.key()),
                             u"%1[%2]"_s.arg(prefix, it.key()), u"parameter_unknown"_s);
            return std::nullopt;
        }
    }
    Card card;
    card.number = fields.value(u"number"_s);
    card.number.remove(u' ');
    card.number.remove(u'-');
    const bool digitsOnly = std::all_of(card.number.cbegin(), card.number.cend(),
                                        [](QChar c) { return c.isDigit() && c.unicode() < 128; });
    if (!digitsOnly || card.number.size() < 12 || card.number.size() > 19
        || !luhnValid(card.number)) {
        *error = cardError(u"incorrect_number"_s, u"Your card number is incorrect."_s, u"number"_s);
        return std::nullopt;
    }
    bool ok = false;
    card.expMonth = fields.value(u"exp_month"_s).toInt(&ok);
    if (!ok || card.expMonth < 1 || card.expMonth > 12) {
        *error = cardError(u"invalid_expiry_month"_s, u"Your card's expiration month is invalid."_s,
                           u"exp_month"_s);
        return std::nullopt;
    }
    const QString yearText = fields.value(u"exp_year"_s);
    card.expYear = yearText.toInt(&ok);
    if (ok && yearText.size() <= 2) {
        card.expYear += 2000;
    }
    const QDate today = QDate::currentDate();
    if (!ok || card.expYear < 1000 || card.expYear > today.year() + 50) {
        *error = cardError(u"invalid_expiry_year"_s, u"Your card's expiration year is invalid."_s,
                           u"exp_year"_s);
        return std::nullopt;
    }
    if (card.expYear < today.year()) {
        *error = cardError(u"invalid_expiry_year"_s,
                           u"Your card's expiration year is in the past."_s, u"exp_year"_s);
        return std::nullopt;
    }
    if (card.expYear == today.year() && card.expMonth < today.month()) {
        *error = cardError(u"invalid_expiry_month"_s,
                           u"Your card's expiration month is in the past."_s, u"exp_month"_s);
        return std::nullopt;
    }
    card.cvc = fields.value(u"cvc"_s);
    if (fields.contains(u"cvc"_s)) {
        const bool cvcDigits = std::all_of(card.cvc.cbegin(), card.cvc.cend(), [](QChar c) {
            return c.isDigit() && c.unicode() < 128;
        });
        if (!cvcDigits || card.cvc.size() < 3 || card.cvc.size() > 4) {
            *error =
                cardError(u"invalid_cvc"_s, u"Your card's security code is invalid."_s, u"cvc"_s);
            return std::nullopt;
        }
    }
    return card;
}

QJsonObject emptyAddress()
{
    return {{u"city"_s, QJsonValue::Null},        {u"country"_s, QJsonValue::Null},
            {u"line1"_s, QJsonValue::Null},       {u"line2"_s, QJsonValue::Null},
            {u"postal_code"_s, QJsonValue::Null}, {u"state"_s, QJsonValue::Null}};
}

QJsonObject billingDetails()
{
    return {{u"address"_s, emptyAddress()},
            {u"email"_s, QJsonValue::Null},
            {u"name"_s, QJsonValue::Null},
            {u"phone"_s, QJsonValue::Null}};
}

QJsonObject cardDetails(const Card &card)
{
    const QString brand = brandOf(card.number);
    const QString fingerprint =
        QString::fromLatin1(QByteArray::number(qHash(card.number), 36)).left(16);
    return {
        {u"brand"_s, brand},
        {u"checks"_s,
         QJsonObject {{u"address_line1_check"_s, QJsonValue::Null},
                      {u"address_postal_code_check"_s, QJsonValue::Null},
                      {u"cvc_check"_s,
                       card.cvc.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(u"pass"_s)}}},
        {u"country"_s, u"US"_s},
        {u"exp_month"_s, card.expMonth},
        {u"exp_year"_s, card.expYear},
        {u"fingerprint"_s, fingerprint},
        {u"funding"_s, card.number == u"4000056655665556"_s ? u"debit"_s : u"credit"_s},
        {u"last4"_s, card.number.right(4)},
        {u"networks"_s,
         QJsonObject {{u"available"_s, QJsonArray {brand}}, {u"preferred"_s, QJsonValue::Null}}},
        {u"three_d_secure_usage"_s, QJsonObject {{u"supported"_s, true}}},
        {u"wallet"_s, QJsonValue::Null}};
}

QJsonObject paymentMethodObject(const QString &id, const Card &card)
{
    return {{u"id"_s, id},
            {u"object"_s, u"payment_method"_s},
            {u"allow_redisplay"_s, u"unspecified"_s},
            {u"billing_details"_s, billingDetails()},
            {u"card"_s, cardDetails(card)},
            {u"created"_s, now()},
            {u"customer"_s, QJsonValue::Null},
            {u"livemode"_s, false},
            {u"metadata"_s, QJsonObject {}},
            {u"type"_s, u"card"_s}};
}

QJsonObject emptyRefundList(const QString &chargeId)
{
    return {{u"object"_s, u"list"_s},
            {u"data"_s, QJsonArray {}},
            {u"has_more"_s, false},
            {u"total_count"_s, 0},
            {u"url"_s, u"/v1/charges/%1/refunds"_s.arg(chargeId)}};
}

QJsonObject chargeObject(const QString &id, const QJsonObject &intent,
                         const QJsonObject &paymentMethod, const CardBehaviour &behaviour)
{
    const bool paid = behaviour.code.isEmpty();
    const qint64 amount = intent.value(u"amount"_s).toInteger();
    QJsonObject outcome {
        {u"network_status"_s, paid ? u"approved_by_network"_s : u"declined_by_network"_s},
        {u"reason"_s, paid ? QJsonValue(QJsonValue::Null) : QJsonValue(behaviour.declineCode)},
        {u"risk_level"_s, u"normal"_s},
        {u"risk_score"_s, 20},
        {u"seller_message"_s,
         paid ? u"Payment complete."_s : u"The bank did not return any further details."_s},
        {u"type"_s, paid ? u"authorized"_s : u"issuer_declined"_s},
    };
    QJsonObject card = paymentMethod.value(u"card"_s).toObject();
    card.remove(u"wallet"_s);
    card.insert(u"wallet"_s, QJsonValue::Null);
    return {
        {u"id"_s, id},
        {u"object"_s, u"charge"_s},
        {u"amount"_s, amount},
        {u"amount_captured"_s, paid ? amount : 0},
        {u"amount_refunded"_s, 0},
        {u"balance_transaction"_s,
         paid ? QJsonValue(randomId(u"txn_"_s)) : QJsonValue(QJsonValue::Null)},
        {u"billing_details"_s, billingDetails()},
        {u"captured"_s, paid},
        {u"created"_s, now()},
        {u"currency"_s, intent.value(u"currency"_s)},
        {u"customer"_s, QJsonValue::Null},
        {u"description"_s, intent.value(u"description"_s)},
        {u"disputed"_s, false},
        {u"failure_code"_s, paid ? QJsonValue(QJsonValue::Null) : QJsonValue(behaviour.code)},
        {u"failure_message"_s, paid ? QJsonValue(QJsonValue::Null) : QJsonValue(behaviour.message)},
        {u"livemode"_s, false},
        {u"metadata"_s, intent.value(u"metadata"_s)},
        {u"outcome"_s, outcome},
        {u"paid"_s, paid},
        {u"payment_intent"_s, intent.value(u"id"_s)},
        {u"payment_method"_s, paymentMethod.value(u"id"_s)},
        {u"payment_method_details"_s, QJsonObject {{u"card"_s, card}, {u"type"_s, u"card"_s}}},
        {u"receipt_email"_s, intent.value(u"receipt_email"_s)},
        {u"refunded"_s, false},
        {u"refunds"_s, emptyRefundList(id)},
        {u"status"_s, paid ? u"succeeded"_s : u"failed"_s}};
}

} // namespace

// ---- the service ------------------------------------------------------------------------------

StripeService::StripeService(StripeOptions options)
    : m_options(std::move(options))
    , m_webhooks(std::make_unique<StripeWebhooks>(m_options.webhooks))
{
    for (const QString &url : m_options.webhookUrls) {
        addEndpoint(url, {u"*"_s}, u"--stripe-webhook-url"_s);
    }
}

StripeService::~StripeService() = default;

void StripeService::addEndpoint(const QString &url, const QStringList &events,
                                const QString &description)
{
    Endpoint endpoint;
    endpoint.url = url;
    endpoint.enabledEvents = events;
    endpoint.object = QJsonObject {
        {u"id"_s, randomId(u"we_"_s)},
        {u"object"_s, u"webhook_endpoint"_s},
        {u"api_version"_s, QJsonValue::Null},
        {u"application"_s, QJsonValue::Null},
        {u"created"_s, now()},
        {u"description"_s,
         description.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(description)},
        {u"enabled_events"_s, QJsonArray::fromStringList(events)},
        {u"livemode"_s, false},
        {u"metadata"_s, QJsonObject {}},
        {u"status"_s, u"enabled"_s},
        {u"url"_s, url},
    };
    m_endpoints.append(endpoint);
}

void StripeService::setFailureSwitch(FailureSwitch value)
{
    const QMutexLocker lock(&m_mutex);
    m_failureSwitch = value;
}

void StripeService::setWebhookSwitch(WebhookSwitch value)
{
    const QMutexLocker lock(&m_mutex);
    m_webhookSwitch = value;
}

StripeService::FailureSwitch StripeService::takeFailureSwitch()
{
    const QMutexLocker lock(&m_mutex);
    if (m_failureSwitch.count <= 0) {
        return {};
    }
    --m_failureSwitch.count;
    FailureSwitch taken = m_failureSwitch;
    taken.count = 1;
    return taken;
}

StripeService::WebhookSwitch StripeService::takeWebhookSwitch()
{
    if (m_webhookSwitch.count <= 0) {
        return {};
    }
    --m_webhookSwitch.count;
    WebhookSwitch taken = m_webhookSwitch;
    taken.count = 1;
    return taken;
}

Http::Response StripeService::api(const Http::Request &request, Access access,
                                  const Operation &operation)
{
    Call call;
    call.request = &request;
    call.requestId = randomId(u"req_"_s, 14);
    call.idempotencyKey = QString::fromUtf8(request.header("idempotency-key"));

    const auto respond = [&call, &request](const Answer &answer, bool replayed = false) {
        Http::Response response = Http::Response::json(answer.body, answer.status);
        response.contentType = QByteArrayLiteral("application/json");
        response.setHeader(QByteArrayLiteral("Request-Id"), call.requestId.toLatin1());
        response.setHeader(QByteArrayLiteral("Stripe-Version"), kApiVersion.toLatin1());
        response.setHeader(QByteArrayLiteral("Access-Control-Allow-Origin"),
                           QByteArrayLiteral("*"));
        response.setHeader(QByteArrayLiteral("Access-Control-Expose-Headers"),
                           QByteArrayLiteral("Request-Id, Stripe-Manage-Version, "
                                             "Idempotent-Replayed, Idempotency-Key"));
        response.setHeader(QByteArrayLiteral("Cache-Control"),
                           QByteArrayLiteral("no-cache, no-store"));
        if (!call.idempotencyKey.isEmpty() && request.method == "POST") {
            response.setHeader(QByteArrayLiteral("Idempotency-Key"), call.idempotencyKey.toUtf8());
        }
        if (replayed) {
            response.setHeader(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"));
        }
        if (answer.status >= 400) {
            qCInfo(
                lcSandboxStripe, "%s %ls %d %ls", request.method.constData(),
                qUtf16Printable(request.path), answer.status,
                qUtf16Printable(
                    answer.body.value(u"error"_s)
                        .toObject()
                        .value(u"code"_s)
                        .toString(
                            answer.body.value(u"error"_s).toObject().value(u"type"_s).toString())));
        } else {
            qCInfo(lcSandboxStripe, "%s %ls %d%s", request.method.constData(),
                   qUtf16Printable(request.path), answer.status,
                   replayed ? " (idempotent replay)" : "");
        }
        return response;
    };

    // Parameters: the body of a POST/DELETE, the query of a GET.
    const bool hasBody = request.method != "GET" && request.method != "HEAD";
    if (hasBody && !request.body.isEmpty()) {
        const QByteArray type = request.header("content-type").toLower();
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            return respond(invalid(
                u"Invalid request: unsupported Content-Type %1. If error "
                "persists and you need assistance, please contact "
                "support@stripe.com."_s.arg(QString::fromLatin1(request.header("content-type")))));
        }
    }
    QString why;
    std::optional<StripeParams> params =
        StripeParams::parse(hasBody ? request.body : request.rawQuery, &why);
    if (!params) {
        return respond(invalid(why));
    }
    call.params = std::move(*params);

    // Authentication: Bearer or Basic (curl -u sk_test_…:), or Stripe.js's key= parameter.
    QString key;
    const QByteArray authorization = request.header("authorization");
    if (authorization.toLower().startsWith("bearer ")) {
        key = QString::fromUtf8(authorization.mid(7).trimmed());
    } else if (authorization.toLower().startsWith("basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        key = QString::fromUtf8(
            decoded.left(decoded.indexOf(':') < 0 ? decoded.size() : decoded.indexOf(':')));
    } else if (call.params.has(u"key"_s)) {
        key = call.params.value(u"key"_s);
    }
    if (key.isEmpty()) {
        Answer answer = stripeError(
            401, u"invalid_request_error"_s,
            u"You did not provide an API key. You need to provide your API key in the "
            "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
            "YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or "
            "we can help at https://support.stripe.com/."_s);
        return respond(answer);
    }
    if (key == m_options.secretKey) {
        call.key = KeyKind::Secret;
    } else if (key == m_options.publishableKey) {
        call.key = KeyKind::Publishable;
    } else {
        const QString shown = key.size() > 12
            ? key.left(8) + QString(key.size() - 12, u'*') + key.right(4)
            : QString(key.size(), u'*');
        return respond(stripeError(401, u"invalid_request_error"_s,
                                   u"Invalid API Key provided: %1"_s.arg(shown)));
    }
    if (call.key == KeyKind::Publishable && access == Access::Secret) {
        // Stripe answers 403 here (a valid key without the permission), not 401.
        return respond(stripeError(403, u"invalid_request_error"_s,
                                   u"This API call cannot be made with a publishable API key. "
                                   "Please use a secret API key. You can find a list of your API "
                                   "keys at https://dashboard.stripe.com/account/apikeys."_s,
                                   u"secret_key_required"_s));
    }

    // Idempotency: reserve the key (409 while another request holds it), replay a kept answer.
    const bool idempotent = request.method == "POST" && !call.idempotencyKey.isEmpty();
    const QByteArray canonical = call.params.canonical();
    if (idempotent) {
        if (call.idempotencyKey.size() > kMaxIdempotencyKeyLength) {
            return respond(invalid(u"Invalid Idempotency-Key: the key must be at most 255 "
                                   "characters long."_s));
        }
        const QMutexLocker lock(&m_mutex);
        const qint64 cutoff = now() - kIdempotencyKeepSec;
        for (auto it = m_idempotency.begin(); it != m_idempotency.end();) {
            it = !it->inProgress && it->at.toSecsSinceEpoch() < cutoff ? m_idempotency.erase(it)
                                                                       : std::next(it);
        }
        const auto found = m_idempotency.constFind(call.idempotencyKey);
        if (found != m_idempotency.cend()) {
            if (found->inProgress) {
                Answer answer = stripeError(
                    409, u"invalid_request_error"_s,
                    u"There is currently another in-progress request using this Idempotent "
                    "Key (that probably means you submitted twice, and the other request is "
                    "still going through): %1. Please try again later."_s.arg(call.idempotencyKey),
                    u"idempotency_key_in_use"_s);
                return respond(answer);
            }
            if (found->path != request.path) {
                return respond(stripeError(
                    400, u"idempotency_error"_s,
                    u"Keys for idempotent requests can only be used for the same endpoint they "
                    "were first used for ('%1' vs '%2'). Try using a key other than '%3' if you "
                    "meant to execute a different request."_s.arg(found->path, request.path,
                                                                  call.idempotencyKey)));
            }
            if (found->params != canonical) {
                return respond(stripeError(
                    400, u"idempotency_error"_s,
                    u"Keys for idempotent requests can only be used with the same parameters "
                    "they were first used with. Try using a key other than '%1' if you meant to "
                    "execute a different request."_s.arg(call.idempotencyKey)));
            }
            return respond(found->answer, true);
        }
        m_idempotency.insert(call.idempotencyKey,
                             Idempotent {request.path, canonical, true, {}, QDateTime()});
    }
    const auto release = [this, &call, idempotent](const Answer &answer) {
        if (!idempotent) {
            return;
        }
        const QMutexLocker lock(&m_mutex);
        if (answer.keep) {
            Idempotent &entry = m_idempotency[call.idempotencyKey];
            entry.inProgress = false;
            entry.answer = answer;
            entry.at = QDateTime::currentDateTimeUtc();
        } else {
            m_idempotency.remove(call.idempotencyKey);
        }
    };

    const FailureSwitch applied = takeFailureSwitch();
    if (applied.delayMs > 0) {
        QThread::msleep(ulong(applied.delayMs)); // a worker thread, never the event loop
    }
    if (applied.status > 0) {
        Answer answer = applied.status == 429
            ? stripeError(429, u"invalid_request_error"_s,
                          u"Too many requests hit the API too quickly. We recommend an "
                          "exponential backoff of your requests."_s,
                          u"rate_limit"_s)
            : stripeError(applied.status,
                          applied.status >= 500 ? u"api_error"_s : u"invalid_request_error"_s,
                          u"shop-sandbox: injected failure."_s);
        answer.keep = false;
        release(answer);
        return respond(answer);
    }

    Answer answer;
    {
        const QMutexLocker lock(&m_mutex);
        answer = operation(call);
    }
    release(answer);
    return respond(answer);
}

std::optional<StripeService::Answer>
StripeService::checkClientSecret(const Call &call, const QJsonObject &intent) const
{
    if (call.key != KeyKind::Publishable) {
        return std::nullopt;
    }
    if (!call.params.has(u"client_secret"_s)) {
        return missing(u"client_secret"_s);
    }
    if (call.params.value(u"client_secret"_s) != intent.value(u"client_secret"_s).toString()) {
        return invalid(u"The client_secret provided does not match the client_secret associated "
                       "with the PaymentIntent."_s,
                       u"client_secret"_s);
    }
    return std::nullopt;
}

void StripeService::emitEvent(const QString &type, const QJsonObject &object, const Call &call,
                              const QString &orderingKey, const QJsonObject &previous)
{
    int pending = 0;
    for (const Endpoint &endpoint : std::as_const(m_endpoints)) {
        if (endpoint.enabledEvents.contains(u"*"_s) || endpoint.enabledEvents.contains(type)) {
            ++pending;
        }
    }
    QJsonObject data {{u"object"_s, object}};
    if (!previous.isEmpty()) {
        data.insert(u"previous_attributes"_s, previous);
    }
    const QJsonObject event {
        {u"id"_s, randomId(u"evt_"_s)},
        {u"object"_s, u"event"_s},
        {u"api_version"_s, kApiVersion},
        {u"created"_s, now()},
        {u"data"_s, data},
        {u"livemode"_s, false},
        {u"pending_webhooks"_s, pending},
        {u"request"_s,
         QJsonObject {{u"id"_s, call.requestId},
                      {u"idempotency_key"_s,
                       call.idempotencyKey.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                     : QJsonValue(call.idempotencyKey)}}},
        {u"type"_s, type},
    };
    const QString id = event.value(u"id"_s).toString();
    m_eventIndex.insert(id, m_events.size());
    m_events.append(event);
    m_eventOrdering.insert(id, orderingKey);
    qCInfo(lcSandboxStripe, "event %ls %ls (%d endpoints)", qUtf16Printable(id),
           qUtf16Printable(type), pending);
    if (pending == 0) {
        return;
    }
    // A switch applies to the next events that some endpoint receives.
    const WebhookSwitch applied = takeWebhookSwitch();
    if (applied.reorder) {
        m_held.append({event, orderingKey, applied});
        return;
    }
    deliverEvent(event, orderingKey, applied);
    // Held events follow the next one: they arrive out of order. They are queued under the
    // later event's ordering key so that they really come after it.
    const QList<Held> held = std::exchange(m_held, {});
    for (const Held &item : held) {
        deliverEvent(item.event, orderingKey, item.applied);
    }
}

void StripeService::resetWebhookSwitch()
{
    const QMutexLocker lock(&m_mutex);
    m_webhookSwitch = {};
    const QList<Held> held = std::exchange(m_held, {});
    for (const Held &item : held) {
        deliverEvent(item.event, item.orderingKey, item.applied);
    }
}

void StripeService::deliverEvent(const QJsonObject &event, const QString &orderingKey,
                                 const WebhookSwitch &applied, const QString &onlyEndpointId)
{
    const QString type = event.value(u"type"_s).toString();
    const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Indented);
    for (const Endpoint &endpoint : std::as_const(m_endpoints)) {
        const QString endpointId = endpoint.object.value(u"id"_s).toString();
        if (!onlyEndpointId.isEmpty() && endpointId != onlyEndpointId) {
            continue;
        }
        if (!endpoint.enabledEvents.contains(u"*"_s) && !endpoint.enabledEvents.contains(type)) {
            continue;
        }
        StripeWebhooks::Delivery delivery;
        delivery.endpointId = endpointId;
        delivery.url = endpoint.url;
        delivery.secret = m_options.webhookSecret.toUtf8();
        delivery.orderingKey = endpointId + u'|' + orderingKey;
        delivery.eventId = event.value(u"id"_s).toString();
        delivery.eventType = type;
        delivery.body = body;
        delivery.timestampSkewSec = applied.staleSeconds;
        delivery.initialDelayMs = applied.delayMs;
        m_webhooks->deliver(delivery);
        if (applied.duplicate) {
            m_webhooks->deliver(delivery);
        }
    }
}

// ---- PaymentIntents ---------------------------------------------------------------------------

StripeService::Answer StripeService::createIntent(Call &call)
{
    const StripeParams &params = call.params;
    if (auto error = unknownParams(
            params,
            {u"amount"_s, u"currency"_s, u"automatic_payment_methods"_s, u"metadata"_s,
             u"description"_s, u"receipt_email"_s, u"payment_method_types"_s, u"capture_method"_s,
             u"confirmation_method"_s, u"statement_descriptor"_s, u"statement_descriptor_suffix"_s,
             u"setup_future_usage"_s, u"expand"_s})) {
        return *error;
    }
    if (!params.has(u"amount"_s)) {
        return missing(u"amount"_s);
    }
    Answer error;
    const std::optional<qint64> amount = integerParam(params, u"amount"_s, &error);
    if (!amount) {
        return error;
    }
    if (!params.has(u"currency"_s)) {
        return missing(u"currency"_s);
    }
    const QString currency = params.value(u"currency"_s).toLower();
    const qint64 minimum = minimumAmount(currency);
    if (minimum < 0) {
        return invalid(u"Invalid currency: %1. Stripe currently supports these currencies (in "
                       "this sandbox): aud, brl, cad, chf, czk, dkk, eur, gbp, hkd, huf, inr, jpy, "
                       "mxn, nok, nzd, pln, ron, sek, sgd, usd"_s.arg(params.value(u"currency"_s)),
                       u"currency"_s);
    }
    if (*amount < minimum) {
        return invalid(
            u"Amount must be at least %1 %2"_s.arg(formatAmount(minimum, currency), currency),
            u"amount"_s, u"amount_too_small"_s);
    }
    if (*amount > kMaxAmount) {
        return invalid(u"Amount must be no more than %1"_s.arg(formatAmount(kMaxAmount, currency)),
                       u"amount"_s, u"amount_too_large"_s);
    }
    const QString capture = params.value(u"capture_method"_s);
    if (params.has(u"capture_method"_s) && capture != u"automatic"_s
        && capture != u"automatic_async"_s) {
        return invalid(u"shop-sandbox emulates capture_method=automatic only."_s,
                       u"capture_method"_s);
    }
    QJsonObject metadata;
    if (auto bad = metadataFrom(params, &metadata)) {
        return *bad;
    }
    QJsonValue automatic = QJsonValue::Null;
    if (params.has(u"automatic_payment_methods[enabled]"_s)) {
        const QString enabled = params.value(u"automatic_payment_methods[enabled]"_s);
        if (enabled != u"true"_s && enabled != u"false"_s) {
            return invalid(u"Invalid boolean: %1"_s.arg(enabled),
                           u"automatic_payment_methods[enabled]"_s);
        }
        if (enabled == u"true"_s) {
            automatic = QJsonObject {
                {u"allow_redirects"_s,
                 params.value(u"automatic_payment_methods[allow_redirects]"_s).isEmpty()
                     ? u"always"_s
                     : params.value(u"automatic_payment_methods[allow_redirects]"_s)},
                {u"enabled"_s, true}};
        }
    }
    const QStringList types = params.list(u"payment_method_types"_s);
    for (const QString &type : types) {
        if (type != u"card"_s) {
            return invalid(u"The payment method type \"%1\" is invalid. shop-sandbox emulates "
                           "\"card\" only."_s.arg(type),
                           u"payment_method_types"_s);
        }
    }
    const auto optionalString = [&params](const QString &name) {
        return params.has(name) && !params.value(name).isEmpty() ? QJsonValue(params.value(name))
                                                                 : QJsonValue(QJsonValue::Null);
    };
    if (params.has(u"receipt_email"_s) && !params.value(u"receipt_email"_s).isEmpty()
        && !params.value(u"receipt_email"_s).contains(u'@')) {
        return invalid(u"Invalid email address: %1"_s.arg(params.value(u"receipt_email"_s)),
                       u"receipt_email"_s, u"email_invalid"_s);
    }

    const QString id = randomId(u"pi_"_s);
    const QJsonObject intent {
        {u"id"_s, id},
        {u"object"_s, u"payment_intent"_s},
        {u"amount"_s, *amount},
        {u"amount_capturable"_s, 0},
        {u"amount_details"_s, QJsonObject {{u"tip"_s, QJsonObject {}}}},
        {u"amount_received"_s, 0},
        {u"application"_s, QJsonValue::Null},
        {u"application_fee_amount"_s, QJsonValue::Null},
        {u"automatic_payment_methods"_s, automatic},
        {u"canceled_at"_s, QJsonValue::Null},
        {u"cancellation_reason"_s, QJsonValue::Null},
        {u"capture_method"_s, capture.isEmpty() ? u"automatic"_s : capture},
        {u"client_secret"_s, QString(id + u"_secret_"_s + randomId({}, 25))},
        {u"confirmation_method"_s, u"automatic"_s},
        {u"created"_s, now()},
        {u"currency"_s, currency},
        {u"customer"_s, QJsonValue::Null},
        {u"description"_s, optionalString(u"description"_s)},
        {u"invoice"_s, QJsonValue::Null},
        {u"last_payment_error"_s, QJsonValue::Null},
        {u"latest_charge"_s, QJsonValue::Null},
        {u"livemode"_s, false},
        {u"metadata"_s, metadata},
        {u"next_action"_s, QJsonValue::Null},
        {u"on_behalf_of"_s, QJsonValue::Null},
        {u"payment_method"_s, QJsonValue::Null},
        {u"payment_method_configuration_details"_s, QJsonValue::Null},
        {u"payment_method_options"_s,
         QJsonObject {{u"card"_s,
                       QJsonObject {{u"installments"_s, QJsonValue::Null},
                                    {u"mandate_options"_s, QJsonValue::Null},
                                    {u"network"_s, QJsonValue::Null},
                                    {u"request_three_d_secure"_s, u"automatic"_s}}}}},
        {u"payment_method_types"_s, QJsonArray {u"card"_s}},
        {u"processing"_s, QJsonValue::Null},
        {u"receipt_email"_s, optionalString(u"receipt_email"_s)},
        {u"review"_s, QJsonValue::Null},
        {u"setup_future_usage"_s, optionalString(u"setup_future_usage"_s)},
        {u"shipping"_s, QJsonValue::Null},
        {u"source"_s, QJsonValue::Null},
        {u"statement_descriptor"_s, optionalString(u"statement_descriptor"_s)},
        {u"statement_descriptor_suffix"_s, optionalString(u"statement_descriptor_suffix"_s)},
        {u"status"_s, u"requires_payment_method"_s},
        {u"transfer_data"_s, QJsonValue::Null},
        {u"transfer_group"_s, QJsonValue::Null},
    };
    m_intents.insert(id, intent);
    m_intentOrder.append(id);
    emitEvent(u"payment_intent.created"_s, intent, call, id);
    return {200, intent};
}

StripeService::Answer StripeService::retrieveIntent(Call &call, const QString &id)
{
    if (auto error = unknownParams(call.params,
                                   {u"client_secret"_s, u"key"_s, u"expand"_s, u"_stripe_version"_s,
                                    u"_stripe_account"_s})) {
        return *error;
    }
    const auto it = m_intents.constFind(id);
    if (it == m_intents.cend()) {
        return noSuch(u"payment_intent"_s, id);
    }
    if (auto refused = checkClientSecret(call, *it)) {
        return *refused;
    }
    return {200, *it};
}

StripeService::Answer StripeService::confirmIntent(Call &call, const QString &id)
{
    const StripeParams &params = call.params;
    if (auto error =
            unknownParams(params,
                          {u"payment_method_data"_s, u"payment_method"_s, u"client_secret"_s,
                           u"key"_s, u"return_url"_s, u"expand"_s, u"use_stripe_sdk"_s,
                           u"receipt_email"_s, u"_stripe_version"_s, u"_stripe_account"_s})) {
        return *error;
    }
    auto it = m_intents.find(id);
    if (it == m_intents.end()) {
        return noSuch(u"payment_intent"_s, id);
    }
    if (auto refused = checkClientSecret(call, *it)) {
        return *refused;
    }
    const QString status = it->value(u"status"_s).toString();
    if (status == u"succeeded"_s) {
        return unexpectedState(u"You cannot confirm this PaymentIntent because it has already "
                               "succeeded after being previously confirmed."_s);
    }
    if (status == u"canceled"_s) {
        return unexpectedState(u"You cannot confirm this PaymentIntent because it has a status "
                               "of canceled. Only a PaymentIntent with one of the following "
                               "statuses may be confirmed: requires_confirmation, "
                               "requires_payment_method."_s);
    }

    // The card: inline card data (what this sandbox's Stripe.js sends) or a test PaymentMethod.
    Card card;
    if (params.has(u"payment_method"_s)) {
        const QString pm = params.value(u"payment_method"_s);
        const std::optional<Card> test = testPaymentMethod(pm);
        if (test) {
            card = *test;
        } else if (m_paymentMethods.contains(pm)) {
            const QJsonObject stored = m_paymentMethods.value(pm);
            card.number = stored.value(u"_number"_s).toString();
            card.expMonth = stored.value(u"card"_s).toObject().value(u"exp_month"_s).toInt();
            card.expYear = stored.value(u"card"_s).toObject().value(u"exp_year"_s).toInt();
        } else {
            return noSuch(u"PaymentMethod"_s, pm, u"payment_method"_s);
        }
    } else if (!params.keysUnder(u"payment_method_data"_s).isEmpty()) {
        const QString type = params.value(u"payment_method_data[type]"_s);
        if (type.isEmpty()) {
            return missing(u"payment_method_data[type]"_s);
        }
        if (type != u"card"_s) {
            return invalid(u"Invalid payment_method_data[type]: shop-sandbox emulates card "
                           "payments only."_s,
                           u"payment_method_data[type]"_s);
        }
        for (const QString &key : params.keysUnder(u"payment_method_data"_s)) {
            const QString second = StripeParams::splitKey(key).value(1);
            if (second != u"type"_s && second != u"card"_s && second != u"billing_details"_s
                && second != u"metadata"_s) {
                return invalid(u"Received unknown parameter: %1"_s.arg(key), key,
                               u"parameter_unknown"_s);
            }
        }
        Answer error;
        std::optional<Card> parsed = cardFrom(params, &error);
        if (!parsed) {
            if (error.status == 402) {
                // Refused when the PaymentMethod is created: the intent keeps waiting for one
                // and shows the error; no charge.
                QJsonObject lastError = error.body.value(u"error"_s).toObject();
                it->insert(u"last_payment_error"_s, lastError);
                it->insert(u"status"_s, u"requires_payment_method"_s);
                lastError.insert(u"payment_intent"_s, *it);
                error.body = QJsonObject {{u"error"_s, lastError}};
            }
            return error;
        }
        card = *parsed;
    } else if (it->value(u"payment_method"_s).isNull()) {
        return unexpectedState(u"You cannot confirm this PaymentIntent because it's missing a "
                               "payment method. You can either update the PaymentIntent with a "
                               "payment method and then confirm it again, or confirm it again "
                               "directly with a payment method."_s);
    } else {
        return unexpectedState(u"You cannot confirm this PaymentIntent because its payment "
                               "method failed; provide a new payment method."_s);
    }
    if (params.has(u"receipt_email"_s)) {
        it->insert(u"receipt_email"_s, params.value(u"receipt_email"_s));
    }

    const QString pmId = randomId(u"pm_"_s);
    QJsonObject paymentMethod = paymentMethodObject(pmId, card);
    {
        QJsonObject stored = paymentMethod;
        stored.insert(u"_number"_s, card.number); // the sandbox's own note, never answered
        m_paymentMethods.insert(pmId, stored);
    }
    const CardBehaviour behaviour = behaviourOf(card.number);
    const QString chargeId = randomId(u"ch_"_s);
    const QJsonObject charge = chargeObject(chargeId, *it, paymentMethod, behaviour);
    m_charges.insert(chargeId, charge);
    it->insert(u"latest_charge"_s, chargeId);

    if (behaviour.code.isEmpty()) {
        it->insert(u"status"_s, u"succeeded"_s);
        it->insert(u"amount_received"_s, it->value(u"amount"_s));
        it->insert(u"payment_method"_s, pmId);
        it->insert(u"last_payment_error"_s, QJsonValue::Null);
        qCInfo(lcSandboxStripe, "%ls succeeded (%ls)", qUtf16Printable(id),
               qUtf16Printable(brandOf(card.number)));
        emitEvent(u"charge.succeeded"_s, charge, call, id);
        emitEvent(u"payment_intent.succeeded"_s, *it, call, id);
        return {200, *it};
    }
    const QJsonObject lastError {
        {u"charge"_s, chargeId},
        {u"code"_s, behaviour.code},
        {u"decline_code"_s, behaviour.declineCode},
        {u"doc_url"_s, docUrl(behaviour.code)},
        {u"message"_s, behaviour.message},
        {u"payment_method"_s, paymentMethod},
        {u"type"_s, u"card_error"_s},
    };
    it->insert(u"status"_s, u"requires_payment_method"_s);
    it->insert(u"payment_method"_s, QJsonValue::Null);
    it->insert(u"last_payment_error"_s, lastError);
    qCInfo(lcSandboxStripe, "%ls declined: %ls", qUtf16Printable(id),
           qUtf16Printable(behaviour.declineCode));
    emitEvent(u"charge.failed"_s, charge, call, id);
    emitEvent(u"payment_intent.payment_failed"_s, *it, call, id);
    QJsonObject error = lastError;
    error.insert(u"payment_intent"_s, *it);
    error.insert(u"request_log_url"_s,
                 u"https://dashboard.stripe.com/test/logs/%1"_s.arg(call.requestId));
    return {402, QJsonObject {{u"error"_s, error}}};
}

StripeService::Answer StripeService::cancelIntent(Call &call, const QString &id)
{
    if (auto error = unknownParams(call.params, {u"cancellation_reason"_s, u"expand"_s})) {
        return *error;
    }
    const QString reason = call.params.value(u"cancellation_reason"_s);
    static const QStringList reasons {u"abandoned"_s, u"duplicate"_s, u"fraudulent"_s,
                                      u"requested_by_customer"_s};
    if (call.params.has(u"cancellation_reason"_s) && !reasons.contains(reason)) {
        return invalid(u"Invalid cancellation_reason: must be one of abandoned, duplicate, "
                       "fraudulent, or requested_by_customer"_s,
                       u"cancellation_reason"_s);
    }
    auto it = m_intents.find(id);
    if (it == m_intents.end()) {
        return noSuch(u"payment_intent"_s, id);
    }
    const QString status = it->value(u"status"_s).toString();
    if (status == u"succeeded"_s || status == u"canceled"_s) {
        return unexpectedState(
            u"You cannot cancel this PaymentIntent because it has a status of %1. Only a "
            "PaymentIntent with one of the following statuses may be canceled: "
            "requires_payment_method, requires_capture, requires_confirmation, requires_action, "
            "processing."_s.arg(status));
    }
    it->insert(u"status"_s, u"canceled"_s);
    it->insert(u"canceled_at"_s, now());
    it->insert(u"cancellation_reason"_s,
               reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(reason));
    emitEvent(u"payment_intent.canceled"_s, *it, call, id);
    return {200, *it};
}

// ---- Refunds ----------------------------------------------------------------------------------

StripeService::Answer StripeService::createRefund(Call &call)
{
    const StripeParams &params = call.params;
    if (auto error = unknownParams(params,
                                   {u"payment_intent"_s, u"charge"_s, u"amount"_s, u"reason"_s,
                                    u"metadata"_s, u"expand"_s, u"instructions_email"_s})) {
        return *error;
    }
    const QString reason = params.value(u"reason"_s);
    static const QStringList reasons {u"duplicate"_s, u"fraudulent"_s, u"requested_by_customer"_s};
    if (params.has(u"reason"_s) && !reasons.contains(reason)) {
        return invalid(u"Invalid reason: must be one of duplicate, fraudulent, or "
                       "requested_by_customer"_s,
                       u"reason"_s);
    }
    std::optional<qint64> amount;
    if (params.has(u"amount"_s)) {
        Answer error;
        amount = integerParam(params, u"amount"_s, &error);
        if (!amount) {
            return error;
        }
        if (*amount < 1) {
            return invalid(u"Invalid positive integer"_s, u"amount"_s,
                           u"parameter_invalid_integer"_s);
        }
    }
    QJsonObject metadata;
    if (auto bad = metadataFrom(params, &metadata)) {
        return *bad;
    }
    QString chargeId;
    QString intentId = params.value(u"payment_intent"_s);
    if (!intentId.isEmpty()) {
        const auto intent = m_intents.constFind(intentId);
        if (intent == m_intents.cend()) {
            return noSuch(u"payment_intent"_s, intentId, u"payment_intent"_s);
        }
        if (intent->value(u"status"_s).toString() != u"succeeded"_s) {
            return stripeError(400, u"invalid_request_error"_s,
                               u"This PaymentIntent (%1) does not have a successful charge to "
                               "refund."_s.arg(intentId),
                               {}, u"payment_intent"_s);
        }
        chargeId = intent->value(u"latest_charge"_s).toString();
    } else if (params.has(u"charge"_s)) {
        chargeId = params.value(u"charge"_s);
        if (!m_charges.contains(chargeId)) {
            return noSuch(u"charge"_s, chargeId, u"charge"_s);
        }
        intentId = m_charges.value(chargeId).value(u"payment_intent"_s).toString();
    } else {
        return invalid(u"One of the following params should be provided for this request: "
                       "payment_intent or charge."_s);
    }
    auto charge = m_charges.find(chargeId);
    if (charge->value(u"status"_s).toString() != u"succeeded"_s) {
        return stripeError(400, u"invalid_request_error"_s,
                           u"Charge %1 has not succeeded and cannot be refunded."_s.arg(chargeId));
    }
    const QString currency = charge->value(u"currency"_s).toString();
    const qint64 captured = charge->value(u"amount_captured"_s).toInteger();
    const qint64 refunded = charge->value(u"amount_refunded"_s).toInteger();
    const qint64 left = captured - refunded;
    if (left <= 0) {
        return stripeError(400, u"invalid_request_error"_s,
                           u"Charge %1 has already been refunded."_s.arg(chargeId),
                           u"charge_already_refunded"_s);
    }
    const qint64 value = amount.value_or(left);
    if (value > left) {
        return stripeError(
            400, u"invalid_request_error"_s,
            u"Refund amount (%1) is greater than unrefunded amount on charge (%2)"_s.arg(
                formatAmount(value, currency), formatAmount(left, currency)),
            u"amount_too_large"_s, u"amount"_s);
    }

    const QString refundId = randomId(u"re_"_s);
    const QJsonObject refund {
        {u"id"_s, refundId},
        {u"object"_s, u"refund"_s},
        {u"amount"_s, value},
        {u"balance_transaction"_s, randomId(u"txn_"_s)},
        {u"charge"_s, chargeId},
        {u"created"_s, now()},
        {u"currency"_s, currency},
        {u"destination_details"_s,
         QJsonObject {{u"card"_s,
                       QJsonObject {{u"reference_status"_s, u"pending"_s},
                                    {u"reference_type"_s, u"acquirer_reference_number"_s},
                                    {u"type"_s, u"refund"_s}}},
                      {u"type"_s, u"card"_s}}},
        {u"metadata"_s, metadata},
        {u"payment_intent"_s, intentId},
        {u"reason"_s, reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(reason)},
        {u"receipt_number"_s, QJsonValue::Null},
        {u"source_transfer_reversal"_s, QJsonValue::Null},
        {u"status"_s, u"succeeded"_s},
        {u"transfer_reversal"_s, QJsonValue::Null},
    };
    m_refunds.insert(refundId, refund);

    const QJsonObject previous {{u"amount_refunded"_s, refunded},
                                {u"refunded"_s, charge->value(u"refunded"_s)}};
    charge->insert(u"amount_refunded"_s, refunded + value);
    charge->insert(u"refunded"_s, refunded + value == captured);
    QJsonObject list = charge->value(u"refunds"_s).toObject();
    QJsonArray data = list.value(u"data"_s).toArray();
    data.prepend(refund);
    list.insert(u"data"_s, data);
    list.insert(u"total_count"_s, data.size());
    charge->insert(u"refunds"_s, list);
    qCInfo(lcSandboxStripe, "refund %ls of %lld on %ls", qUtf16Printable(refundId),
           static_cast<long long>(value), qUtf16Printable(chargeId));
    emitEvent(u"charge.refunded"_s, *charge, call, intentId, previous);
    emitEvent(u"refund.created"_s, refund, call, intentId);
    return {200, refund};
}

StripeService::Answer StripeService::retrieveRefund(Call &call, const QString &id)
{
    if (auto error = unknownParams(call.params, {u"expand"_s})) {
        return *error;
    }
    const auto it = m_refunds.constFind(id);
    if (it == m_refunds.cend()) {
        return noSuch(u"refund"_s, id);
    }
    return {200, *it};
}

// ---- Events -----------------------------------------------------------------------------------

StripeService::Answer StripeService::retrieveEvent(Call &call, const QString &id)
{
    if (auto error = unknownParams(call.params, {u"expand"_s})) {
        return *error;
    }
    const auto it = m_eventIndex.constFind(id);
    if (it == m_eventIndex.cend()) {
        return noSuch(u"event"_s, id);
    }
    return {200, m_events.at(*it)};
}

StripeService::Answer StripeService::listEvents(Call &call)
{
    const StripeParams &params = call.params;
    if (auto error =
            unknownParams(params,
                          {u"limit"_s, u"starting_after"_s, u"ending_before"_s, u"type"_s,
                           u"types"_s, u"expand"_s, u"created"_s, u"delivery_success"_s})) {
        return *error;
    }
    qint64 limit = 10;
    if (params.has(u"limit"_s)) {
        Answer error;
        const std::optional<qint64> value = integerParam(params, u"limit"_s, &error);
        if (!value) {
            return error;
        }
        if (*value < 1 || *value > 100) {
            return invalid(
                u"This value must be between 1 and 100 (it currently is %1)."_s.arg(*value),
                u"limit"_s);
        }
        limit = *value;
    }
    QStringList types = params.list(u"types"_s);
    if (params.has(u"type"_s)) {
        types.append(params.value(u"type"_s));
    }
    const auto matches = [&types](const QJsonObject &event) {
        if (types.isEmpty()) {
            return true;
        }
        const QString type = event.value(u"type"_s).toString();
        return std::any_of(types.cbegin(), types.cend(), [&type](const QString &wanted) {
            return wanted == type
                || (wanted.endsWith(u".*"_s) && type.startsWith(wanted.chopped(1)));
        });
    };
    // Newest first: index m_events.size()-1 down to 0.
    qsizetype start = m_events.size() - 1;
    qsizetype stop = -1; // exclusive, walking down
    const QString after = params.value(u"starting_after"_s);
    const QString before = params.value(u"ending_before"_s);
    if (!after.isEmpty()) {
        const auto it = m_eventIndex.constFind(after);
        if (it == m_eventIndex.cend()) {
            return noSuch(u"event"_s, after, u"starting_after"_s);
        }
        start = *it - 1;
    }
    QJsonArray data;
    bool hasMore = false;
    if (!before.isEmpty()) {
        const auto it = m_eventIndex.constFind(before);
        if (it == m_eventIndex.cend()) {
            return noSuch(u"event"_s, before, u"ending_before"_s);
        }
        // The page right before (newer than) `before`: walk up from it, then reverse.
        QList<QJsonObject> newer;
        for (qsizetype i = *it + 1; i < m_events.size(); ++i) {
            if (matches(m_events.at(i))) {
                if (newer.size() == limit) {
                    hasMore = true;
                    break;
                }
                newer.append(m_events.at(i));
            }
        }
        std::reverse(newer.begin(), newer.end());
        for (const QJsonObject &event : std::as_const(newer)) {
            data.append(event);
        }
    } else {
        for (qsizetype i = start; i > stop; --i) {
            if (!matches(m_events.at(i))) {
                continue;
            }
            if (data.size() == limit) {
                hasMore = true;
                break;
            }
            data.append(m_events.at(i));
        }
    }
    return {200,
            QJsonObject {{u"object"_s, u"list"_s},
                         {u"data"_s, data},
                         {u"has_more"_s, hasMore},
                         {u"url"_s, u"/v1/events"_s}}};
}

// ---- Webhook endpoints ------------------------------------------------------------------------

StripeService::Answer StripeService::createEndpoint(Call &call)
{
    const StripeParams &params = call.params;
    if (auto error = unknownParams(params,
                                   {u"url"_s, u"enabled_events"_s, u"description"_s, u"metadata"_s,
                                    u"api_version"_s, u"expand"_s})) {
        return *error;
    }
    if (!params.has(u"url"_s)) {
        return missing(u"url"_s);
    }
    const QString text = params.value(u"url"_s);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s)
        || url.host().isEmpty()) {
        return invalid(u"Invalid URL: %1. URLs must begin with http:// or https:// and contain "
                       "a host."_s.arg(text),
                       u"url"_s, u"url_invalid"_s);
    }
    const QStringList events = params.list(u"enabled_events"_s);
    if (events.isEmpty()) {
        return missing(u"enabled_events"_s);
    }
    static const QStringList known {
        u"*"_s,
        u"payment_intent.created"_s,
        u"payment_intent.succeeded"_s,
        u"payment_intent.payment_failed"_s,
        u"payment_intent.canceled"_s,
        u"payment_intent.processing"_s,
        u"payment_intent.requires_action"_s,
        u"payment_intent.amount_capturable_updated"_s,
        u"payment_intent.partially_funded"_s,
        u"charge.succeeded"_s,
        u"charge.failed"_s,
        u"charge.refunded"_s,
        u"charge.updated"_s,
        u"charge.captured"_s,
        u"charge.refund.updated"_s,
        u"refund.created"_s,
        u"refund.updated"_s,
        u"refund.failed"_s,
    };
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (!known.contains(events.at(i))) {
            return invalid(
                u"Invalid enabled_events[%1]: must be one of %2"_s.arg(i).arg(known.join(u", "_s)),
                u"enabled_events[%1]"_s.arg(i));
        }
    }
    QJsonObject metadata;
    if (auto bad = metadataFrom(params, &metadata)) {
        return *bad;
    }
    addEndpoint(text, events, params.value(u"description"_s));
    QJsonObject object = m_endpoints.last().object;
    object.insert(u"metadata"_s, metadata);
    if (params.has(u"api_version"_s)) {
        object.insert(u"api_version"_s, params.value(u"api_version"_s));
    }
    m_endpoints.last().object = object;
    object.insert(u"secret"_s, m_options.webhookSecret); // only the creation answer shows it
    qCInfo(lcSandboxStripe, "webhook endpoint %ls registered (%lld event types)",
           qUtf16Printable(object.value(u"id"_s).toString()),
           static_cast<long long>(events.size()));
    return {200, object};
}

StripeService::Answer StripeService::listEndpoints(Call &call)
{
    if (auto error = unknownParams(
            call.params, {u"limit"_s, u"starting_after"_s, u"ending_before"_s, u"expand"_s})) {
        return *error;
    }
    QJsonArray data;
    for (auto it = m_endpoints.crbegin(); it != m_endpoints.crend(); ++it) {
        data.append(it->object);
    }
    return {200,
            QJsonObject {{u"object"_s, u"list"_s},
                         {u"data"_s, data},
                         {u"has_more"_s, false},
                         {u"url"_s, u"/v1/webhook_endpoints"_s}}};
}

StripeService::Answer StripeService::retrieveEndpoint(Call &call, const QString &id)
{
    if (auto error = unknownParams(call.params, {u"expand"_s})) {
        return *error;
    }
    for (const Endpoint &endpoint : std::as_const(m_endpoints)) {
        if (endpoint.object.value(u"id"_s).toString() == id) {
            return {200, endpoint.object};
        }
    }
    return noSuch(u"webhook_endpoint"_s, id);
}

StripeService::Answer StripeService::deleteEndpoint(Call &call, const QString &id)
{
    if (auto error = unknownParams(call.params, {})) {
        return *error;
    }
    for (qsizetype i = 0; i < m_endpoints.size(); ++i) {
        if (m_endpoints.at(i).object.value(u"id"_s).toString() == id) {
            m_endpoints.removeAt(i);
            return {200,
                    QJsonObject {
                        {u"id"_s, id}, {u"object"_s, u"webhook_endpoint"_s}, {u"deleted"_s, true}}};
        }
    }
    return noSuch(u"webhook_endpoint"_s, id);
}

// ---- routes -----------------------------------------------------------------------------------

void StripeService::registerRoutes(Http::Router &router)
{
    registerStripeJsRoutes(router);
    const auto route =
        [this, &router](const char *method, const QString &pattern, Access access,
                        std::function<Answer(StripeService *, Call &, const QString &)> operation) {
            Http::Handler handler = [this, access,
                                     operation](const Http::Request &request) -> Http::Reply {
                const QString id = request.pathParam(u"id"_s);
                return api(request, access, [this, &operation, &id](Call &call) {
                    return operation(this, call, id);
                });
            };
            Http::Route r;
            r.method = QByteArray(method);
            r.pattern = pattern;
            r.handler = std::move(handler);
            router.add(std::move(r));
        };
    route("POST", u"/v1/payment_intents"_s, Access::Secret,
          [](StripeService *s, Call &c, const QString &) { return s->createIntent(c); });
    route("GET", u"/v1/payment_intents/{id}"_s, Access::SecretOrPublishable,
          [](StripeService *s, Call &c, const QString &id) { return s->retrieveIntent(c, id); });
    route("POST", u"/v1/payment_intents/{id}/confirm"_s, Access::SecretOrPublishable,
          [](StripeService *s, Call &c, const QString &id) { return s->confirmIntent(c, id); });
    route("POST", u"/v1/payment_intents/{id}/cancel"_s, Access::Secret,
          [](StripeService *s, Call &c, const QString &id) { return s->cancelIntent(c, id); });
    route("POST", u"/v1/refunds"_s, Access::Secret,
          [](StripeService *s, Call &c, const QString &) { return s->createRefund(c); });
    route("GET", u"/v1/refunds/{id}"_s, Access::Secret,
          [](StripeService *s, Call &c, const QString &id) { return s->retrieveRefund(c, id); });
    route("GET", u"/v1/events"_s, Access::Secret,
          [](StripeService *s, Call &c, const QString &) { return s->listEvents(c); });
    route("GET", u"/v1/events/{id}"_s, Access::Secret,
          [](StripeService *s, Call &c, const QString &id) { return s->retrieveEvent(c, id); });
    route("POST", u"/v1/webhook_endpoints"_s, Access::Secret,
          [](StripeService *s, Call &c, const QString &) { return s->createEndpoint(c); });
    route("GET", u"/v1/webhook_endpoints"_s, Access::Secret,
          [](StripeService *s, Call &c, const QString &) { return s->listEndpoints(c); });
    route("GET", u"/v1/webhook_endpoints/{id}"_s, Access::Secret,
          [](StripeService *s, Call &c, const QString &id) { return s->retrieveEndpoint(c, id); });
    route("DELETE", u"/v1/webhook_endpoints/{id}"_s, Access::Secret,
          [](StripeService *s, Call &c, const QString &id) { return s->deleteEndpoint(c, id); });

    // Test switches and views (JSON, not Stripe's API).
    router.post(u"/api/stripe/failures"_s, [this](const Http::Request &request) -> Http::Reply {
        const Result<QJsonObject> json = request.jsonObject();
        if (!json) {
            return fail(json.error());
        }
        const double count = json->value(u"count"_s).toDouble(1);
        const double status = json->value(u"status"_s).toDouble(0);
        const double delayMs = json->value(u"delay_ms"_s).toDouble(0);
        QList<FieldError> errors;
        if (!(count >= 1 && count <= kMaxSwitchCount)) {
            errors.append({u"count"_s, u"Must be a number from 1 to 1000000."_s});
        }
        if (!(status == 0 || (status >= 400 && status <= 599))) {
            errors.append({u"status"_s, u"Must be an HTTP status from 400 to 599."_s});
        }
        if (!(delayMs >= 0 && delayMs <= kMaxDelayMs)) {
            errors.append({u"delay_ms"_s, u"Must be milliseconds from 0 to 60000."_s});
        }
        if (errors.isEmpty() && status == 0 && delayMs == 0) {
            errors.append({u"status"_s, u"Give a status, a delay_ms, or both."_s});
        }
        if (!errors.isEmpty()) {
            return fail(Error::validation(errors));
        }
        setFailureSwitch({int(count), int(status), int(delayMs)});
        return Http::Response::noContent();
    });
    router.del(u"/api/stripe/failures"_s, [this](const Http::Request &) -> Http::Reply {
        setFailureSwitch({});
        return Http::Response::noContent();
    });
    router.post(
        u"/api/stripe/webhook-switches"_s, [this](const Http::Request &request) -> Http::Reply {
            const Result<QJsonObject> json = request.jsonObject();
            if (!json) {
                return fail(json.error());
            }
            const double count = json->value(u"count"_s).toDouble(1);
            const QJsonValue duplicate = json->value(u"duplicate"_s);
            const double delayMs = json->value(u"delay_ms"_s).toDouble(0);
            const double stale = json->value(u"stale_seconds"_s).toDouble(0);
            const QJsonValue reorder = json->value(u"reorder"_s);
            QList<FieldError> errors;
            if (!(count >= 1 && count <= kMaxSwitchCount)) {
                errors.append({u"count"_s, u"Must be a number from 1 to 1000000."_s});
            }
            if (!duplicate.isUndefined() && !duplicate.isBool()) {
                errors.append({u"duplicate"_s, u"Must be true or false."_s});
            }
            if (!reorder.isUndefined() && !reorder.isBool()) {
                errors.append({u"reorder"_s, u"Must be true or false."_s});
            }
            if (!(delayMs >= 0 && delayMs <= kMaxDelayMs)) {
                errors.append({u"delay_ms"_s, u"Must be milliseconds from 0 to 60000."_s});
            }
            if (!(stale >= 0 && stale <= 86400 * 30)) {
                errors.append({u"stale_seconds"_s, u"Must be seconds from 0 to 2592000."_s});
            }
            if (errors.isEmpty() && !duplicate.toBool() && delayMs == 0 && stale == 0
                && !reorder.toBool()) {
                errors.append(
                    {u"duplicate"_s, u"Give duplicate, delay_ms, stale_seconds or reorder."_s});
            }
            if (!errors.isEmpty()) {
                return fail(Error::validation(errors));
            }
            setWebhookSwitch(
                {int(count), duplicate.toBool(), int(delayMs), qint64(stale), reorder.toBool()});
            return Http::Response::noContent();
        });
    router.del(u"/api/stripe/webhook-switches"_s, [this](const Http::Request &) -> Http::Reply {
        resetWebhookSwitch();
        return Http::Response::noContent();
    });
    router.post(u"/api/stripe/events/{id}/resend"_s,
                [this](const Http::Request &request) -> Http::Reply {
                    const QString id = request.pathParam(u"id"_s);
                    const QMutexLocker lock(&m_mutex);
                    const auto it = m_eventIndex.constFind(id);
                    if (it == m_eventIndex.cend()) {
                        return fail(Error::notFound(u"No such event."_s));
                    }
                    deliverEvent(m_events.at(*it), m_eventOrdering.value(id), {});
                    return Http::Response::noContent();
                });
    router.get(u"/api/stripe/deliveries"_s, [this](const Http::Request &) -> Http::Reply {
        QJsonArray array;
        for (const StripeWebhooks::Attempt &attempt : m_webhooks->attempts()) {
            array.append(QJsonObject {
                {u"event_id"_s, attempt.eventId},
                {u"event_type"_s, attempt.eventType},
                {u"endpoint_id"_s, attempt.endpointId},
                {u"url"_s, attempt.url},
                {u"attempt"_s, attempt.attempt},
                {u"status"_s, attempt.status},
                {u"error"_s,
                 attempt.error.isEmpty() ? QJsonValue(QJsonValue::Null)
                                         : QJsonValue(attempt.error)},
                {u"final"_s, attempt.final},
                {u"at"_s, attempt.at.toString(Qt::ISODateWithMs)},
            });
        }
        return Http::Response::json(QJsonObject {{u"deliveries"_s, array}});
    });
    router.del(u"/api/stripe/deliveries"_s, [this](const Http::Request &) -> Http::Reply {
        m_webhooks->clearAttempts();
        return Http::Response::noContent();
    });
}

// ---- the payments tab -------------------------------------------------------------------------

QString StripeService::renderTab() const
{
    QList<QJsonObject> intents;
    QList<QJsonObject> events;
    {
        const QMutexLocker lock(&m_mutex);
        for (auto it = m_intentOrder.crbegin(); it != m_intentOrder.crend() && intents.size() < 200;
             ++it) {
            intents.append(m_intents.value(*it));
        }
        for (auto it = m_events.crbegin(); it != m_events.crend() && events.size() < 200; ++it) {
            events.append(*it);
        }
    }
    const auto time = [](const QJsonValue &unix) {
        return QDateTime::fromSecsSinceEpoch(unix.toInteger(), Qt::UTC)
            .toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
    };
    QString html = u"<p>Stripe's API at <code>/v1/…</code> (keys: secret <code>%1…</code>, "
                   "publishable <code>%2</code>), Stripe.js at <code>/stripe-js/v3</code>. "
                   "Newest first.</p>"_s.arg(escapeHtml(m_options.secretKey.left(8)),
                                             escapeHtml(m_options.publishableKey));
    html += u"<h2>Payment intents</h2>"_s;
    if (intents.isEmpty()) {
        html += u"<p>None yet.</p>"_s;
    } else {
        html += u"<table><thead><tr><th>Created</th><th>Id</th><th>Amount</th><th>Status</th>"
                "<th>Last error</th><th>Metadata</th></tr></thead><tbody>"_s;
        for (const QJsonObject &intent : std::as_const(intents)) {
            const QJsonObject metadata = intent.value(u"metadata"_s).toObject();
            html +=
                u"<tr><td>%1</td><td><code>%2</code></td><td>%3 %4</td><td>%5</td><td>%6</td>"
                "<td>%7</td></tr>"_s.arg(
                    time(intent.value(u"created"_s)), escapeHtml(intent.value(u"id"_s).toString()),
                    QString::number(intent.value(u"amount"_s).toInteger()),
                    escapeHtml(intent.value(u"currency"_s).toString()),
                    escapeHtml(intent.value(u"status"_s).toString()),
                    escapeHtml(intent.value(u"last_payment_error"_s)
                                   .toObject()
                                   .value(u"message"_s)
                                   .toString()),
                    escapeHtml(
                        QString::fromUtf8(QJsonDocument(metadata).toJson(QJsonDocument::Compact))));
        }
        html += u"</tbody></table>"_s;
    }
    html += u"<h2>Events</h2>"_s;
    if (events.isEmpty()) {
        html += u"<p>None yet.</p>"_s;
    } else {
        html += u"<table><thead><tr><th>Created</th><th>Id</th><th>Type</th><th>Object</th>"
                "<th></th></tr></thead><tbody>"_s;
        for (const QJsonObject &event : std::as_const(events)) {
            const QString id = event.value(u"id"_s).toString();
            html += u"<tr><td>%1</td><td><code>%2</code></td><td>%3</td><td><code>%4</code></td>"
                    "<td><form method=\"post\" action=\"/api/stripe/events/%5/resend\">"
                    "<button>Resend</button></form></td></tr>"_s.arg(
                        time(event.value(u"created"_s)), escapeHtml(id),
                        escapeHtml(event.value(u"type"_s).toString()),
                        escapeHtml(event.value(u"data"_s)
                                       .toObject()
                                       .value(u"object"_s)
                                       .toObject()
                                       .value(u"id"_s)
                                       .toString()),
                        escapeHtml(QString::fromLatin1(QUrl::toPercentEncoding(id))));
        }
        html += u"</tbody></table>"_s;
    }
    const QList<StripeWebhooks::Attempt> attempts = m_webhooks->attempts();
    html += u"<h2>Webhook deliveries</h2>"_s;
    if (attempts.isEmpty()) {
        html += u"<p>None yet (endpoints: <code>--stripe-webhook-url</code> or "
                "<code>POST /v1/webhook_endpoints</code>; resend with <code>POST "
                "/api/stripe/events/{id}/resend</code>).</p>"_s;
    } else {
        html += u"<table><thead><tr><th>At</th><th>Event</th><th>Type</th><th>Endpoint</th>"
                "<th>Attempt</th><th>Answer</th></tr></thead><tbody>"_s;
        for (qsizetype i = 0; i < attempts.size() && i < 200; ++i) {
            const StripeWebhooks::Attempt &a = attempts.at(i);
            html += u"<tr><td>%1</td><td><code>%2</code></td><td>%3</td><td>%4</td><td>%5%6</td>"
                    "<td>%7</td></tr>"_s.arg(a.at.toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s),
                                             escapeHtml(a.eventId), escapeHtml(a.eventType),
                                             escapeHtml(a.url), QString::number(a.attempt),
                                             a.final ? u" (final)"_s : QString(),
                                             a.status > 0 ? QString::number(a.status)
                                                          : escapeHtml(u"no answer: "_s + a.error));
        }
        html += u"</tbody></table>"_s;
    }
    return html;
}

} // namespace Shop::Sandbox
