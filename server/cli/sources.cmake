target_sources(shop_server_lib PRIVATE cli/cli.h cli/cli.cpp)
