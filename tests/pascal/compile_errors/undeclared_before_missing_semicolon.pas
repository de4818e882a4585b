{ error-line: 6 }
program UndeclaredBeforeMissingSemicolon;
var
  i: integer;
begin
  j := 1;
  writeln(i)
  writeln(i);
end.
