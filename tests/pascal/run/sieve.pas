program Sieve;
{ The sieve of Eratosthenes with a boolean array; prime counting, twin primes, Goldbach
  decompositions, and a trial-division cross-check. }
const
  Limit = 10000;
var
  composite: array[2..Limit] of boolean;
  i, j, count, twins, last: integer;

function IsPrime(n: integer): boolean;
var
  d: integer;
begin
  if n < 2 then exit(false);
  d := 2;
  while d * d <= n do
  begin
    if n mod d = 0 then exit(false);
    inc(d);
  end;
  IsPrime := true;
end;

procedure Goldbach(n: integer);
var
  p: integer;
begin
  for p := 2 to n div 2 do
    if not composite[p] and not composite[n - p] then
    begin
      writeln(n, ' = ', p, ' + ', n - p);
      exit;
    end;
end;

begin
  for i := 2 to Limit do composite[i] := false;
  i := 2;
  while i * i <= Limit do
  begin
    if not composite[i] then
    begin
      j := i * i;
      while j <= Limit do
      begin
        composite[j] := true;
        j := j + i;
      end;
    end;
    inc(i);
  end;
  count := 0;
  for i := 2 to 100 do
    if not composite[i] then
    begin
      write(i, ' ');
      inc(count);
    end;
  writeln;
  writeln(count, ' primes below 100');
  count := 0; twins := 0; last := 0;
  for i := 2 to Limit do
    if not composite[i] then
    begin
      inc(count);
      if i - last = 2 then inc(twins);
      last := i;
    end;
  writeln(count, ' primes up to ', Limit, ', ', twins, ' twin pairs, largest ', last);
  count := 0;
  for i := 1 to Limit do
    if IsPrime(i) <> ((i >= 2) and not composite[i]) then inc(count);
  writeln('mismatches ', count);
  Goldbach(100); Goldbach(998); Goldbach(9998);
end.
