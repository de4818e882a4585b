{ unchecked: a width beyond longint is a range error with -Cr }
{ Field widths and decimals are longints in fpc: a wider integer keeps its low
  32 bits.  The VM must never build a field in host memory. }
program WriteWideFields;
var
  n: int64;
  s: string;
  r: real;
begin
  r := 1.5;
  n := high(int64);
  writeln('[', 5:n, ']', 'ab':n, '|', r:n, '|', true:n, '|');
  n := (int64(1) shl 32) + 3;
  writeln('[', 5:n, ']', 'ab':n, '|', r:n, '|', r:n:n, '|', true:n, '|', 'c':n, '|');
  n := (int64(1) shl 32) - 2;
  writeln('[', 5:n, ']', r:n:2, '|', r:3:n);
  n := (int64(1) shl 32) + 4;
  str(7:n, s);
  writeln('[', s, ']');
  str(r:n:2, s);
  writeln('[', s, ']');
  n := int64(1) shl 40;
  writeln('[', 12:n, ']', r:n:1, '|');
end.
