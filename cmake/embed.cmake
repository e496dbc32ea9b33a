# chronicle_embed(OUT FUNCTION FILE...): generates OUT, a C++ source that defines
# `std::span<const chronicle::EmbeddedFile> chronicle::embedded::FUNCTION()` listing
# each FILE by its base name, with its bytes pulled in by the assembler's .incbin
# (fast to build, exact bytes, no size limit). The source is rewritten whenever a
# FILE changes, so the object that carries the bytes is rebuilt too.
set(CHRONICLE_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_text.cmake)
function(chronicle_embed out function)
  set(files ${ARGN})
  list(SORT files)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DFUNCTION=${function} "-DFILES=${files}"
            -P ${CHRONICLE_EMBED_SCRIPT}
    DEPENDS ${files} ${CHRONICLE_EMBED_SCRIPT}
    COMMENT "Embedding ${function}"
    VERBATIM)
endfunction()
