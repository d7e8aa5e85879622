# cmark-gfm >= 0.29.0.gfm.13 with its GFM extensions, as the imported targets
# cmark_gfm::cmark_gfm and cmark_gfm::extensions.
#
# LIBARTICLE_CMARK_GFM=auto    the system's when pkg-config finds one new enough, else bundled
# LIBARTICLE_CMARK_GFM=system  the system's (fails when it is older than gfm.13)
# LIBARTICLE_CMARK_GFM=bundled built here as static, position-independent archives, from
#   LIBARTICLE_CMARK_GFM_SOURCE (a source folder or the release tarball) or, when that is
#   empty, from the tarball scripts/fetch-cmark-gfm downloads from Debian's source archive.
#   The build happens at configure time so that its headers and archives exist when the
#   targets below are defined; it is redone only when the flags change.

set(LIBARTICLE_CMARK_GFM "auto" CACHE STRING "cmark-gfm to use: auto, system or bundled")
set_property(CACHE LIBARTICLE_CMARK_GFM PROPERTY STRINGS auto system bundled)
set(LIBARTICLE_CMARK_GFM_SOURCE "" CACHE PATH
    "cmark-gfm source folder or tarball for offline builds (bundled mode)")

include("${CMAKE_CURRENT_LIST_DIR}/DebianSource.cmake")

set(_cmark_min_gfm 13)
set(_cmark_tarball_name "cmark-gfm_0.29.0.gfm.13.orig.tar.gz")
set(_cmark_sha256 "5abc61798ebd9de5660bc076443c07abad2b8d15dbc11094a3a79644b8ad243a")

# True when a version string such as 0.29.0.gfm.13 is at least 0.29.0.gfm.13.
function(_cmark_version_ok version out)
    set(ok FALSE)
    if(version MATCHES "^([0-9]+)\\.([0-9]+)\\.([0-9]+)\\.gfm\\.([0-9]+)")
        set(base "${CMAKE_MATCH_1}.${CMAKE_MATCH_2}.${CMAKE_MATCH_3}")
        if(base VERSION_GREATER "0.29.0")
            set(ok TRUE)
        elseif(base VERSION_EQUAL "0.29.0" AND CMAKE_MATCH_4 GREATER_EQUAL _cmark_min_gfm)
            set(ok TRUE)
        endif()
    endif()
    set(${out} ${ok} PARENT_SCOPE)
endfunction()

set(_cmark_mode "${LIBARTICLE_CMARK_GFM}")
if(_cmark_mode STREQUAL "auto" OR _cmark_mode STREQUAL "system")
    pkg_check_modules(CMARK_GFM_SYS QUIET IMPORTED_TARGET libcmark-gfm)
    set(_sys_ok FALSE)
    if(CMARK_GFM_SYS_FOUND)
        _cmark_version_ok("${CMARK_GFM_SYS_VERSION}" _sys_ok)
    endif()
    if(_sys_ok)
        message(STATUS "cmark-gfm: system ${CMARK_GFM_SYS_VERSION}")
        add_library(cmark_gfm::cmark_gfm INTERFACE IMPORTED)
        target_link_libraries(cmark_gfm::cmark_gfm INTERFACE PkgConfig::CMARK_GFM_SYS)
        add_library(cmark_gfm::extensions INTERFACE IMPORTED)
        target_link_libraries(cmark_gfm::extensions INTERFACE -lcmark-gfm-extensions)
        set(LIBARTICLE_CMARK_GFM_BUNDLED FALSE)
        set(LIBARTICLE_CMARK_GFM_PATCHED FALSE)
        return()
    elseif(_cmark_mode STREQUAL "system")
        message(FATAL_ERROR "cmark-gfm: the system's (${CMARK_GFM_SYS_VERSION}) is missing or "
                            "older than 0.29.0.gfm.${_cmark_min_gfm}; use the bundled build")
    endif()
    if(CMARK_GFM_SYS_FOUND)
        message(STATUS "cmark-gfm: system ${CMARK_GFM_SYS_VERSION} is too old, building "
                       "0.29.0.gfm.13")
    endif()
endif()

# ---- bundled build ----------------------------------------------------------------------
set(LIBARTICLE_CMARK_GFM_BUNDLED TRUE)
set(_deps "${CMAKE_BINARY_DIR}/_deps")
# The sources are unpacked (or copied) under the build tree, where they get the patch below.
libarticle_unpack_source(cmark-gfm LIBARTICLE_CMARK_GFM_SOURCE "${_cmark_tarball_name}"
    "${_cmark_sha256}" "${PROJECT_SOURCE_DIR}/scripts/fetch-cmark-gfm" "${_deps}/cmark-gfm-src"
    cmark-gfm _src)

# cmark-gfm sets the inline extensions' special characters in tables global to the
# process at the start of every inline parse and clears them at its end, so one thread
# finishing a parse makes another miss strikethrough and autolinks. The patch removes
# both calls; libarticle sets the characters once, when it registers the extensions
# (ARTICLE_CMARK_SPECIALS_ONCE). Without the patch (a system cmark-gfm) libarticle
# serializes that step instead.
set(_blocks "${_src}/src/blocks.c")
file(READ "${_blocks}" _code)
set(_add "  cmark_manage_extensions_special_characters(parser, true);\n")
set(_del "  cmark_manage_extensions_special_characters(parser, false);\n")
string(FIND "${_code}" "${_add}" _at_add)
string(FIND "${_code}" "${_del}" _at_del)
if(_at_add GREATER_EQUAL 0 AND _at_del GREATER_EQUAL 0)
    string(REPLACE "${_add}" "  /* libarticle: special characters are set once at registration */\n"
           _code "${_code}")
    string(REPLACE "${_del}" "" _code "${_code}")
    file(WRITE "${_blocks}" "${_code}")
    set(LIBARTICLE_CMARK_GFM_PATCHED TRUE)
