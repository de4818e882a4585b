{ error-line: 8 }
program ErrorInBlockBeforeUnclosedCall;
var
  i: integer;
begin
  if i > 0 then
  begin
    i := i + 'x';
    writeln(i
  end;
end.
