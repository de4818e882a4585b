{ error-line: 13 }
program MissingEnd;
var
  i: integer;
begin
  for i := 1 to 3 do
  begin
    writeln(i);
    if i = 2 then
    begin
      writeln('two');
  end;
end.
