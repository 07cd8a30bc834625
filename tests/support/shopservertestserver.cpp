// TestServer running the whole shop-server (every module), in target shop_test_server, so that
// tests of the HTTP platform alone (shop_test_http) do not link the modules or the database.

#include "app/shopserver.h"
#include "testserver.h"

namespace Shop::Tests {

TestServer::TestServer(const Server::ServerConfig &config)
    : TestServer([&]() -> Result<Started> {
        auto shop = std::make_shared<Server::ShopServer>(config);
        const Result<quint16> port = shop->start(QHostAddress::LocalHost, 0);
        if (!port) {
            return fail(port.error());
        }
        return Started {shop, &shop->http(), *port};
    })
{ }

} // namespace Shop::Tests
