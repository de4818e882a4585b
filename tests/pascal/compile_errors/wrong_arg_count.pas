{ error-line: 11 }
program WrongArgCount;

function Add(a, b: integer): integer;
begin
  Add := a + b;
end;

begin
  writeln(Add(1, 2));
  writeln(Add(1, 2, 3));
end.
