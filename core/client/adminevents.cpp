#include "adminevents.h"

#include "client/apiclient.h"
#include "client/authenticator.h"
#include "client/authsession.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcEvents, "shop.client.events", QtInfoMsg)

namespace Shop::Client {

// ---------------------------------------------------------------------------------------------
// EventStreamParser

QList<ServerSentEvent> EventStreamParser::feed(QByteArrayView chunk)
{
    QList<ServerSentEvent> out;
    qsizetype start = 0;
    const qsizetype size = chunk.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = chunk[i];
        if (c != '\n' && c != '\r') {
            continue;
        }
        if (c == '\n' && m_afterCr && i == start && m_line.isEmpty()) {
            // The LF of a CRLF whose CR ended the previous line.
            m_afterCr = false;
            start = i + 1;
            continue;
        }
        m_line.append(chunk.sliced(start, i - start));
        start = i + 1;
        m_afterCr = (c == '\r');
        processLine(std::exchange(m_line, QByteArray()), out);
        if (c == '\r' && i + 1 < size && chunk[i + 1] == '\n') {
            ++i; // CRLF inside this chunk
            start = i + 1;
            m_afterCr = false;
        }
    }
    if (start < size) {
        m_afterCr = false;
        m_line.append(chunk.sliced(start));
    }
    return out;
}

void EventStreamParser::reset()
{
    m_line.clear();
    m_afterCr = false;
    m_firstLine = true;
    m_data.clear();
    m_hasData = false;
    m_type.clear();
    m_idBuffer = m_lastEventId;
}

