{ runtime-error: 12: index out of range (index 5, bounds 1..3) }
{ A constant index outside the bounds is only a warning (as in fpc); the
  check stays in the code and stops the program when it gets there. }
program constant_index_reached;
var
  a: array[1..3] of integer;
  i: integer;
begin
  for i := 1 to 3 do a[i] := i;
  writeln(a[3]);
  if a[1] = 1 then
    a[5] := 9;
  writeln('not reached');
end.
