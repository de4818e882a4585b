{ runtime-error: 11: invalid numeric input }
program StrToIntInvalid;
{ StrToInt of a string that is not a number stops the program (fpc raises
  EConvertError). }
uses sysutils;
var
  n: integer;
begin
  n := StrToInt('42');
  writeln(n);
  n := StrToInt('4x2');
  writeln(n);
end.
