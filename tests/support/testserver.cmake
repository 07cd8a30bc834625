# TestServer: an in-process HTTP server (a test's own router, or the whole ShopServer) on a free
# port in its own thread, and HttpClient, a raw HTTP/1.1 client for exact bytes on the wire.
target_sources(shop_test_support PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/testserver.h ${CMAKE_CURRENT_LIST_DIR}/testserver.cpp)
