# src/serve/assets.cmake -- the web page of `fil serve`, compiled in.
#
# Use from the top-level CMakeLists.txt, before FIL_SERVE_SOURCES is used:
#   include(${PROJECT_SOURCE_DIR}/src/serve/assets.cmake)
# It sets FIL_SERVE_ASSET_SOURCES to src/serve/assets.c and the generated
# assets_data.c (in the build directory), as absolute paths, and appends
# them to FIL_SERVE_SOURCES; the target that compiles them needs `src` on
# its include path (for "serve/assets.h"). The unit test, from
# tests/CMakeLists.txt:
#   add_executable(test_assets unit/test_assets.c ${FIL_SERVE_ASSET_SOURCES})
#   target_include_directories(test_assets PRIVATE ${PROJECT_SOURCE_DIR}/src)
#   add_test(NAME unit_assets COMMAND test_assets)
# (or link whatever library holds FIL_SERVE_SOURCES instead). Editing a file of
# FIL_SERVE_WEB_FILES or cmake/embed_assets.cmake regenerates the table.
# A new asset is one more name in FIL_SERVE_WEB_FILES (served at
# /static/NAME; index.html is served at /).

set(FIL_SERVE_WEB_DIR ${PROJECT_SOURCE_DIR}/src/serve/web)
set(FIL_SERVE_WEB_FILES index.html app.js style.css)
set(FIL_SERVE_WEB_PATHS "")
foreach(name ${FIL_SERVE_WEB_FILES})
  list(APPEND FIL_SERVE_WEB_PATHS ${FIL_SERVE_WEB_DIR}/${name})
endforeach()
string(REPLACE ";" "|" FIL_SERVE_WEB_ARG "${FIL_SERVE_WEB_FILES}")

add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/assets_data.c
  COMMAND ${CMAKE_COMMAND} -DFIL_ASSETS_DIR=${FIL_SERVE_WEB_DIR} -DFIL_ASSETS_FILES=${FIL_SERVE_WEB_ARG}
          -DFIL_ASSETS_OUT=${CMAKE_CURRENT_BINARY_DIR}/assets_data.c
          -P ${PROJECT_SOURCE_DIR}/cmake/embed_assets.cmake
  DEPENDS ${FIL_SERVE_WEB_PATHS} ${PROJECT_SOURCE_DIR}/cmake/embed_assets.cmake
  COMMENT "Embedding the web page (src/serve/web)"
  VERBATIM)

# Absolute paths, so that a test program elsewhere can compile them too.
set(FIL_SERVE_ASSET_SOURCES ${PROJECT_SOURCE_DIR}/src/serve/assets.c
  ${CMAKE_CURRENT_BINARY_DIR}/assets_data.c)
list(APPEND FIL_SERVE_SOURCES ${FIL_SERVE_ASSET_SOURCES})
