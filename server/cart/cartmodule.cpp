#include "cartmodule.h"

#include "cartroutes.h"
#include "cartservice.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace Shop::Cart {

Q_LOGGING_CATEGORY(lcCartModule, "shop.cart.module")

CartModule::CartModule(const Server::ServerConfig &config)
    : m_service(std::make_shared<const CartService>(config))
{ }

CartModule::~CartModule() = default;

void CartModule::registerRoutes(Http::Router &router)
{
    registerCartRoutes(router, m_service);
}

QJsonObject CartModule::openApi() const
{
    QFile file(QStringLiteral(":/openapi/cart/openapi.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcCartModule, "The cart OpenAPI fragment is missing.");
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace Shop::Cart
