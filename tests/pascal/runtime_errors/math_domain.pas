{ runtime-error: 13: invalid floating point operation }
program math_domain;
uses math;
var
  x, r: real;
begin
  x := 0.5;
  r := ArcSin(x);
  writeln(r:0:4);
  x := x * 4;
  { fpc: EInvalidOp, "Invalid floating point operation" }
  writeln('next');
  r := ArcSin(x);
  writeln(r:0:4);
end.
