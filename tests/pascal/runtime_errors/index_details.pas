{ runtime-error: 13: index out of range (index 11, bounds 1..10) }
program IndexDetails;
{ The runtime error of an index check names the index and the bounds. }
var
  a: array[1..10] of integer;
  i: integer;
begin
  for i := 1 to 10 do a[i] := i * i;
  writeln(a[10]);
  i := 1;
  while a[i] < 100 do
    i := i + 1;
  a[i + 1] := 0;
end.
