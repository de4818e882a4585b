{ error-line: 6 }
program UntypedPointerDeref;
var p: pointer;
begin
  p := nil;
  writeln(p^);
end.
