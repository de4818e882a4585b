{ error-line: 8 }
{ fpc reports a missing semicolon at the token after the gap: the next line. }
program MissingSemicolon;
var
  x: integer;
begin
  x := 1
  writeln(x);
end.
