{ error-line: 4 }
program ArrayFullInt64Range;
type
  Everything = array[low(int64)..high(int64)] of byte;
var
  p: ^Everything;
begin
  p := nil;
  writeln(p = nil);
end.
