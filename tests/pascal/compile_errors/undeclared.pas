{ error-line: 8 }
program Undeclared;
var
  total: integer;
begin
  total := 1;
  writeln(total);
  totl := total + 1;
  writeln(total);
end.