void EventStreamParser::processLine(QByteArray line, QList<ServerSentEvent> &out)
{
    if (m_firstLine) {
        m_firstLine = false;
        if (line.startsWith("\xEF\xBB\xBF")) {
            line.remove(0, 3);
        }
    }
    if (line.isEmpty()) {
        // Dispatch: the id counts from here on, even for an event without data.
        m_lastEventId = m_idBuffer;
        if (m_hasData) {
            ServerSentEvent event;
            event.id = m_lastEventId;
            if (!m_type.isEmpty()) {
                event.type = QString::fromUtf8(m_type);
            }
            event.data = std::move(m_data);
            out.append(std::move(event));
        }
        m_data.clear();
        m_hasData = false;
        m_type.clear();
        return;
    }
    if (line.startsWith(':')) {
        return; // comment (the server's keepalive)
    }
    QByteArray field;
    QByteArray value;
    if (const qsizetype colon = line.indexOf(':'); colon >= 0) {
        field = line.left(colon);
        value = line.mid(colon + 1);
        if (value.startsWith(' ')) {
            value.remove(0, 1);
        }
    } else {
        field = line;
    }
    if (field == "event") {
        m_type = value;
    } else if (field == "data") {
        if (m_hasData) {
            m_data.append('\n');
        }
        m_data.append(value);
        m_hasData = true;
    } else if (field == "id") {
        if (!value.contains('\0')) {
            m_idBuffer = value;
        }
    } else if (field == "retry") {
        const bool digits = !value.isEmpty() && value.size() <= 12
            && std::all_of(value.cbegin(), value.cend(),
                           [](char c) { return c >= '0' && c <= '9'; });
        if (digits) {
            m_retry = value.toLongLong();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Event data

namespace {

Money moneyOf(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    const auto currency = Currency::fromCode(object.value(u"currency").toString());
    return Money(qint64(object.value(u"amount").toDouble()), currency.value_or(Currency()));
}

QString idOf(const QJsonValue &value)
{
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble()) {
        return QString::number(qint64(value.toDouble()));
    }
    return {};
}

} // namespace

AdminOrderEvent AdminOrderEvent::fromJson(const QJsonObject &json)
{
    AdminOrderEvent event;
    event.orderId = idOf(json.value(u"order_id"));
    event.orderNumber = json.value(u"order_number").toString();
    event.status = json.value(u"status").toString();
    event.total = moneyOf(json.value(u"total"));
    event.customerEmail = json.value(u"customer_email").toString();
    event.createdAt =
        QDateTime::fromString(json.value(u"created_at").toString(), Qt::ISODateWithMs);
    event.from = json.value(u"from").toString();
    event.to = json.value(u"to").toString();
    return event;
}

StockLowEvent StockLowEvent::fromJson(const QJsonObject &json)
{
    StockLowEvent event;
    event.productId = idOf(json.value(u"product_id"));
    event.sku = json.value(u"sku").toString();
    event.name = json.value(u"name").toString();
    event.stockQuantity = qint64(json.value(u"stock_quantity").toDouble());
    event.threshold = qint64(json.value(u"threshold").toDouble());
    return event;
}

CatalogChangedEvent CatalogChangedEvent::fromJson(const QJsonObject &json)
{
    CatalogChangedEvent event;
    event.productId = idOf(json.value(u"product_id"));
    event.categoryId = idOf(json.value(u"category_id"));
    event.action = json.value(u"action").toString();
    return event;
}

// ---------------------------------------------------------------------------------------------
// AdminEvents

AdminEvents::AdminEvents(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_reconnectTimer(new QTimer(this))
{
    m_reconnectTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, &AdminEvents::connectNow);
    if (api) {
        // Another server: its ids mean nothing here.
        connect(api, &ApiClient::baseUrlChanged, this, [this] {
            m_parser.setLastEventId({});
            if (m_state != State::Stopped) {
                stop();
                start();
            }
        });
    }
}

AdminEvents::~AdminEvents()
{
    dropReply();
}

void AdminEvents::start()
{
    if (m_state == State::Connecting || m_state == State::Connected) {
        return;
    }
    m_failures = 0;
    m_refreshedOnce = false;
    connectNow();
}

void AdminEvents::stop()
{
    ++m_generation;
    m_reconnectTimer->stop();
    dropReply();
    setState(State::Stopped);
}

std::chrono::milliseconds AdminEvents::nextDelay() const
{
    qint64 delay = m_parser.retry().value_or(m_defaultRetry.count());
    for (int i = 1; i < m_failures && delay < kMaxRetry.count(); ++i) {
        delay *= 2;
    }
    return std::chrono::milliseconds(std::min<qint64>(delay, kMaxRetry.count()));
}

void AdminEvents::connectNow()
{
    m_reconnectTimer->stop();
    dropReply();
    if (!m_api) {
        setState(State::Stopped);
        return;
    }
    QNetworkRequest request(m_api->resolve(QStringLiteral("api/admin/events")));
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-cache");
    if (!m_parser.lastEventId().isEmpty()) {
        request.setRawHeader("Last-Event-ID", m_parser.lastEventId());
    }
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    // An inactivity timeout: the server sends a keepalive every 15 s.
    request.setTransferTimeout(int(kStallTimeout.count()));
    if (Authenticator *authenticator = m_api->authenticator()) {
        authenticator->authorize(request);
    }
    m_parser.reset();
    m_streamOpen = false;
    ++m_connections;
    setState(m_state == State::Connected || m_state == State::Reconnecting ? State::Reconnecting
                                                                           : State::Connecting);
    QNetworkReply *reply = m_api->networkAccessManager()->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &AdminEvents::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &AdminEvents::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &AdminEvents::onFinished);
}

void AdminEvents::onMetaData()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply || m_streamOpen) {
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray type = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (status == 200 && type.trimmed().toLower().startsWith("text/event-stream")) {
        m_streamOpen = true;
        m_failures = 0;
        m_refreshedOnce = false;
        qCDebug(lcEvents) << "live feed connected" << m_api->baseUrl().toDisplayString();
        setState(State::Connected);
    }
}

void AdminEvents::onReadyRead()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply) {
        return;
    }
    if (!m_streamOpen) {
        onMetaData();
        if (!m_streamOpen) {
            reply->readAll(); // an error body: read at finished()
            return;
        }
    }
    const QByteArray bytes = reply->readAll();
    const QList<ServerSentEvent> events = m_parser.feed(bytes);
    if (m_parser.pendingLineBytes() > kMaxLineBytes) {
        qCWarning(lcEvents) << "live feed: a line longer than" << kMaxLineBytes
                            << "bytes; reconnecting";
        reply->abort();
        return;
    }
    const quint64 generation = m_generation;
    for (const ServerSentEvent &event : events) {
        dispatch(event);
        if (generation != m_generation || m_reply != reply) {
            return; // a receiver stopped or restarted the feed
        }
    }
}

