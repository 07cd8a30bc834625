#pragma once

#include "config/serverconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QtGlobal>

namespace Shop::Server {

// Installs the process's Qt message handler for the format. Text keeps Qt's own handler (lines
// on standard error; journald stamps them under systemd). Json writes one JSON object per line to
// standard error, each whole line in one write, so lines from several threads never interleave:
//   {"time":"2026-12-05T18:20:01.123Z","level":"info","category":"shop.http.access",
//    "message":"GET /api/products 200 1ms 812B ...","request_id":"9f2c...","thread":"0x7f..."}
// request_id is present when the line comes from work for a request: its handler, or a job that
// request enqueued (http/requestcontext.h). Messages are never truncated; control characters
// are escaped. Journal writes text lines with sd-daemon priority prefixes (sd-daemon(3)), which
// journald reads from a service's standard error to set each entry's PRIORITY:
//   <6>shop.http.access: GET /api/products 200 1ms 812B ... request_id=9f2c...
// (<7> debug, <6> info, <4> warning, <3> critical, <2> fatal); a message of several lines is
// several entries, each with the prefix. Safe to call again (the last call wins).
void installLogFormat(LogFormat format);

// One JSON log line (with its trailing new line), as installLogFormat(Json) writes it.
[[nodiscard]] QByteArray jsonLogLine(QtMsgType type, const char *category, const QString &message,
                                     const QDateTime &time, const QString &requestId,
                                     quintptr threadId);

// One journal log line (or several, for a message with line feeds), as installLogFormat(Journal)
// writes it.
[[nodiscard]] QByteArray journalLogLine(QtMsgType type, const char *category,
                                        const QString &message, const QString &requestId);

} // namespace Shop::Server
