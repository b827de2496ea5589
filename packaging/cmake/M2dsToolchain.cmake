# Compiler settings shared by every target: C++17, warnings, ccache when present.
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

find_program(M2DS_CCACHE ccache)
if(M2DS_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${M2DS_CCACHE}")
endif()

add_library(m2ds_warnings INTERFACE)
target_compile_options(m2ds_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter>)

set(M2DS_VERSION "${PROJECT_VERSION}")
