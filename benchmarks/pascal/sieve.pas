{ sieve: Sieve of Eratosthenes over a boolean array, repeated. Measures array stores and
  loads in tight while/for loops. }
program sievebench;

const
  N = 1000000;
  REPEATS = 80;

var
  flags: array[0..N] of boolean;
  r, i, j, count, total: integer;

begin
  total := 0;
  count := 0;
  for r := 1 to REPEATS do
  begin
    for i := 0 to N do
      flags[i] := true;
    flags[0] := false;
    flags[1] := false;
    i := 2;
    while i * i <= N do
    begin
      if flags[i] then
      begin
        j := i * i;
        while j <= N do
        begin
          flags[j] := false;
          j := j + i;
        end;
      end;
      i := i + 1;
    end;
    count := 0;
    for i := 0 to N do
      if flags[i] then
        count := count + 1;
    total := total + count;
  end;
  writeln(count, ' ', total);
end.
