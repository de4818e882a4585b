program RealMath;
{ Real arithmetic and the mathematical built-ins: sqrt sin cos arctan exp ln trunc round
  abs sqr, and mixed integer/real expressions. }
var
  x, y, pi4: real;
  i, n: integer;
begin
  x := 2;
  writeln(sqrt(x):0:10);
  writeln(sqrt(x));
  x := 16; writeln(sqrt(x):0:3);
  x := 0; writeln(sin(x):0:4, ' ', cos(x):0:4, ' ', arctan(x):0:4, ' ', exp(x):0:4);
  x := 1;
  pi4 := arctan(x);
  writeln('pi = ', 4 * pi4:0:12);
  writeln(sin(2 * pi4):0:8, ' ', cos(4 * pi4):0:8);
  writeln(exp(x):0:12, ' ', ln(exp(x)):0:6);
  x := 10; writeln(ln(x):0:10);
  y := exp(x); writeln(y);
  x := 3.7;
  writeln(trunc(x), ' ', round(x), ' ', trunc(-x), ' ', round(-x));
  x := 2.5; writeln(round(x), ' ', round(-x), ' ', trunc(x));
  x := 3.5; writeln(round(x), ' ', round(-x));
  x := 0.49999; writeln(round(x), ' ', trunc(x));
  x := -7.25; writeln(abs(x):0:2, ' ', sqr(x):0:4);
  i := 7; n := 2;
  y := i / n;
  writeln(y:0:2, ' ', i div n, ' ', (i + 0.5):0:1);
  y := i;
  writeln(y:0:1);
  y := y * 1.5 + n;
  writeln(y:0:3);
  x := 1;
  for i := 1 to 20 do x := x * 1.1;
  writeln(x:0:6);
  x := 0;
  for i := 1 to 1000 do x := x + 1 / i;
  writeln('harmonic ', x:0:10);
  x := 1;
  y := 0;
  while x > 1e-9 do
  begin
    x := x / 2;
    y := y + x;
  end;
  writeln(y:0:9);
  x := 123.456;
  writeln(trunc(x * 100), ' ', round(x * 10) / 10 :0:1);
  y := 2; y := sqrt(y) * sqrt(y);
  writeln(y = 2, ' ', abs(y - 2) < 1e-12);
  x := -3; y := 4;
  writeln(sqrt(x * x + y * y):0:1, ' ', arctan(y / x):0:6);
  writeln(sqr(3), ' ', sqr(x):0:1, ' ', abs(-4), ' ', abs(x):0:1);
end.
