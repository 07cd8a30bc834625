# JsonSchemaValidator: the JSON Schema subset of our OpenAPI document, for tests that check live
# answers against it (tst_openapi). Its own QtCore-only library, so that its unit test links
# nothing else; shop_test_support passes it on.
add_library(shop_test_jsonschema STATIC
    ${CMAKE_CURRENT_LIST_DIR}/jsonschemavalidator.h ${CMAKE_CURRENT_LIST_DIR}/jsonschemavalidator.cpp)
target_include_directories(shop_test_jsonschema PUBLIC ${CMAKE_CURRENT_LIST_DIR}/..)
target_link_libraries(shop_test_jsonschema PUBLIC shop_policy Qt6::Core)
target_link_libraries(shop_test_support PUBLIC shop_test_jsonschema)
shop_add_test(tst_jsonschemavalidator
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_jsonschemavalidator.cpp
    LIBS shop_test_jsonschema LABELS support)
