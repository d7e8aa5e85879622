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

include("${CMAKE_CURRENT_LIST_DIR}/DebianSource.cmake")
libarticle_unpack_source(libyaml LIBARTICLE_YAML_SOURCE "${_yaml_tarball_name}"
    "${_yaml_sha256}" "${PROJECT_SOURCE_DIR}/scripts/fetch-libyaml"
    "${CMAKE_BINARY_DIR}/_deps/libyaml-src" libyaml _ytop)
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