elseif(_code MATCHES "libarticle: special characters are set once")
    set(LIBARTICLE_CMARK_GFM_PATCHED TRUE)
else()
    message(WARNING "cmark-gfm: cannot apply the special-characters patch; inline parsing "
                    "will be serialized between threads")
    set(LIBARTICLE_CMARK_GFM_PATCHED FALSE)
endif()

# validate_protocol() in the autolink extension indexes with `-((ptrdiff_t)rewind) - len - 1`,
# which mixes signed and unsigned and so wraps around: the byte read is the intended one,
# but clang's UBSan (pointer-overflow) stops on it for body text such as "bxmpp:@". The
# patch computes the same index without the wrap.
set(_autolink "${_src}/extensions/autolink.c")
file(READ "${_autolink}" _code)
set(_wrap "data[-((ptrdiff_t)rewind) - len - 1]")
set(_nowrap "data[-(ptrdiff_t)(rewind + len + 1)]")
string(FIND "${_code}" "${_wrap}" _at_wrap)
if(_at_wrap GREATER_EQUAL 0)
    string(REPLACE "${_wrap}" "${_nowrap}" _code "${_code}")
    file(WRITE "${_autolink}" "${_code}")
else()
    string(FIND "${_code}" "${_nowrap}" _at_nowrap)
    if(_at_nowrap LESS 0)
        message(WARNING "cmark-gfm: cannot apply the autolink index patch")
    endif()
endif()

if(NOT EXISTS "${_src}/src/cmark-gfm.h" OR NOT EXISTS "${_src}/extensions/cmark-gfm-core-extensions.h")
    message(FATAL_ERROR "cmark-gfm: ${_src} does not look like a cmark-gfm source tree")
endif()
file(READ "${_src}/CMakeLists.txt" _cm)
string(REGEX MATCH "PROJECT_VERSION_GFM ([0-9]+)" _m "${_cm}")
if(NOT CMAKE_MATCH_1 OR CMAKE_MATCH_1 LESS _cmark_min_gfm)
    message(FATAL_ERROR "cmark-gfm: ${_src} is older than 0.29.0.gfm.${_cmark_min_gfm}")
endif()

set(_bin "${_deps}/cmark-gfm-build")
set(_cflags "${LIBARTICLE_DEPS_C_FLAGS}")
set(_config "${_src}|${CMAKE_C_COMPILER}|${_cflags}|${LIBARTICLE_CMARK_GFM_PATCHED}|autolink")
set(_lib "${_bin}/src/libcmark-gfm.a")
set(_ext "${_bin}/extensions/libcmark-gfm-extensions.a")
if(NOT EXISTS "${_bin}/.config" OR NOT EXISTS "${_lib}" OR NOT EXISTS "${_ext}")
    set(_old "")
else()
    file(READ "${_bin}/.config" _old)
endif()
if(NOT _old STREQUAL _config)
    message(STATUS "cmark-gfm: building the static libraries in ${_bin}")
    file(REMOVE_RECURSE "${_bin}")
    file(MAKE_DIRECTORY "${_bin}")
    execute_process(
        COMMAND "${CMAKE_COMMAND}" -S "${_src}" -B "${_bin}" -G "${CMAKE_GENERATOR}"
                -DCMAKE_BUILD_TYPE=Release
                "-DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}"
                "-DCMAKE_C_FLAGS=${_cflags}"
                -DCMAKE_POSITION_INDEPENDENT_CODE=ON
                -DCMARK_TESTS=OFF -DCMARK_SHARED=OFF -DCMARK_STATIC=ON
        RESULT_VARIABLE _rc OUTPUT_QUIET)
    if(_rc EQUAL 0)
        include(ProcessorCount)
        ProcessorCount(_ncpu)
        if(_ncpu EQUAL 0)
            set(_ncpu 2)
        endif()
        execute_process(
            COMMAND "${CMAKE_COMMAND}" --build "${_bin}" --parallel ${_ncpu}
                    --target libcmark-gfm_static libcmark-gfm-extensions_static
            RESULT_VARIABLE _rc OUTPUT_QUIET)
    endif()
    if(NOT _rc EQUAL 0)
        message(FATAL_ERROR "cmark-gfm: the bundled build failed (see ${_bin})")
    endif()
    file(WRITE "${_bin}/.config" "${_config}")
endif()

add_library(cmark_gfm::cmark_gfm STATIC IMPORTED)
set_target_properties(cmark_gfm::cmark_gfm PROPERTIES
    IMPORTED_LOCATION "${_lib}"
    INTERFACE_INCLUDE_DIRECTORIES "${_src}/src;${_bin}/src"
    INTERFACE_COMPILE_DEFINITIONS CMARK_GFM_STATIC_DEFINE)
add_library(cmark_gfm::extensions STATIC IMPORTED)
set_target_properties(cmark_gfm::extensions PROPERTIES
    IMPORTED_LOCATION "${_ext}"
    INTERFACE_INCLUDE_DIRECTORIES "${_src}/extensions"
    INTERFACE_LINK_LIBRARIES cmark_gfm::cmark_gfm)
set(LIBARTICLE_CMARK_GFM_ARCHIVES "${_ext};${_lib}")
message(STATUS "cmark-gfm: bundled 0.29.0.gfm.${CMAKE_MATCH_1} from ${_src}")
