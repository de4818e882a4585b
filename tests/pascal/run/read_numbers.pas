program ReadNumbers;
{ Reading integers and reals from standard input: several per line with read, one per
  line with readln, eoln and eof to find the ends. }
var
  n, i, x, sum, lines, count: integer;
  r, total: real;
begin
  { first line: how many numbers follow on the second line }
  readln(n);
  sum := 0;
  for i := 1 to n do
  begin
    read(x);
    sum := sum + x;
  end;
  readln;
  writeln('sum of ', n, ' numbers: ', sum);
  { two reals on one line }
  read(r, total);
  readln;
  writeln('reals: ', r:0:3, ' ', total:0:3, ' product ', r * total:0:4);
  { then lines of integers of varying length until the end of input }
  lines := 0;
  while not eof do
  begin
    lines := lines + 1;
    count := 0;
    sum := 0;
    while not eoln do
    begin
      read(x);
      count := count + 1;
      sum := sum + x;
    end;
    readln;
    writeln('line ', lines, ': ', count, ' numbers, sum ', sum);
  end;
  writeln('eof ', eof);
end.
