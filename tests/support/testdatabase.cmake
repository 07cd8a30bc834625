# TestDatabase: a fresh, migrated PostgreSQL database per test executable.
target_sources(shop_test_support PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/testdatabase.h ${CMAKE_CURRENT_LIST_DIR}/testdatabase.cpp)
