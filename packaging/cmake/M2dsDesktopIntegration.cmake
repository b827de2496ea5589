# The workbench in the desktop (packaging/desktop): menu entry, icon, AppStream metainfo and the MIME types of model
# checkpoints, so that recordings and checkpoints open by double-click. All in the workbench's package.
set(M2DS_APP_ID "io.github.m2ds.workbench")
set(M2DS_DESKTOP_DIR "${PROJECT_SOURCE_DIR}/packaging/desktop")

install(FILES "${M2DS_DESKTOP_DIR}/${M2DS_APP_ID}.desktop" DESTINATION share/applications COMPONENT workbench)
install(FILES "${M2DS_DESKTOP_DIR}/${M2DS_APP_ID}.metainfo.xml" DESTINATION share/metainfo COMPONENT workbench)
install(FILES "${M2DS_DESKTOP_DIR}/m2ds-workbench-mime.xml" DESTINATION share/mime/packages
        RENAME m2ds-workbench.xml COMPONENT workbench)
install(FILES "${M2DS_DESKTOP_DIR}/m2ds-workbench.svg" DESTINATION share/icons/hicolor/scalable/apps COMPONENT workbench)

# PNG renderings of the SVG for the fixed hicolor sizes, made at build time by rsvg-convert (Debian librsvg2-bin).
find_program(M2DS_RSVG_CONVERT rsvg-convert)
if(NOT M2DS_RSVG_CONVERT)
  message(STATUS "rsvg-convert not found: the icon is installed as SVG only (packaging/install-deps.sh installs it)")
  return()
endif()
set(M2DS_ICON_PNGS)
foreach(size 16 32 48 64 128 256)
  set(directory "${PROJECT_BINARY_DIR}/share/icons/hicolor/${size}x${size}/apps")
  add_custom_command(OUTPUT "${directory}/m2ds-workbench.png"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${directory}"
    COMMAND ${M2DS_RSVG_CONVERT} --width=${size} --height=${size} --output=${directory}/m2ds-workbench.png
            "${M2DS_DESKTOP_DIR}/m2ds-workbench.svg"
    DEPENDS "${M2DS_DESKTOP_DIR}/m2ds-workbench.svg"
    VERBATIM)
  list(APPEND M2DS_ICON_PNGS "${directory}/m2ds-workbench.png")
  install(FILES "${directory}/m2ds-workbench.png" DESTINATION share/icons/hicolor/${size}x${size}/apps COMPONENT workbench)
endforeach()
add_custom_target(m2ds-workbench_icons ALL DEPENDS ${M2DS_ICON_PNGS} COMMENT "Icon PNGs (rsvg-convert)")
