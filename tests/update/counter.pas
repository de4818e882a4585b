program Counter;
{ Counts its input lines in main itself, so main is always active.
  counter_v2.pas changes main's body; neither version has an update point,
  so a running main keeps version 1 until the program ends. }
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
  end;
end.
