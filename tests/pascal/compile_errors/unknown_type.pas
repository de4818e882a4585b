{ error-line: 5 }
program UnknownType;
var
  a: integer;
  b: TMystery;
begin
  a := 1;
  writeln(a);
end.