void AdminEvents::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply) {
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool wasOpen = m_streamOpen;
    const QNetworkReply::NetworkError error = reply->error();
    dropReply();
    m_streamOpen = false;
    if (!wasOpen && status == 401) {
        if (m_refreshedOnce || !m_api || !m_api->authenticator()) {
            qCInfo(lcEvents) << "live feed: not authorised";
            setState(State::Unauthorized);
            return;
        }
        m_refreshedOnce = true;
        refreshThenReconnect();
        return;
    }
    if (!wasOpen && status == 403) {
        qCInfo(lcEvents) << "live feed: forbidden (not staff)";
        setState(State::Unauthorized);
        return;
    }
    if (wasOpen) {
        qCDebug(lcEvents) << "live feed ended" << error;
        // The server ends the stream of a token that expired: refresh before reconnecting when
        // ours is (nearly) out.
        if (auto *session = qobject_cast<AuthSession *>(m_api ? m_api->authenticator() : nullptr);
            session && session->isSignedIn() && session->accessTokenLifetime() >= 0
            && session->accessTokenLifetime() < 60) {
            setState(State::Reconnecting);
            refreshThenReconnect();
            return;
        }
        scheduleReconnect(false);
        return;
    }
    qCDebug(lcEvents) << "live feed attempt failed" << status << error;
    scheduleReconnect(true);
}

void AdminEvents::refreshThenReconnect()
{
    Authenticator *authenticator = m_api ? m_api->authenticator() : nullptr;
    if (!authenticator) {
        scheduleReconnect(true);
        return;
    }
    const quint64 generation = m_generation;
    QPointer<AdminEvents> self(this);
    authenticator->refresh([self, generation](bool ok) {
        if (!self || generation != self->m_generation || self->m_state == State::Stopped) {
            return;
        }
        if (!ok) {
            self->setState(State::Unauthorized);
            return;
        }
        // Later than the refresh call itself (it may answer before returning).
        QTimer::singleShot(0, self, [self, generation] {
            if (self && generation == self->m_generation && self->m_state != State::Stopped) {
                self->connectNow();
            }
        });
    });
}

void AdminEvents::scheduleReconnect(bool failed)
{
    if (failed) {
        ++m_failures;
    } else {
        m_failures = 0;
    }
    qint64 delay = nextDelay().count();
    // ±20% so that many consoles do not come back at the same instant.
    const qint64 jitter = delay / 5;
    if (jitter > 0) {
        delay += qint64(QRandomGenerator::global()->bounded(2 * jitter + 1)) - jitter;
    }
    setState(State::Reconnecting);
    m_reconnectTimer->start(int(std::max<qint64>(delay, 0)));
}

void AdminEvents::dispatch(const ServerSentEvent &event)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(event.data, &parseError);
    const QJsonObject data = document.isObject() ? document.object() : QJsonObject();
    Q_EMIT eventReceived(event.type, data, event.id);
    const QString &type = event.type;
    if (type == u"order.placed") {
        Q_EMIT orderPlaced(AdminOrderEvent::fromJson(data));
    } else if (type == u"order.paid") {
        Q_EMIT orderPaid(AdminOrderEvent::fromJson(data));
    } else if (type == u"order.cancelled") {
        Q_EMIT orderCancelled(AdminOrderEvent::fromJson(data));
    } else if (type == u"order.status_changed") {
        Q_EMIT orderStatusChanged(AdminOrderEvent::fromJson(data));
    } else if (type == u"stock.low") {
        Q_EMIT stockLow(StockLowEvent::fromJson(data));
    } else if (type == u"catalog.changed") {
        Q_EMIT catalogChanged(CatalogChangedEvent::fromJson(data));
    } else if (type == u"dashboard.changed") {
        Q_EMIT dashboardChanged();
    } else if (type == u"reset") {
        Q_EMIT resetRequired();
    }
}

void AdminEvents::dropReply()
{
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        if (reply->isRunning()) {
            reply->abort();
        }
        reply->deleteLater();
    }
}

void AdminEvents::setState(State state)
{
    if (m_state == state) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Shop::Client
