#pragma once

namespace Shop::Sandbox {

// shop-sandbox's command line: parses the options, serves until SIGINT/SIGTERM. Returns the exit
// code (2 for bad options, 1 when it cannot listen).
[[nodiscard]] int run(int argc, char *argv[]);

} // namespace Shop::Sandbox
