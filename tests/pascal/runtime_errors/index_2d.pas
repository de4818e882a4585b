{ runtime-error: 10: index out of range }
program Index2D;
var
  m: array[1..3, 1..3] of integer;
  i, j: integer;
begin
  for i := 1 to 3 do
    for j := 1 to 3 do m[i, j] := i + j;
  i := 2; j := 4;
  writeln(m[i][j]);
end.
