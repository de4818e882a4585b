{ error-line: 8 }
{ error-match: needs a real }
{ dvm-only: fpc compiles this and raises EConvertError ("Invalid argument index in format") when it runs; dvm's formats are constants, checked when compiled }
program FormatIntegerForReal;
uses sysutils;
var n: integer;
begin
  n := 5; writeln(Format('%.2f', [n]));
end.
