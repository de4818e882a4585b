program Counter;
{ Version 2 of counter_up.pas: it prints 'count2', and has the same update
  point. }
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
    {$dvm updatepoint}
  end;
end.
