#pragma once

#include "config/serverconfig.h"

namespace Shop::Server {

// `shop-server serve`: configures logging and the database, assembles the HTTP server (health,
// OpenAPI document, catalog), listens on config.http.address:port and runs until SIGINT/SIGTERM.
// Returns the process exit code: 0 after a clean shutdown, non-zero when start-up failed (for
// example when the port is taken); the reason has been printed to stderr.
[[nodiscard]] int runServe(const ServerConfig &config);

} // namespace Shop::Server
