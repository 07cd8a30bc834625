#pragma once

#include "money.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <optional>

class QNetworkReply;
class QTimer;

namespace Shop::Client {

class ApiClient;

// One event of a text/event-stream (the HTML standard's "server-sent events").
struct ServerSentEvent
{
    QByteArray id; // the last event id at dispatch (kept from earlier events when none was sent)
    QString type = QStringLiteral("message"); // `event:`; "message" when none was sent
    QByteArray data; // the `data:` lines joined with '\n'
};

// The incremental event-stream parser of the HTML standard (9.2.6): bytes in any chunking in,
// whole events out. Lines end with CRLF, LF or CR (a CRLF split between two chunks counts once);
// a leading UTF-8 BOM is skipped; `:` lines are comments; a field without ':' has an empty value;
// one space after ':' is dropped; several `data:` lines are joined with '\n'; an `id` with NUL is
// ignored, and an id counts only once its event ends (blank line), so an event cut off by the end
// of a connection is asked for again; `retry` is taken only when it is all ASCII digits; unknown
// fields are ignored; an event without data is not dispatched (its id still counts); an unfinished
// event at the end of the stream is dropped (reset()).
class EventStreamParser final
{
public:
    // Parses `chunk` and returns the events it completed, in order.
    [[nodiscard]] QList<ServerSentEvent> feed(QByteArrayView chunk);
    // A new connection: the unfinished line and event go, the last event id and retry stay.
    void reset();

    [[nodiscard]] const QByteArray &lastEventId() const { return m_lastEventId; }
    void setLastEventId(const QByteArray &id) { m_lastEventId = m_idBuffer = id; }
    // The last `retry:` value in milliseconds, if any came.
    [[nodiscard]] std::optional<qint64> retry() const { return m_retry; }
    // Bytes of the line not yet ended (bounded by the caller; for tests and limits).
    [[nodiscard]] qsizetype pendingLineBytes() const { return m_line.size(); }

private:
    void processLine(QByteArray line, QList<ServerSentEvent> &out);

    QByteArray m_line;
    bool m_afterCr = false; // the previous byte ended a line with CR: skip one LF
    bool m_firstLine = true; // for the BOM
    QByteArray m_data;
    bool m_hasData = false;
    QByteArray m_type;
    QByteArray m_idBuffer; // `id:` of the event being read
    QByteArray m_lastEventId; // as of the last dispatch (blank line): sent as Last-Event-ID
    std::optional<qint64> m_retry;
};

// `order.placed`, `order.paid`, `order.cancelled`, `order.status_changed` (docs/events.md).
struct AdminOrderEvent
{
    QString orderId;
    QString orderNumber;
    QString status; // wire name ("paid", ...)
    Money total;
    QString customerEmail;
    QDateTime createdAt;
    QString from; // status_changed, paid, cancelled: the status before; else empty
    QString to;

    [[nodiscard]] static AdminOrderEvent fromJson(const QJsonObject &json);
};

// `stock.low`
struct StockLowEvent
{
    QString productId;
    QString sku;
    QString name;
    qint64 stockQuantity = 0;
    qint64 threshold = 0;

    [[nodiscard]] static StockLowEvent fromJson(const QJsonObject &json);
};

// `catalog.changed`
struct CatalogChangedEvent
{
    QString productId; // empty when null
    QString categoryId; // empty when null
    QString action; // "product.update", ...

    [[nodiscard]] static CatalogChangedEvent fromJson(const QJsonObject &json);
};

// The admin live feed, GET /api/admin/events as server-sent events (docs/apps.md, "Dashboard,
// live orders and the command palette"; the wire format is docs/events.md).
//
// start() connects with the ApiClient's base URL, network access manager and authenticator
// (AuthSession: `Authorization: Bearer`), `Accept: text/event-stream`, and `Last-Event-ID` once
// an event with an id came. The stream is parsed as it arrives and each event is emitted as
// eventReceived() and as the signal of its type. When the stream ends or fails the client
// reconnects after the server's `retry` (or kDefaultRetry), doubled after every failed attempt up
// to kMaxRetry, with ±20% jitter; a stream that was open resets the backoff. A 401 asks the
// authenticator for a new token once, then reconnects at once; a refused refresh or a 403 stops
// the feed (state Unauthorized) until start() is called again. An access token that is about
// to expire when the stream ends (the server ends streams of expired tokens) is refreshed before
// the reconnect. `reset` (the server no longer has the events after our id) is resetRequired():
// refetch everything. A stalled connection (no byte, not even the 15 s keepalive, for
// kStallTimeout) is dropped and reconnected.
class AdminEvents final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminEvents)

public:
    enum class State { Stopped, Connecting, Connected, Reconnecting, Unauthorized };
    Q_ENUM(State)

    static constexpr std::chrono::milliseconds kDefaultRetry {2000};
    static constexpr std::chrono::milliseconds kMaxRetry {30000};
    static constexpr std::chrono::milliseconds kStallTimeout {45000};
    static constexpr qsizetype kMaxLineBytes = 1024 * 1024;

    explicit AdminEvents(ApiClient *api, QObject *parent = nullptr);
    ~AdminEvents() override;

    void start();
    void stop();
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isConnected() const { return m_state == State::Connected; }
    [[nodiscard]] QByteArray lastEventId() const { return m_parser.lastEventId(); }
    // The delay before the next reconnect attempt (tests, diagnostics).
    [[nodiscard]] std::chrono::milliseconds nextDelay() const;
    // Number of connections opened so far (tests).
    [[nodiscard]] int connectionCount() const { return m_connections; }
    // Overrides the first reconnect delay until the server sends `retry` (tests).
    void setDefaultRetry(std::chrono::milliseconds retry) { m_defaultRetry = retry; }

Q_SIGNALS:
    void stateChanged(Shop::Client::AdminEvents::State state);
    // Every event, parsed data (an empty object when the data is not a JSON object).
    void eventReceived(const QString &type, const QJsonObject &data, const QByteArray &id);
    void orderPlaced(const Shop::Client::AdminOrderEvent &event);
    void orderPaid(const Shop::Client::AdminOrderEvent &event);
    void orderCancelled(const Shop::Client::AdminOrderEvent &event);
    void orderStatusChanged(const Shop::Client::AdminOrderEvent &event);
    void stockLow(const Shop::Client::StockLowEvent &event);
    void catalogChanged(const Shop::Client::CatalogChangedEvent &event);
    void dashboardChanged();
    // Events were missed (the server's `reset`): refetch what is shown.
    void resetRequired();

private:
    void connectNow();
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void scheduleReconnect(bool failed);
    void refreshThenReconnect();
    void dispatch(const ServerSentEvent &event);
    void dropReply();
    void setState(State state);

    QPointer<ApiClient> m_api;
    QPointer<QNetworkReply> m_reply;
    EventStreamParser m_parser;
    QTimer *m_reconnectTimer;
    std::chrono::milliseconds m_defaultRetry = kDefaultRetry;
    State m_state = State::Stopped;
    int m_failures = 0;
    int m_connections = 0;
    bool m_streamOpen = false; // the current reply answered 200 text/event-stream
    bool m_refreshedOnce = false; // a 401 refresh was tried since the last open stream
    quint64 m_generation = 0; // counts stop()s: late refresh answers are ignored
};

} // namespace Shop::Client
