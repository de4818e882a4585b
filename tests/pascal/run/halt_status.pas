program HaltStatus;
{ halt(n) ends the program with exit status n; output written before it is not lost. }
procedure Check(n: integer);
begin
  if n > 2 then
  begin
    writeln('halting from a procedure with status 3');
    halt(3);
  end;
  writeln('check ', n);
end;

var
  i: integer;
begin
  for i := 1 to 5 do Check(i);
  writeln('never printed');
end.
