#include "html.h"

#include <QList>

namespace Shop::Sandbox {

namespace {

const QByteArray kPageCsp =
    QByteArrayLiteral("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                      "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");

} // namespace

Http::Response htmlResponse(const QString &html, int status)
{
    Http::Response response =
        Http::Response::bytes(QByteArrayLiteral("text/html; charset=utf-8"), html.toUtf8(), status);
    response.setHeader(QByteArrayLiteral("Content-Security-Policy"), kPageCsp);
    return response;
}

QString escapeHtml(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;";
            break;
        case u'<':
            out += u"&lt;";
            break;
        case u'>':
            out += u"&gt;";
            break;
        case u'"':
            out += u"&quot;";
            break;
        case u'\'':
            out += u"&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString renderPage(const QString &title, const QList<Tab> &tabs, const QString &active,
                   const QString &body)
{
    QString nav;
    for (const Tab &tab : tabs) {
        nav += QStringLiteral("<a class=\"tab%1\" href=\"/?tab=%2\">%3</a>")
                   .arg(tab.id == active ? QStringLiteral(" active") : QString(),
                        escapeHtml(tab.id), escapeHtml(tab.title));
    }
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<title>%1 · shop-sandbox</title><style>"
                          "body{font-family:sans-serif;margin:0 2em 2em}"
                          "nav{border-bottom:1px solid #ccc;margin-bottom:1em}"
                          ".tab{display:inline-block;padding:.6em 1em;text-decoration:none}"
                          ".tab.active{border-bottom:3px solid #36c;font-weight:bold}"
                          "table{border-collapse:collapse}td,th{padding:.3em .8em;"
                          "border-bottom:1px solid #eee;text-align:left}"
                          "iframe{width:100%;height:30em;border:1px solid #ccc}"
                          "pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}"
                          "</style></head><body><h1>shop-sandbox</h1><nav>%2</nav>\n%3\n"
                          "</body></html>\n")
        .arg(escapeHtml(title), nav, body);
}

} // namespace Shop::Sandbox
