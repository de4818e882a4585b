program UsesSysutils;
uses sysutils;
{ uses sysutils brings sleep; flush(output) flushes standard output. }
var
  i: integer;
begin
  write('before sleep');
  flush(output);
  sleep(20);
  writeln(' after sleep');
  for i := 1 to 3 do
  begin
    write(i, ' ');
    flush(output);
    sleep(1);
  end;
  writeln;
  sleep(0);
  writeln('done');
end.
