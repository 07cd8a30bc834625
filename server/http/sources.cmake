# server/http: the HTTP platform (QAbstractHttpServer with our routing, limits and writing).
target_sources(shop_server_lib PRIVATE
    http/connection.h http/connection.cpp
    http/exchange.h
    http/httpserver.h http/httpserver.cpp
    http/logging.h http/logging.cpp
    http/problem.h http/problem.cpp
    http/request.h http/request.cpp
    http/requestframer.h http/requestframer.cpp
    http/response.h http/response.cpp
    http/router.h http/router.cpp
    http/workerpool.h http/workerpool.cpp)
