# Debian packages, made in the build folder by `cpack -G DEB` (or the `package` target) after a build:
#   m2ds            the command line, the model presets and the demo (core only: no Qt), /usr/share/m2ds
#   m2ds-workbench  the desktop workbench, its man page and desktop integration; Depends on m2ds of the same version
# Install rules without a COMPONENT belong to m2ds (CMAKE_INSTALL_DEFAULT_COMPONENT_NAME, top CMakeLists.txt).
# Library dependencies come from dpkg-shlibdeps (Debian dpkg-dev). packaging/check-packages.sh installs and tests them.
include(M2dsManPages)
m2ds_man_page(m2ds m2ds "pretrain M2D-S, inspect checkpoints, export embeddings (command line)")
set(CPACK_COMPONENTS_ALL m2ds)
if(M2DS_BUILD_GUI)
  include(M2dsDesktopIntegration)
  m2ds_man_page(m2ds-workbench workbench "desktop workbench for M2D-S (Masked Modeling Duo for Speech)")
  list(APPEND CPACK_COMPONENTS_ALL workbench)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME m2ds)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "M2D-S Workbench maintainers <maintainers@users.noreply.r-seed-204d1fd7.example>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # <package>_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)  # workbench DEPENDS m2ds -> "Depends: m2ds (= version)"
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_M2DS_PACKAGE_NAME m2ds)
set(CPACK_DEBIAN_WORKBENCH_PACKAGE_NAME m2ds-workbench)
set(CPACK_DEBIAN_WORKBENCH_PACKAGE_SECTION sound)
# The first line of each component's DESCRIPTION is its package's synopsis. CPackDeb prepends the project's summary
# unless that is CPack's default, so the summary is left at the default.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")

include(CPack)
cpack_add_component(m2ds DISPLAY_NAME "m2ds"
  DESCRIPTION "M2D-S (Masked Modeling Duo for Speech), command line
m2ds pretrains M2D-S on your speech (CPU, GPU, several processes), imports
official .pth checkpoints without Python, converts them to .safetensors, computes
M2D log-mel spectrograms, exports layer-wise embeddings and learns k-means
codebooks. No Qt, so it suits GPU servers. The model presets, a demo recording
and a demo model are in /usr/share/m2ds.")
cpack_add_component(workbench DISPLAY_NAME "m2ds-workbench" DEPENDS m2ds
  DESCRIPTION "M2D-S (Masked Modeling Duo for Speech), desktop workbench
m2ds-workbench shows recordings as M2D-S sees them: log-mel spectrogram with the
patch grid, training mask, masked predictions and their losses, masked
reconstructions, layer views and clusters, on one time axis. Its Train page runs
m2ds train. Opens audio files and .safetensors/.pth checkpoints from the desktop.")
