{ fpc exits with 255 for a status above 255 (halt(256) must not look like success). }
program HaltAbove255;
var
  status: integer;
begin
  status := 256;
  writeln('halting with ', status);
  halt(status);
  writeln('never printed');
end.
