program RealEdge;
{ More real output: large and small magnitudes with :w:d, many decimals, exponents with
  three digits, default width output of computed values, rounding that carries into a new
  digit, reals compared and accumulated. }
var
  r, z: real;
  i: integer;
begin
  r := 1; for i := 1 to 15 do r := r * 10;
  writeln(r:0:2);
  writeln(r);
  r := r + 0.5;
  writeln(r:0:1);
  r := 123456789012.5;
  writeln(r:0:1, ' ', r:20:3);
  r := 1; for i := 1 to 120 do r := r * 10;
  writeln(r);
  r := 1; for i := 1 to 120 do r := r / 10;
  writeln(r);
  r := 0.995; writeln(r:0:2, ' ', r:0:1);
  r := 0.9999; writeln(r:0:3, ' ', r:5:0);
  r := 99.5; writeln(r:0:0);
  r := 999.9999; writeln(r:0:2, ' ', r:3:0);
  r := 1.45; writeln(r:0:1);
  r := 1.55; writeln(r:0:1);
  r := 0.045; writeln(r:0:2);
  r := 12.3456789; writeln(r:0:7, ' ', r:0:9, ' ', r:0:12);
  r := -123.456; writeln(r:12:4, '|', r:3:1, '|', r:1);
  z := 0; r := -1; z := z * r;
  writeln(z:0:2);
  r := 2; r := sqrt(r);
  for i := 0 to 8 do write(r:0:i, ' ');
  writeln;
  for i := 8 to 24 do write(r:i, '|');
  writeln;
  r := 0;
  for i := 1 to 10 do r := r + 0.1;
  writeln(r = 1, ' ', r:0:16, ' ', abs(r - 1) < 1e-9);
  r := 1 / 3;
  z := 2 / 3;
  writeln(r < z, ' ', r + r = z, ' ', r * 3 = 1);
  r := 7; z := 2;
  writeln(r / z:0:3, ' ', trunc(r / z), ' ', round(r / z), ' ', -r / z:0:3);
  r := 1e-5; writeln(r:0:4, ' ', r:0:5, ' ', r:0:6);
  r := 5e-5; writeln(r:0:4);
  r := 65536; r := r * r; writeln(r:0:0, ' ', trunc(r / 4096));
end.
