{ runtime-error: 7: stack overflow }
program StackOverflow;
var
  calls: integer;

{ the whole routine stands on one line, so the error is on it wherever it is reported }
procedure Recurse(n: integer); begin calls := calls + 1; Recurse(n + 1); end;

begin
  calls := 0;
  writeln('recursing');
  Recurse(1);
  writeln('never printed');
end.
