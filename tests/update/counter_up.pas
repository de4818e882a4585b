program Counter;
{ counter.pas with an update point at the end of main's loop: a running
  main moves to a new version there (counter_up_v2.pas has one too). }
var
  line: string;
  n: integer;
begin
  n := 0;
  while not eof do
  begin
    readln(line);
    n := n + 1;
    writeln('count1 ', n, ': ', line);
    {$dvm updatepoint}
  end;
end.
