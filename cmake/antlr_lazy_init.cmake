# Makes an ANTLR 4.7-generated lexer or parser build its ATN when the first
# instance is made rather than at program start: the generated code
# deserializes the ATN in a static initializer, which costs every dvm
# command (dvm run of an image included) a few milliseconds and hundreds of
# page faults for parsers it never uses.
#   cmake -DFILE=<generated .cpp> -DCLASS=<class name> -P antlr_lazy_init.cmake
file(READ "${FILE}" text)
string(REPLACE "${CLASS}::Initializer ${CLASS}::_init;" "// (${CLASS}::_init is made by the first constructor: see cmake/antlr_lazy_init.cmake)" text "${text}")
string(REPLACE "  _interpreter = new atn::" "  static Initializer lazy_init;  // once, thread-safe\n  (void)lazy_init;\n  _interpreter = new atn::" text "${text}")
file(WRITE "${FILE}" "${text}")
