# server/app: the `serve`, `healthcheck` and `openapi` commands and the assembly of the HTTP server
# (health, OpenAPI document, catalog). The OpenAPI base document and the system routes' fragment
# are built in under :/openapi/; each module builds in its own fragment (openapidocument.h).
target_sources(shop_server_lib PRIVATE
    app/healthcheck.h app/healthcheck.cpp
    app/openapidocument.h app/openapidocument.cpp
    app/serve.h app/serve.cpp
    app/shopserver.h app/shopserver.cpp
    app/systemroutes.h app/systemroutes.cpp)
qt_add_resources(shop_server_lib shop_openapi
    PREFIX /openapi
    BASE ${CMAKE_CURRENT_SOURCE_DIR}/app/openapi
    FILES ${CMAKE_CURRENT_SOURCE_DIR}/app/openapi/base.json
          ${CMAKE_CURRENT_SOURCE_DIR}/app/openapi/system.json)
