{ error-line: 9 }
program BreakOutsideLoop;
var
  i: integer;
begin
  for i := 1 to 3 do
    if i = 2 then break;
  writeln('after loop');
  break;
end.
