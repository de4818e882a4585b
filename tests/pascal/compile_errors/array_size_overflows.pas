{ error-line: 5 }
program ArraySizeOverflows;
{ 2^61 elements of 8 bytes: the size wraps to 0 in 64 bits }
type
  Huge = array[1..1 shl 61] of integer;
var
  p: ^Huge;
begin
  p := nil;
  writeln(p = nil);
end.
