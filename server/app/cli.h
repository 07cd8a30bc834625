#pragma once

namespace Shop::Server {

// shop-server's command line: serve, migrate, seed-demo, import-products, --help, --version.
int runCli(int argc, char *argv[]);

} // namespace Shop::Server
