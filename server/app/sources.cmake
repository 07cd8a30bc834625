# server/app: the `serve` command and the assembly of the HTTP server.
target_sources(shop_server_lib PRIVATE
    app/serve.h)
