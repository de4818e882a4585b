program IntArith;
{ Integer arithmetic: + - * div mod with negative operands, precedence, abs, sqr, odd. }
var
  a, b, i, j: integer;
begin
  a := 17; b := 5;
  writeln(a + b, ' ', a - b, ' ', a * b, ' ', a div b, ' ', a mod b);
  writeln(-a div b, ' ', -a mod b, ' ', a div -b, ' ', a mod -b, ' ', -a div -b, ' ', -a mod -b);
  for i := -7 to 7 do
    write(i div 3, ':', i mod 3, ' ');
  writeln;
  writeln(2 + 3 * 4, ' ', (2 + 3) * 4, ' ', 20 - 6 - 4, ' ', 100 div 10 div 5, ' ', 7 - -3);
  writeln(-2 * -3, ' ', -(4 - 9), ' ', +5, ' ', 2 * 3 mod 4, ' ', 17 mod 5 * 3);
  writeln(abs(-42), ' ', abs(42), ' ', abs(0), ' ', sqr(-9), ' ', sqr(12));
  writeln(odd(3), ' ', odd(-3), ' ', odd(0), ' ', odd(10));
  a := 46340;
  writeln(a * a);
  a := 2147483647; b := -2147483647;
  writeln(a, ' ', b, ' ', a + b, ' ', a div 2, ' ', b mod 1000);
  j := 0;
  for i := 1 to 100 do j := j + i * i;
  writeln('sum of squares ', j);
  writeln(a = a, ' ', a <> b, ' ', b < a, ' ', a <= a, ' ', b > a, ' ', b >= b);
  i := 1000000;
  writeln(i * 2000 div 1000);
  writeln(12345 div 100 mod 10, ' ', -12345 div 100 mod 10);
end.
