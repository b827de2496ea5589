# Third-party packages (Debian 12 names in packaging/install-deps.sh).
find_package(PkgConfig REQUIRED)
pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET sndfile)
pkg_check_modules(SOXR REQUIRED IMPORTED_TARGET soxr)
pkg_check_modules(FFTW3 REQUIRED IMPORTED_TARGET fftw3)
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)  # .npz archives (zip + deflate)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(Torch REQUIRED)  # Debian's libtorch-dev 1.13, or pip PyTorch 2.x: -DCMAKE_PREFIX_PATH=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
list(REMOVE_ITEM TORCH_LIBRARIES "")

# Torch translation units are slow: 17-20 s each here, still 10-12 s against a precompiled <torch/torch.h>
# (loading the 570 MB PCH dominates) plus ~20 s to build the PCH per target, and ccache skips PCH users unless
# told to be sloppy. So a torch target compiles as a unity build: its one-class-per-file sources batched into two
# TUs (both cores busy), each paying the torch headers once. M2DS_TORCH_PCH=ON adds the PCH on top (measured
# slower here; may pay off with more cores). Torch headers stay out of public headers so nothing else pays.
option(M2DS_TORCH_PCH "Precompile <torch/torch.h> for torch targets (on top of the unity build)" OFF)
option(M2DS_TORCH_UNITY "Batch each torch target's sources into two unity TUs (best on few cores)" ON)
function(m2ds_torch_target target)
  if(M2DS_TORCH_PCH)
    target_precompile_headers(${target} PRIVATE <torch/torch.h>)
  endif()
  target_compile_options(${target} PRIVATE ${TORCH_CXX_FLAGS})
  if(NOT M2DS_TORCH_UNITY)
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  list(LENGTH sources count)
  math(EXPR batch "(${count} + 1) / 2")
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${batch})
endfunction()

if(M2DS_BUILD_GUI OR M2DS_BUILD_TESTS)
  set(M2DS_QT_COMPONENTS Core)
  if(M2DS_BUILD_GUI)
    list(APPEND M2DS_QT_COMPONENTS Gui Widgets PrintSupport Multimedia)
  endif()
  if(M2DS_BUILD_TESTS)
    list(APPEND M2DS_QT_COMPONENTS Test)
  endif()
  find_package(Qt6 REQUIRED COMPONENTS ${M2DS_QT_COMPONENTS})
  if(M2DS_BUILD_GUI)
    # Must follow find_package(Qt6 ...): the config resolves against the Qt6 targets.
    find_package(QCustomPlotQt6 REQUIRED)
  endif()
endif()
