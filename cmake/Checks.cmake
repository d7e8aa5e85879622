# Checks of the public interface: the header compiles alone as strict C99 and C++, and the
# shared library's ABI matches the committed baseline.

set(_strict -Wall -Wextra -Wpedantic -Werror)
add_library(header_c99 OBJECT tests/header/header_c.c)
target_include_directories(header_c99 PRIVATE include)
set_target_properties(header_c99 PROPERTIES C_STANDARD 99 C_EXTENSIONS OFF)
target_compile_options(header_c99 PRIVATE ${_strict} -Wstrict-prototypes -Wmissing-prototypes)

include(CheckLanguage)
check_language(CXX)
if(CMAKE_CXX_COMPILER)
    enable_language(CXX)
    add_library(header_cxx OBJECT tests/header/header_cxx.cpp)
    target_include_directories(header_cxx PRIVATE include)
    set_target_properties(header_cxx PROPERTIES CXX_STANDARD 11 CXX_EXTENSIONS OFF)
    target_compile_options(header_cxx PRIVATE ${_strict} -Wold-style-cast)
else()
    message(WARNING "no C++ compiler: the header's C++ check is skipped")
endif()

# The ABI dump needs debug information and an uninstrumented build.
find_program(ABIDW abidw)
find_program(ABIDIFF abidiff)
string(TOUPPER "${CMAKE_BUILD_TYPE}" _bt)
if(NOT LIBARTICLE_SANITIZE AND (_bt STREQUAL "DEBUG" OR _bt STREQUAL "RELWITHDEBINFO"))
    if(ABIDW AND ABIDIFF)
        add_test(NAME abi
            COMMAND sh "${PROJECT_SOURCE_DIR}/scripts/abi-check" check
                    "$<TARGET_FILE:article_shared>")
        set_tests_properties(abi PROPERTIES LABELS abi)
    else()
        message(WARNING "abigail-tools not found: the ABI check is not registered "
                        "(scripts/setup-deps installs it)")
    endif()
endif()
