program Tally;
{ The queued-update test's program: Echo counts each input line in count
  (an integer); the line 'slow' keeps Echo active for two seconds.
  tally_v2.pas makes count a real (with a mapper); tally_v3.pas keeps it a
  real and has no mapper, so only version 2 can take it. }
var
  line: string;
  count: integer = 0;

procedure Echo(s: string);
begin
  count := count + 1;
  if s = 'slow' then sleep(2000);
  writeln('tally1 ', count, ': ', s);
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
