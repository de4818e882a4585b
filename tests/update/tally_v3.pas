program Tally;
{ Version 3 of tally.pas: count stays a real, with no mapper: an update from
  version 2, refused from version 1. }
var
  line: string;
  count: real = 0;

procedure Echo(s: string);
begin
  count := count + 1;
  if s = 'slow' then sleep(2000);
  writeln('tally3 ', count:0:1, ': ', s);
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
