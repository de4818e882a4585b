{ A service whose call takes a while: time to break the connection under it. }
program Slow;

{$dvm export}
function slow(ms: integer): integer;
begin
  writeln('exec ', ms);
  flush(output);
  sleep(ms);
  slow := ms;
end;

begin
  serve;
end.
