{ runtime-error: 9: division by zero }
program RealDivByZero;
var
  x, y: real;
begin
  x := 1.5;
  y := 0;
  writeln('dividing');
  x := x / y;
  writeln(x);
end.
