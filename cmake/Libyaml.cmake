# libyaml built from source as the static target libarticle_yaml, for the fuzz build only:
# a fuzzer sees (and ASan checks) only code compiled with its instrumentation, which the
# system's libyaml is not. The normal build keeps the system's libyaml (pkg-config).
#
# LIBARTICLE_YAML_SOURCE  a libyaml source folder or release tarball for offline builds;
#   when empty, the tarball scripts/fetch-libyaml downloads from Debian's source archive.

set(LIBARTICLE_YAML_SOURCE "" CACHE PATH
    "libyaml source folder or tarball for the fuzz build (default: fetched)")

set(_yaml_tarball_name "libyaml_0.2.5.orig.tar.gz")
set(_yaml_sha256 "fa240dbf262be053f3898006d502d514936c818e422afdcf33921c63bed9bf2e")

set(_ysrc "${LIBARTICLE_YAML_SOURCE}")
if(_ysrc STREQUAL "")
    set(_ysrc "${PROJECT_SOURCE_DIR}/.deps/${_yaml_tarball_name}")
    if(NOT EXISTS "${_ysrc}")
        message(STATUS "libyaml: fetching ${_yaml_tarball_name} from Debian's source archive")
        execute_process(
            COMMAND sh "${PROJECT_SOURCE_DIR}/scripts/fetch-libyaml" "${PROJECT_SOURCE_DIR}/.deps"
            RESULT_VARIABLE _rc OUTPUT_QUIET)
        if(NOT _rc EQUAL 0)
            message(FATAL_ERROR "libyaml: download failed; pass -DLIBARTICLE_YAML_SOURCE="
                                "<folder or ${_yaml_tarball_name}> to build offline")
        endif()
    endif()
endif()

set(_yextract "${CMAKE_BINARY_DIR}/_deps/libyaml-src")
if(IS_DIRECTORY "${_ysrc}")
    set(_ystamp "dir")
else()
    file(SHA256 "${_ysrc}" _ystamp)
    if(NOT _ystamp STREQUAL _yaml_sha256)
        message(WARNING "libyaml: ${_ysrc} is not the pinned 0.2.5 release tarball")
    endif()
endif()
if(NOT EXISTS "${_yextract}/.stamp-${_ystamp}" OR IS_DIRECTORY "${_ysrc}")
    file(REMOVE_RECURSE "${_yextract}")
    if(IS_DIRECTORY "${_ysrc}")
        file(COPY "${_ysrc}/" DESTINATION "${_yextract}/libyaml")
    else()
        file(ARCHIVE_EXTRACT INPUT "${_ysrc}" DESTINATION "${_yextract}")
    endif()
    file(TOUCH "${_yextract}/.stamp-${_ystamp}")
endif()
file(GLOB _ytop LIST_DIRECTORIES true "${_yextract}/libyaml*")
list(GET _ytop 0 _ytop)
if(NOT EXISTS "${_ytop}/src/scanner.c" OR NOT EXISTS "${_ytop}/include/yaml.h")
    message(FATAL_ERROR "libyaml: ${_ytop} does not look like a libyaml source tree")
endif()
file(READ "${_ytop}/CMakeLists.txt" _ycm)
set(_yre "YAML_VERSION_MAJOR ([0-9]+)\\)[^s]*set \\(YAML_VERSION_MINOR ([0-9]+)\\)")
string(APPEND _yre "[^s]*set \\(YAML_VERSION_PATCH ([0-9]+)\\)")
string(REGEX MATCH "${_yre}" _ym "${_ycm}")
if(NOT _ym)
    message(FATAL_ERROR "libyaml: cannot read the version from ${_ytop}/CMakeLists.txt")
endif()
set(_yver "${CMAKE_MATCH_1}.${CMAKE_MATCH_2}.${CMAKE_MATCH_3}")

add_library(libarticle_yaml STATIC
    "${_ytop}/src/api.c" "${_ytop}/src/dumper.c" "${_ytop}/src/emitter.c"
    "${_ytop}/src/loader.c" "${_ytop}/src/parser.c" "${_ytop}/src/reader.c"
    "${_ytop}/src/scanner.c" "${_ytop}/src/writer.c")
target_include_directories(libarticle_yaml PUBLIC "${_ytop}/include")
target_compile_definitions(libarticle_yaml
    PUBLIC YAML_DECLARE_STATIC
    PRIVATE "YAML_VERSION_MAJOR=${CMAKE_MATCH_1}" "YAML_VERSION_MINOR=${CMAKE_MATCH_2}"
            "YAML_VERSION_PATCH=${CMAKE_MATCH_3}" "YAML_VERSION_STRING=\"${_yver}\"")
set_target_properties(libarticle_yaml PROPERTIES POSITION_INDEPENDENT_CODE ON C_EXTENSIONS ON)
message(STATUS "libyaml: instrumented ${_yver} from ${_ytop}")
