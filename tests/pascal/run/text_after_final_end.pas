{ fpc reads nothing after the program's final `end.`. }
program TextAfterFinalEnd;
begin
  writeln('read up to end.')
end.
This is not Pascal, and { this comment is never closed
