program HaltPlain;
{ halt without an argument: exit status 0, nothing after it runs. }
var
  i: integer;
begin
  i := 0;
  while true do
  begin
    i := i + 1;
    write(i, ' ');
    if i = 4 then
    begin
      writeln;
      writeln('halt');
      halt;
    end;
  end;
  writeln('never');
end.
