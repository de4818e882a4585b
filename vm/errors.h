// Runtime error numbers (operand of TRAP; raised by instructions and builtins).
#pragma once

namespace dvm {

#define DVM_RUNTIME_ERRORS(X)                                   \
  X(DivByZero, "division by zero")                              \
  X(ModByZero, "modulo by zero")                                \
  X(IndexRange, "index out of range")                           \
  X(ValueRange, "value out of range")                           \
  X(StringIndex, "string index out of range")                   \
  X(NilDeref, "nil pointer dereference")                        \
  X(BadAddress, "memory access out of bounds")                  \
  X(DoubleDispose, "dispose of a pointer that is not allocated")\
  X(BadNumber, "invalid numeric input")                         \
  X(ReadPastEof, "read past end of input")                      \
  X(SqrtDomain, "invalid argument to sqrt")                     \
  X(LnDomain, "invalid argument to ln")                         \
  X(OutOfMemory, "out of memory")                               \
  X(StackOverflow, "stack overflow")                            \
  X(IntOverflow, "integer overflow")                            \
  X(RealToInt, "real value out of integer range")               \
  X(ChrRange, "chr argument out of range")                      \
  X(SuccRange, "succ out of range")                             \
  X(PredRange, "pred out of range")                             \
  X(AssertFailed, "assertion failed")                           \
  X(NullProcCall, "null function pointer call")                 \
  X(ProcSignature, "call through a function pointer of the wrong type") \
  X(BadProcValue, "call through an invalid function pointer")   \
  X(BadFree, "free of a pointer that malloc did not return")  \
  X(Aborted, "abort() called")                                  \
  X(BadStream, "not an open stream")                            \
  X(FileNotAssigned, "file variable has no name (assign it first)") \
  X(FileNotFound, "file not found")                             \
  X(FileAccess, "file access denied")                           \
  X(FileNotOpen, "file not open")                               \
  X(FileNotOpenForWriting, "file not open for output")          \
  X(FileNotOpenForReading, "file not open for input")           \
  X(FileWrite, "disk write error")                              \
  X(OutputWrite, "cannot write standard output")                \
  X(RemoteCall, "remote call failed")                           \
  X(HeapOverrun, "heap block overrun")                          \
  X(UseAfterFree, "use of freed memory")                        \
  X(LocalOverrun, "local variable overrun")                     \
  X(MathDomain, "invalid floating point operation")             \
  X(UpdateTimeout, "the update's timeout passed while its mapper ran") \
  X(BadFormat, "invalid format or argument for Format")

enum class RtError : int {
#define X(name, msg) name,
  DVM_RUNTIME_ERRORS(X)
#undef X
  COUNT_
};

const char* rt_error_message(RtError e);

}  // namespace dvm
