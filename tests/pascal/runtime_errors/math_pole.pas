{ runtime-error: 9: division by zero }
program math_pole;
uses math;
var
  x, r: real;
begin
  x := 0;
  { fpc: EZeroDivide, "Floating point division by zero" }
  r := Log10(x);
  writeln(r);
end.
