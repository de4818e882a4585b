{ Dynamic arrays that hold references: array of string and arrays of
  dynamic arrays (grids, cubes).  Elements are shared until setlength or
  copy makes a fresh array; setlength(a, n, m, ...) sizes every dimension
  (kept elements stay); a nested array lives as long as something refers to
  it; nil releases everything. }
program dynamic_arrays_nested;
type
  TGrid = array of array of integer;
  TNames = array of string;
var
  g, h: TGrid;
  names, other: TNames;
  grid: array of array of real;
  cube: array of array of array of integer;
  i, j, k, n: integer;
  s: string;
begin
  SetLength(g, 3);
  for i := 0 to 2 do
  begin
    SetLength(g[i], i + 2);
    for j := 0 to High(g[i]) do g[i][j] := i * 10 + j;
  end;
  h := g;
  h[1][0] := -1;
  SetLength(h, 4);
  h[2][1] := -2;
  for i := 0 to High(g) do
  begin
    for j := 0 to High(g[i]) do write(g[i, j], ' ');
    writeln('| ', Length(g[i]));
  end;
  writeln(Length(h), ' ', Length(h[3]));
  SetLength(names, 3);
  names[0] := 'ann'; names[1] := 'bob' + '!'; names[2] := names[0] + names[1];
  other := Copy(names, 1, 2);
  names[1] := 'changed';
  for s in other do write(s, ' ');
  writeln;
  for s in names do write(s, ' ');
  writeln(Length(names));
  SetLength(names, 1);
  writeln(names[0], ' ', Length(names), ' ', other[1]);
  g := nil;
  writeln(Length(g), ' ', Length(h), ' ', h[2][1]);
  n := 3;
  SetLength(grid, n, n + 1);
  for i := 0 to High(grid) do
    for j := 0 to High(grid[i]) do
      grid[i, j] := i + j / 10;
  writeln(Length(grid), ' ', Length(grid[2]), ' ', grid[2, 3]:0:1);
  SetLength(cube, 2, 3, 4);
  for i := 0 to 1 do for j := 0 to 2 do for k := 0 to 3 do cube[i][j][k] := i * 100 + j * 10 + k;
  writeln(Length(cube), Length(cube[1]), Length(cube[1][2]), ' ', cube[1][2][3]);
  SetLength(grid, 1, 2);
  writeln(Length(grid), ' ', Length(grid[0]), ' ', grid[0][1]:0:1);
  SetLength(cube, 0, 5);
  writeln(Length(cube));
end.
