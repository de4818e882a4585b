{ runtime-error: 10: invalid numeric input }
program InvalidNumber;
var
  i, n, sum: integer;
begin
  readln(n);
  sum := 0;
  for i := 1 to n do
  begin
    read(n);
    sum := sum + n;
    writeln('sum ', sum);
  end;
end.
