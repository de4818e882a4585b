program Life;
{ Conway's game of life on a small torus: a glider and a blinker, several generations. }
const
  W = 12;
  H = 8;
type
  TGrid = array[0..H - 1, 0..W - 1] of boolean;
var
  grid, next: TGrid;
  gen, r, c: integer;

function Neighbours(const g: TGrid; row, col: integer): integer;
var
  dr, dc, n: integer;
begin
  n := 0;
  for dr := -1 to 1 do
    for dc := -1 to 1 do
      if ((dr <> 0) or (dc <> 0)) and g[(row + dr + H) mod H, (col + dc + W) mod W] then
        inc(n);
  Neighbours := n;
end;

procedure Step(const g: TGrid; var ng: TGrid);
var
  r, c, n: integer;
begin
  for r := 0 to H - 1 do
    for c := 0 to W - 1 do
    begin
      n := Neighbours(g, r, c);
      ng[r, c] := (n = 3) or (g[r, c] and (n = 2));
    end;
end;

procedure Show(const g: TGrid);
var
  r, c, alive: integer;
begin
  alive := 0;
  for r := 0 to H - 1 do
  begin
    for c := 0 to W - 1 do
      if g[r][c] then
      begin
        write('#');
        inc(alive);
      end
      else write('.');
    writeln;
  end;
  writeln('alive: ', alive);
end;

begin
  for r := 0 to H - 1 do
    for c := 0 to W - 1 do grid[r, c] := false;
  grid[0, 1] := true; grid[1, 2] := true; grid[2, 0] := true; grid[2, 1] := true; grid[2, 2] := true;
  grid[5, 8] := true; grid[5, 9] := true; grid[5, 10] := true;
  for gen := 0 to 4 do
  begin
    writeln('generation ', gen);
    Show(grid);
    Step(grid, next);
    grid := next;
  end;
  for gen := 5 to 30 do
  begin
    Step(grid, next);
    grid := next;
  end;
  writeln('generation 31');
  Show(grid);
end.
