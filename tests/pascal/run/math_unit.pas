{ The math unit: Max and Min of integers and of reals, Power (integer
  exponents by repeated squaring, as fpc does, others through ln and exp),
  IntPower, Floor and Ceil, logarithms, trigonometry, hyperbolic functions,
  Hypot, angle conversions, Sign, InRange, EnsureRange, IfThen; and
  StringOfChar from the system unit.  Results go through real variables:
  fpc's math functions return extended, which writeln would print with more
  digits. }
program math_unit;

uses math;

var
  a, b, r, x: real;
  i, j, k: integer;
  line: string;

begin
  a := 2.5;
  b := -1.25;
  i := 7;
  j := -3;
  writeln(Max(i, j), ' ', Min(i, j), ' ', Max(a, b):0:3, ' ', Min(a, b):0:3, ' ', Max(i, a):0:2);
  r := Max(a, b);
  writeln(r);
  x := 1.1;
  r := Power(x, 10);
  writeln(r);
  r := Power(2, 0.5);
  writeln(r);
  r := Power(2, -2);
  writeln(r);
  r := Power(0, 0);
  writeln(r);
  r := Power(-2, 3);
  writeln(r);
  r := Power(x, 2.5);
  writeln(r);
  r := IntPower(1.5, 7);
  writeln(r);
  r := IntPower(x, -3);
  writeln(r);
  writeln(Floor(-2.5), ' ', Ceil(2.1), ' ', Floor(3.0), ' ', Ceil(-0.5), ' ', Floor(i), ' ', Ceil(a * 3));
  r := Log10(1000);
  writeln(r);
  r := Log10(x);
  writeln(r);
  r := Log2(1024);
  writeln(r);
  r := LogN(3, 81);
  writeln(r);
  r := Tan(0.5);
  writeln(r);
  r := Cotan(1);
  writeln(r);
  r := ArcSin(0.5);
  writeln(r);
  r := ArcCos(0.5);
  writeln(r);
  r := ArcTan2(1, -1);
  writeln(r);
  r := Sinh(1);
  writeln(r);
  r := Cosh(1);
  writeln(r);
  r := Tanh(0.5);
  writeln(r);
  r := Hypot(3, 4);
  writeln(r);
  r := Hypot(1e200, 1e200);
  writeln(r);
  r := DegToRad(180);
  writeln(r);
  r := RadToDeg(pi);
  writeln(r);
  writeln(Sign(-5), ' ', Sign(0), ' ', Sign(2.5), ' ', Sign(j), ' ', Sign(b));
  writeln(InRange(5, 1, 10), ' ', InRange(11, 1, 10), ' ', InRange(a, 2, 3));
  writeln(EnsureRange(15, 1, 10), ' ', EnsureRange(-1, 1, 10), ' ', EnsureRange(i, 1, 10), ' ', EnsureRange(b, 0, 1):0:2);
  writeln(IfThen(i > 5, 1, 2), ' ', IfThen(i < 5, 1.5, 2.5):0:1);
  k := 0;
  while Power(2, k) < 1000 do
    k := k + 1;
  writeln('2^', k, ' is the first power of two above 1000');
  line := StringOfChar('=', 12);
  writeln(line, ' ', Length(line), ' [', StringOfChar('x', 0), ']');
  writeln(StringOfChar('-', i), '|');
end.
