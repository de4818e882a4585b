program Counter;
{ Version 2 of counter.pas: it prints 'count2'.  Like version 1 it has no
  update point. }
var
  line: string;
  n: integer;
begin
  n := 0;
  while not eof do
  begin
    readln(line);
    n := n + 1;
    writeln('count2 ', n, ': ', line);
  end;
end.
