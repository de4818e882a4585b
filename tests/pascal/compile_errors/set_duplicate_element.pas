{ error-line: 8 }
{ error-match: duplicate set element }
program SetDuplicateElement;
var
  s: set of byte;
  i: integer;
begin
  for i in [3, 1, 3] do
    write(i);
  s := [1];
  writeln(1 in s);
end.
