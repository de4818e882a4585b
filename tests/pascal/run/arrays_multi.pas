program ArraysMulti;
{ Arrays: one, two and three dimensions, m[i][j] and m[i, j] as the same element,
  arrays of arrays, whole-array assignment (a copy), non-zero and negative bounds. }
type
  TRow = array[1..4] of integer;
  TGrid = array[1..3] of TRow;
  TCube = array[0..1, 0..2, 0..3] of integer;
var
  g, h: TGrid;
  m: array[1..3, 1..4] of integer;
  cube: TCube;
  neg: array[-3..3] of integer;
  r: TRow;
  i, j, k, sum: integer;
begin
  for i := 1 to 3 do
    for j := 1 to 4 do
    begin
      m[i, j] := i * 10 + j;
      g[i][j] := i * j;
    end;
  writeln(m[2, 3], ' ', m[2][3], ' ', g[3, 4], ' ', g[3][4]);
  m[1][2] := 0;
  g[2, 2] := -1;
  writeln(m[1, 2], ' ', g[2][2]);
  for i := 1 to 3 do
  begin
    for j := 1 to 4 do write(m[i, j]:4);
    writeln;
  end;
  h := g;
  h[1, 1] := 100;
  writeln(g[1, 1], ' ', h[1, 1]);
  r := g[3];
  r[1] := 77;
  writeln(r[1], ' ', r[4], ' ', g[3][1]);
  g[1] := r;
  writeln(g[1, 1], ' ', g[1][4]);
  for i := 0 to 1 do
    for j := 0 to 2 do
      for k := 0 to 3 do
        cube[i, j, k] := i * 100 + j * 10 + k;
  writeln(cube[1, 2, 3], ' ', cube[1][2][3], ' ', cube[0, 1][2], ' ', cube[1][0, 3]);
  sum := 0;
  for i := 0 to 1 do
    for j := 0 to 2 do
      for k := 0 to 3 do
        sum := sum + cube[i][j][k];
  writeln('cube sum ', sum);
  for i := -3 to 3 do neg[i] := i * i;
  for i := low(neg) to high(neg) do write(neg[i], ' ');
  writeln;
  writeln(low(neg), ' ', high(neg), ' ', length(neg), ' ', low(m), ' ', high(m), ' ', high(m[1]));
  writeln(length(g), ' ', length(g[1]), ' ', high(cube[0]), ' ', high(cube[0, 0]));
end.
