program Tally;
{ Version 2 of tally.pas: count is a real, mapped from version 1's integer. }
var
  line: string;
  count: real = 0;

{$dvm mapper count}
procedure MapCount(const old: integer);
begin
  count := old;
end;

procedure Echo(s: string);
begin
  count := count + 1;
  if s = 'slow' then sleep(2000);
  writeln('tally2 ', count:0:1, ': ', s);
end;

procedure Serve;
begin
  while not eof do
  begin
    readln(line);
    Echo(line);
  end;
end;

begin
  Serve;
end.
