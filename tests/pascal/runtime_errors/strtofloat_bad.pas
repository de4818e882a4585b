{ runtime-error: 8: invalid numeric input }
program strtofloat_bad;
uses sysutils;
var
  x: real;
begin
  x := StrToFloat('2.5');
  x := x + StrToFloat('2.5x');
  writeln(x);
end.
