# clang 14 rejects the antlr4 4.9 runtime header misc/InterpreterDataReader.h
# (InterpreterData's constructor calls Vocabulary's implicitly deleted default
# constructor; gcc accepts it).  Nothing in dvm uses that header, so the fuzz
# build puts a copy of antlr4-runtime.h without that one include ahead of the
# system one.  The copy is generated in the build tree; system headers stay as
# they are.  Included from the top-level CMakeLists.txt when DVM_FUZZ is on.
set(DVM_ANTLR4_SHIM ${CMAKE_BINARY_DIR}/antlr4-shim)
file(READ ${ANTLR4_INCLUDE_DIR}/antlr4-runtime.h dvm_antlr4_runtime_h)
string(REPLACE "#include \"misc/InterpreterDataReader.h\"" "// (dvm fuzz build) misc/InterpreterDataReader.h left out"
       dvm_antlr4_runtime_h "${dvm_antlr4_runtime_h}")
file(WRITE ${DVM_ANTLR4_SHIM}/antlr4-runtime.h.tmp "${dvm_antlr4_runtime_h}")
configure_file(${DVM_ANTLR4_SHIM}/antlr4-runtime.h.tmp ${DVM_ANTLR4_SHIM}/antlr4-runtime.h COPYONLY)
# Quoted includes in the copy ("misc/Interval.h", ...) are found through the
# real include directory, which follows the shim directory.
foreach(dvm_parser dvm_parser_Pascal dvm_parser_C)
  target_include_directories(${dvm_parser} SYSTEM BEFORE PUBLIC ${DVM_ANTLR4_SHIM})
endforeach()
