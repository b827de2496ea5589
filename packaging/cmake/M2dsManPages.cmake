# Man pages made from --help by help2man (Debian help2man), gzip'd, installed in section 1 with their program's package.
find_program(M2DS_HELP2MAN help2man)
find_program(M2DS_GZIP gzip)

# m2ds_man_page(<target> <component> <one-line summary>): build/share/man/man1/<target>.1.gz, part of `all`.
function(m2ds_man_page target component summary)
  if(NOT M2DS_HELP2MAN OR NOT M2DS_GZIP)
    message(STATUS "help2man or gzip not found: no man page for ${target} (packaging/install-deps.sh installs them)")
    return()
  endif()
  set(directory "${PROJECT_BINARY_DIR}/share/man/man1")
  set(page "${directory}/${target}.1")
  # Run through PATH so that usage lines name the program, not the build folder; offscreen so that the workbench
  # answers --help without a display.
  add_custom_command(OUTPUT "${page}.gz"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${directory}"
    COMMAND ${CMAKE_COMMAND} -E env "PATH=$<TARGET_FILE_DIR:${target}>:$ENV{PATH}" QT_QPA_PLATFORM=offscreen
            ${M2DS_HELP2MAN} --no-info "--version-string=${PROJECT_VERSION}" "--name=${summary}" "--output=${page}" ${target}
    COMMAND ${M2DS_GZIP} -9 -n -f "${page}"
    DEPENDS ${target}
    COMMENT "Man page ${target}.1.gz (help2man)"
    VERBATIM)
  add_custom_target(${target}_man_page ALL DEPENDS "${page}.gz")
  install(FILES "${page}.gz" DESTINATION share/man/man1 COMPONENT ${component})
endfunction()
