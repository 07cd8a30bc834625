#include "logformat.h"

#include "http/requestcontext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <cstdio>
#include <unistd.h>

namespace Shop::Server {

namespace {

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
        return QStringLiteral("critical");
    case QtFatalMsg:
        return QStringLiteral("fatal");
    }
    return QStringLiteral("info");
}

void writeAll(const QByteArray &line)
{
    // One write(2) per line: stderr is unbuffered, and lines of up to PIPE_BUF bytes arrive
    // whole even from several threads; longer ones are still written in one call.
    const char *data = line.constData();
    qsizetype left = line.size();
    while (left > 0) {
        const ssize_t n = ::write(STDERR_FILENO, data, size_t(left));
        if (n <= 0) {
            return; // nowhere to report a failing standard error
        }
        data += n;
        left -= n;
    }
}

void jsonHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    writeAll(jsonLogLine(type, context.category, message, QDateTime::currentDateTimeUtc(),
                         Http::currentRequestId(),
                         reinterpret_cast<quintptr>(QThread::currentThreadId())));
    if (type == QtFatalMsg) {
        std::abort();
    }
}

void journalHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    writeAll(journalLogLine(type, context.category, message, Http::currentRequestId()));
    if (type == QtFatalMsg) {
        std::abort();
    }
}

// syslog(3) priorities, as sd-daemon(3) prefixes.
const char *journalPrefix(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "<7>"; // LOG_DEBUG
    case QtInfoMsg:
        return "<6>"; // LOG_INFO
    case QtWarningMsg:
        return "<4>"; // LOG_WARNING
    case QtCriticalMsg:
        return "<3>"; // LOG_ERR
    case QtFatalMsg:
        return "<2>"; // LOG_CRIT
    }
    return "<6>";
}

} // namespace

QByteArray journalLogLine(QtMsgType type, const char *category, const QString &message,
                          const QString &requestId)
{
    const QByteArray prefix = QByteArray(journalPrefix(type))
        + QByteArray(category && *category ? category : "default") + ": ";
    QByteArray text = message.toUtf8();
    if (!requestId.isEmpty()) {
        text += " request_id=" + requestId.toUtf8();
    }
    QByteArray out;
    out.reserve(text.size() + prefix.size() + 1);
    // Every line gets the prefix (journald makes an entry of each); a CR would hide the prefix
    // of what follows it on a terminal, so it is dropped.
    for (const QByteArray &line : text.split('\n')) {
        out += prefix;
        for (const char c : line) {
            if (c != '\r') {
                out += c;
            }
        }
        out += '\n';
    }
    return out;
}

QByteArray jsonLogLine(QtMsgType type, const char *category, const QString &message,
                       const QDateTime &time, const QString &requestId, quintptr threadId)
{
    QJsonObject line;
    line.insert(QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs));
    line.insert(QStringLiteral("level"), levelName(type));
    line.insert(QStringLiteral("category"),
                QString::fromLatin1(category && *category ? category : "default"));
    line.insert(QStringLiteral("message"), message);
    line.insert(QStringLiteral("thread"),
                QString(QStringLiteral("0x") + QString::number(threadId, 16)));
    if (!requestId.isEmpty()) {
        line.insert(QStringLiteral("request_id"), requestId);
    }
    // QJsonDocument escapes control characters, quotes and backslashes; Compact has no new
    // lines of its own.
    return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
}

void installLogFormat(LogFormat format)
{
    switch (format) {
    case LogFormat::Json:
        qInstallMessageHandler(jsonHandler);
        return;
    case LogFormat::Journal:
        qInstallMessageHandler(journalHandler);
        return;
    case LogFormat::Text:
        break;
    }
    qInstallMessageHandler(nullptr);
}

} // namespace Shop::Server
