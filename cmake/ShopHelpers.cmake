# shop_assert_links_only(<target> <allowed Qt modules...>)
# Fails the configure step when <target> links a Qt module outside the allowed list. Used to keep
# shop_core a QtCore-only library (no Gui, Sql, Network or HttpServer types in the domain).
function(shop_assert_links_only target)
    get_target_property(libs ${target} LINK_LIBRARIES)
    get_target_property(ilibs ${target} INTERFACE_LINK_LIBRARIES)
    foreach(lib IN LISTS libs ilibs)
        if(lib MATCHES "^Qt6?::(.+)$")
            if(NOT CMAKE_MATCH_1 IN_LIST ARGN)
                message(FATAL_ERROR "${target} must link only ${ARGN} of Qt, but links ${lib}")
            endif()
        endif()
    endforeach()
endfunction()

# shop_add_test(<name> SOURCES ... LIBS ... [ENV ...] [LABELS ...] [TIMEOUT s] [LAUNCHER cmd ...])
# LAUNCHER: a command that runs the test executable (its path and arguments follow), e.g. a
# script that starts a private D-Bus session first.
# One Qt Test executable per unit, registered with CTest and listed in the global property
# SHOP_TEST_TARGETS, so the `check` target builds every test it runs.
function(shop_add_test name)
    cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;ENV;LABELS;LAUNCHER" ${ARGN})
    qt_add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE shop_policy Qt6::Test ${T_LIBS})
    if(TARGET shop_test_resultcheck) # SHOP_VERIFY_OK (support/resultcheck.h), header only
        target_link_libraries(${name} PRIVATE shop_test_resultcheck)
    endif()
    if(T_LAUNCHER)
        add_test(NAME ${name} COMMAND ${T_LAUNCHER} $<TARGET_FILE:${name}>)
    else()
        add_test(NAME ${name} COMMAND ${name})
    endif()
    set_property(GLOBAL APPEND PROPERTY SHOP_TEST_TARGETS ${name})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;${T_ENV}" LABELS "${T_LABELS}")
endfunction()
