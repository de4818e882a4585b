{ sysutils' FloatToStr: 15 significant digits without trailing zeros, fixed
  notation between 1e-5 and 1e15, scientific outside (exponent without '+'
  or leading zeros), rounding that can carry into a new digit, negative
  values, zero, integers passed as reals. }
program float_to_str;
uses sysutils;
const
  N = 24;
var
  v: array[1..N] of real = (2.5, 0.1, 1/3, 100, 1e15, 1e16, 123456789012345678, 1e-4, 1e-5,
    0.00012345, -7.25, 0, 1e300, 3.14159265358979, 2/3*1e-10, 99999999999999.9,
    -6.666666666666667e-11, 9.99999e-6, 123456789012345, 999999999999999.5, -0.00001, -0.000001,
    0.000123456789012345678, 100000000000000.5);
  i: integer;
  s: string;
begin
  for i := 1 to N do
    writeln(i:2, ' ', FloatToStr(v[i]));
  s := 'total: ' + FloatToStr(v[1] * 4) + ' of ' + FloatToStr(7);
  writeln(s, ' (', Length(s), ')');
end.
