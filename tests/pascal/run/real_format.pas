program RealFormat;
{ How reals are written: default, :w, :w:d, :0, negatives, rounding cases. All values
  go through real variables so that every computation is in double precision. }
var
  r, x: real;
  i: integer;
  vals: array[1..12] of real;
begin
  r := 2.675;
  writeln(r:0:2);
  writeln(r:0:1, ' ', r:0:3, ' ', r:0:0, ' ', r:8:2, '|');
  writeln(r);
  writeln(-r);
  writeln(r:0);
  writeln(r:1);
  writeln(r:10);
  writeln(r:15);
  writeln(r:25);
  writeln(-r:12);
  r := 0;
  writeln(r);
  writeln(r:0:2, ' ', r:6:1, '|');
  r := -0.5;
  writeln(r:0:0, ' ', r:0:1, ' ', r:5:2);
  r := 1.005; writeln(r:0:2);
  r := 1.015; writeln(r:0:2);
  r := 0.125; writeln(r:0:2);
  r := 0.375; writeln(r:0:2);
  r := 2.5; writeln(r:0:0);
  r := 3.5; writeln(r:0:0);
  r := -2.5; writeln(r:0:0);
  r := 1e-10; writeln(r); writeln(r:0:5);
  r := 123456789.125; writeln(r:0:2); writeln(r);
  r := 1; r := r / 3; writeln(r); writeln(r:0:15); writeln(r:20:10);
  r := 100; writeln(r);
  r := 1; r := r * 1e20; writeln(r);
  r := 1; r := r / 1e20; writeln(r);
  r := -1; r := r * 1e300; writeln(r);
  r := 9.99999; writeln(r:0:2, ' ', r:0:4, ' ', r:0:5);
  r := 0.000001; writeln(r:0:3, ' ', r:0:6);
  r := -0.0004; writeln(r:0:3);
  vals[1] := 0.1; vals[2] := 0.2; vals[3] := 0.3; vals[4] := 1.5;
  vals[5] := -1.5; vals[6] := 10.25; vals[7] := 99.995; vals[8] := 1234.5678;
  vals[9] := -0.001; vals[10] := 5; vals[11] := 65536.0625; vals[12] := 7.0e-3;
  for i := 1 to 12 do
    writeln(i:2, vals[i]:10:3, vals[i]:8:1, ' ', vals[i]:0:4, ' ', vals[i]);
  x := vals[1] + vals[2];
  writeln(x = vals[3], ' ', x:0:17);
  r := 1; i := 3;
  writeln(r / i :0:6, ' ', i / 2 :0:1, ' ', 7 / 2 :4:2);
end.
