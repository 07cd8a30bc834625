#include "ordersmodule.h"

#include "accounts/userrepository.h"
#include "db/idempotency.h"
#include "db/transaction.h"
#include "jobs/jobs.h"
#include "mail/mailtemplates.h"
#include "orderrepository.h"
#include "outbox/outbox.h"
#include "redis/cartcache.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace Shop::Orders {

Q_LOGGING_CATEGORY(lcOrdersModule, "shop.orders.module")

using namespace Commerce;
namespace Idempotency = Db::Idempotency;

namespace {

// The order (any owner) and its customer as an email's recipient, or nothing when either is gone.
struct OrderForMail
{
    OrderView order;
    Mail::Recipient to;
};

Result<std::optional<OrderForMail>> orderForMail(const Jobs::Job &job)
{
    QSqlDatabase db = job.database;
    const QString orderId = job.payload.value(QStringLiteral("order_id")).toString();
    auto order = OrderRepository::find(db, orderId, QString());
    if (!order) {
        return fail(order.error());
    }
    if (!order->has_value()) {
        return std::optional<OrderForMail>();
    }
    auto user = Accounts::UserRepository::findByEmail(db, (*order)->customerEmail);
    if (!user) {
        return fail(user.error());
    }
    if (!user->has_value()) {
        return std::optional<OrderForMail>();
    }
    const Accounts::User &u = (*user)->user;
    return std::optional<OrderForMail>(
        OrderForMail {std::move(**order),
                      {u.email, QString(u.firstName + u' ' + u.lastName).trimmed(), u.language}});
}

QString oneLine(const OrderAddress &a)
{
    QStringList parts;
    for (const QString &part :
         {a.recipientName, a.line1, a.line2, QString(a.postalCode + u' ' + a.city).trimmed(),
          a.region, a.country}) {
        if (!part.trimmed().isEmpty()) {
            parts << part.trimmed();
        }
    }
    return parts.join(QStringLiteral(", "));
}

Result<std::optional<Mail::Message>> some(Result<Mail::Message> message)
{
    if (!message) {
        return fail(message.error());
    }
    return std::optional<Mail::Message>(std::move(*message));
}

} // namespace

OrdersSettings OrdersModule::settingsFrom(const Server::ServerConfig &config)
{
    OrdersSettings settings;
    settings.currency = Currency::fromCode(config.currency).value_or(Currency());
    settings.shipping.flatRate = Money(config.orders.shippingFlatRate, settings.currency);
    if (config.orders.freeShippingFrom > 0) {
        settings.shipping.freeFrom = Money(config.orders.freeShippingFrom, settings.currency);
    }
    settings.pendingTtl = std::chrono::minutes(config.orders.pendingTtlMin);
    settings.lowStockThreshold = config.orders.lowStockThreshold;
    settings.cartCache = Redis::CartCache::forConfig(config);
    return settings;
}

OrdersModule::OrdersModule(const Server::ServerConfig &config, Jobs::Registry &jobs,
                           Outbox::Composers &composers)
    : m_config(config)
    , m_service(std::make_unique<OrdersService>(settingsFrom(config)))
{
    // Expiry: cancels the order if it is still pending, exactly once whichever instance runs it
    // and whatever the customer does meanwhile (both lock the order row, then check its status).
    jobs.add(
        ExpireJobKind,
        [](const Jobs::Job &job) -> Jobs::Outcome {
            QSqlDatabase db = job.database;
            auto tx = Db::Transaction::begin(db);
            if (!tx) {
                return Jobs::Outcome::fromResult(fail(tx.error()));
            }
            const QString orderId = job.payload.value(QStringLiteral("order_id")).toString();
            auto expired = OrderRepository::expire(db, orderId);
            if (!expired) {
                return Jobs::Outcome::fromResult(fail(expired.error()));
            }
            if (auto committed = tx->commit(); !committed) {
                return Jobs::Outcome::fromResult(fail(committed.error()));
            }
            if (expired->notYet) {
                // Enqueued for expires_at, so only a clock difference brings it here early.
                return Jobs::Outcome::retry(QStringLiteral("not due yet"), *expired->notYet);
            }
            if (expired->cancelled) {
                qCInfo(lcOrdersModule, "Order %ls expired unpaid: cancelled, stock restored.",
                       qUtf16Printable(orderId));
            }
            return Jobs::Outcome::done();
        },
        Jobs::KindPolicy {std::chrono::seconds(5), std::chrono::minutes(10)});

    jobs.addHousekeeping(QStringLiteral("idempotency keys"), [](QSqlDatabase &db) {
        return Idempotency::prune(db, std::chrono::hours(24));
    });

    const Server::StoreConfig store = config.store;
    composers.add(QStringLiteral("order_confirmation"),
                  [store](const Jobs::Job &job) -> Result<std::optional<Mail::Message>> {
                      auto found = orderForMail(job);
                      if (!found) {
                          return fail(found.error());
                      }
                      if (!found->has_value()) {
                          return std::optional<Mail::Message>();
                      }
                      const OrderView &order = (*found)->order;
                      Mail::OrderConfirmationEmail email;
                      email.to = (*found)->to;
                      email.orderNumber = order.number;
                      for (const OrderLineView &line : order.lines) {
                          email.lines.append(
                              {line.name, line.sku, line.quantity, line.unitPrice, line.lineTotal});
                      }
                      email.subtotal = order.totals.subtotal;
                      email.shipping = order.totals.shipping;
                      email.tax = order.totals.tax;
                      email.total = order.totals.total;
                      email.shippingAddress = oneLine(order.shippingAddress);
                      return some(Mail::renderOrderConfirmation(email, store));
                  });
    composers.add(QStringLiteral("shipping_notification"),
                  [store](const Jobs::Job &job) -> Result<std::optional<Mail::Message>> {
                      auto found = orderForMail(job);
                      if (!found) {
                          return fail(found.error());
                      }
                      if (!found->has_value()) {
                          return std::optional<Mail::Message>();
                      }
                      const OrderView &order = (*found)->order;
                      Mail::ShippingNotificationEmail email;
                      email.to = (*found)->to;
                      email.orderNumber = order.number;
                      email.carrier = order.carrier;
                      email.trackingNumber = order.trackingNumber;
                      return some(Mail::renderShippingNotification(email, store));
                  });
}

OrdersModule::~OrdersModule() = default;

void OrdersModule::registerRoutes(Http::Router &router)
{
    m_service->registerRoutes(router);
}

QJsonObject OrdersModule::openApi() const
{
    QFile file(QStringLiteral(":/openapi/orders/openapi.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcOrdersModule, "The orders OpenAPI fragment is missing.");
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace Shop::Orders
