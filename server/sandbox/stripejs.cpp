#include "stripejs.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Shop::Sandbox {

namespace {

// The frame's own policy: its script, style and API calls from this origin only; framable from
// any page (as Stripe's frames are), so no frame-ancestors.
const QByteArray kFrameCsp = QByteArrayLiteral(
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'");

Http::Response resource(const QString &name, const QByteArray &contentType)
{
    QFile file(u":/stripe-js/"_s + name);
    if (!file.open(QIODevice::ReadOnly)) {
        return Http::Response::bytes(QByteArrayLiteral("text/plain"), "missing resource\n", 500);
    }
    Http::Response response = Http::Response::bytes(contentType, file.readAll());
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    response.setHeader(QByteArrayLiteral("Access-Control-Allow-Origin"), QByteArrayLiteral("*"));
    if (contentType.startsWith("text/html")) {
        response.setHeader(QByteArrayLiteral("Content-Security-Policy"), kFrameCsp);
    }
    return response;
}

} // namespace

void registerStripeJsRoutes(Http::Router &router)
{
    const auto serve = [&router](const QString &path, const QString &name, const QByteArray &type) {
        router.get(
            path,
            [name, type](const Http::Request &) -> Http::Reply { return resource(name, type); },
            Http::Execution::EventLoop);
    };
    const QByteArray js = QByteArrayLiteral("text/javascript; charset=utf-8");
    serve(u"/stripe-js/v3"_s, u"stripe.js"_s, js);
    serve(u"/stripe-js/v3/stripe.js"_s, u"stripe.js"_s, js);
    serve(u"/stripe-js/v3/payment-element.html"_s, u"payment-element.html"_s,
          QByteArrayLiteral("text/html; charset=utf-8"));
    serve(u"/stripe-js/v3/payment-element.js"_s, u"payment-element.js"_s, js);
    serve(u"/stripe-js/v3/payment-element.css"_s, u"payment-element.css"_s,
          QByteArrayLiteral("text/css; charset=utf-8"));
}

} // namespace Shop::Sandbox
