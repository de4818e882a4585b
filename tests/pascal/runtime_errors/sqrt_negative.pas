{ runtime-error: 10: invalid argument to sqrt }
program SqrtNegative;
var
  x, y: real;
begin
  x := 4;
  y := sqrt(x);
  writeln(y:0:2);
  x := x - 2 * x;
  y := sqrt(x);
  writeln(y:0:2);
end.
