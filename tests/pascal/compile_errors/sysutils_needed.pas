{ error-line: 7 }
program SysutilsNeeded;
{ IntToStr comes with `uses sysutils`: without it the name is unknown. }
var
  n: integer;
begin
  n := length(IntToStr(42));
  writeln(n);
end.
