target_sources(shop_server_lib PRIVATE
    config/serverconfig.h config/serverconfig.cpp)
