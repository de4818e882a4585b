{ runtime-error: 9: read past end of input }
program ReadPastEof;
var
  i, x: integer;
begin
  { the input has three numbers; the fourth read fails (fpc would read 0) }
  for i := 1 to 4 do
  begin
    readln(x);
    writeln('got ', x);
  end;
end.
