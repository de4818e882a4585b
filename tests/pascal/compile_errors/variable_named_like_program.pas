{ error-line: 6 }
program Counter;
{ The program's name belongs to its scope: a routine may take it, not a
  variable, constant or type. }
var
  counter: integer;
begin
  counter := 1;
  writeln(counter)
end.
