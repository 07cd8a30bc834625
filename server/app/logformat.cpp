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

} // namespace

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
    qInstallMessageHandler(format == LogFormat::Json ? jsonHandler : nullptr);
}

} // namespace Shop::Server
