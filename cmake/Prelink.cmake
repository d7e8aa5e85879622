# Turn ARCHIVE into one relocatable object made of its members and the archives in DEPS,
# in which every defined global symbol but article_* is made local.
get_filename_component(dir "${ARCHIVE}" DIRECTORY)
set(obj "${dir}/libarticle-prelinked.o")
execute_process(
    COMMAND "${LD}" -r -o "${obj}" --whole-archive "${ARCHIVE}" --no-whole-archive ${DEPS}
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "prelink: ld -r failed")
endif()
execute_process(
    COMMAND "${OBJCOPY}" --wildcard "--keep-global-symbol=article_*" "${obj}"
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "prelink: objcopy failed")
endif()
file(REMOVE "${ARCHIVE}")
execute_process(COMMAND "${AR}" rcs "${ARCHIVE}" "${obj}" RESULT_VARIABLE rc)
file(REMOVE "${obj}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "prelink: ar failed")
endif()
