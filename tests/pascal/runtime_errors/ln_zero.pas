{ runtime-error: 9: invalid argument to ln }
program LnZero;
var
  x: real;
begin
  x := 1;
  writeln(ln(x):0:3);
  x := x - 1;
  writeln(ln(x):0:3);
end.
