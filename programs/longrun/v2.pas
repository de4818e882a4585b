{ A long computation: the longest Collatz chain below a bound, reporting
  progress.  Its loop has an update point, where a running frame of `search`
  moves to a new version keeping its locals.  Version 2 reports the chain length too. }
program longrun;

uses sysutils;

function chain(x: integer): integer;
var len: integer;
begin
  len := 1;
  while x <> 1 do
  begin
    if odd(x) then x := 3 * x + 1 else x := x div 2;
    len := len + 1;
  end;
  chain := len;
end;

procedure search(limit: integer);
var n, best, bestlen, len: integer;
begin
  best := 1;
  bestlen := 1;
  n := 1;
  while n <= limit do
  begin
    {$dvm updatepoint}
    len := chain(n);
    if len > bestlen then
    begin
      best := n;
      bestlen := len;
    end;
    if n mod 100 = 0 then
    begin
      writeln('v2 n=', n, ' best=', best, ' (chain ', bestlen, ')');
      flush(output);
      sleep(100);
    end;
    n := n + 1;
  end;
  writeln('done: ', best, ' has a chain of ', bestlen);
end;

begin
  search(2000);
end.
