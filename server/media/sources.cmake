# server/media: generated product pictures (SVG, QtCore only) for the demo store.
target_sources(shop_server_lib PRIVATE
    media/productimage.h media/productimage.cpp)
