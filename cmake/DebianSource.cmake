# The source tree of a dependency built here (cmark-gfm always when bundled, libyaml for
# the fuzz build), unpacked under the build tree.
#
# libarticle_unpack_source(WHAT OPTION TARBALL SHA256 FETCH DEST PREFIX OUT): the source is
# the folder or tarball in the cache variable OPTION when it is set, else .deps/TARBALL,
# which the script FETCH downloads from Debian's source archive when it is missing. A
# tarball other than the pinned one (SHA256) is used with a warning. It is unpacked once
# under DEST (a folder is copied on every configure, as it may have changed), and OUT gets
# the top folder of the tree, DEST/PREFIX*.
function(libarticle_unpack_source what option tarball sha256 fetch dest prefix out)
    set(src "${${option}}")
    if(src STREQUAL "")
        set(src "${PROJECT_SOURCE_DIR}/.deps/${tarball}")
        if(NOT EXISTS "${src}")
            message(STATUS "${what}: fetching ${tarball} from Debian's source archive")
            execute_process(COMMAND sh "${fetch}" "${PROJECT_SOURCE_DIR}/.deps"
                            RESULT_VARIABLE rc OUTPUT_QUIET)
            if(NOT rc EQUAL 0)
                message(FATAL_ERROR "${what}: download failed; pass -D${option}="
                                    "<folder or ${tarball}> to build offline")
            endif()
        endif()
    endif()
    if(IS_DIRECTORY "${src}")
        set(stamp "dir")
    else()
        file(SHA256 "${src}" stamp)
        if(NOT stamp STREQUAL sha256)
            message(WARNING "${what}: ${src} is not the pinned release tarball ${tarball}")
        endif()
    endif()
    if(NOT EXISTS "${dest}/.stamp-${stamp}" OR IS_DIRECTORY "${src}")
        file(REMOVE_RECURSE "${dest}")
        if(IS_DIRECTORY "${src}")
            file(COPY "${src}/" DESTINATION "${dest}/${prefix}")
        else()
            file(ARCHIVE_EXTRACT INPUT "${src}" DESTINATION "${dest}")
        endif()
        file(TOUCH "${dest}/.stamp-${stamp}")
    endif()
    file(GLOB top LIST_DIRECTORIES true "${dest}/${prefix}*")
    list(GET top 0 top)
    set(${out} "${top}" PARENT_SCOPE)
endfunction()
