#pragma once

#include "http/response.h"

#include <QList>
#include <QString>

namespace Shop::Sandbox {

// Escapes text for an HTML element body or a double- or single-quoted attribute value:
// & < > " ' become character references.
[[nodiscard]] QString escapeHtml(const QString &text);

struct Tab
{
    QString id; // "mail": the page is "/?tab=mail"
    QString title; // "Mail (SendGrid)"
};

// The sandbox page layout: a header with one tab per service (`active` highlighted) and `body`,
// which must already be escaped HTML.
[[nodiscard]] QString renderPage(const QString &title, const QList<Tab> &tabs,
                                 const QString &active, const QString &body);

// A text/html page with the sandbox's Content-Security-Policy: no script, nothing loaded from
// elsewhere, not framable (e-mail HTML is shown only inside a sandboxed srcdoc iframe).
[[nodiscard]] Http::Response htmlResponse(const QString &html, int status = 200);

} // namespace Shop::Sandbox
