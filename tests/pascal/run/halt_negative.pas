{ A negative status keeps its low byte: halt(-300) exits with 212. }
program HaltNegative;
var
  status: integer;
begin
  status := -300;
  writeln('halting with ', status);
  halt(status);
end.
