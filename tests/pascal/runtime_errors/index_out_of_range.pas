{ runtime-error: 12: index out of range }
program IndexOutOfRange;
var
  a: array[1..5] of integer;
  i: integer;
begin
  for i := 1 to 5 do a[i] := i * i;
  i := 0;
  while true do
  begin
    i := i + 1;
    a[i] := a[i] + 1;
    write(a[i], ' ');
  end;
end.
