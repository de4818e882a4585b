program Queens;
{ The N-queens problem by backtracking: the number of solutions for N = 1..8 and the
  first solution for 8, drawn as a board. }
const
  MaxN = 8;
var
  col: array[1..MaxN] of integer;
  usedCol: array[1..MaxN] of boolean;
  diag1: array[2..2 * MaxN] of boolean;
  diag2: array[1 - MaxN..MaxN - 1] of boolean;
  n, solutions, i: integer;
  first: array[1..MaxN] of integer;
  haveFirst: boolean;

procedure Place(row: integer);
var
  c, k: integer;
begin
  if row > n then
  begin
    inc(solutions);
    if not haveFirst then
    begin
      for k := 1 to n do first[k] := col[k];
      haveFirst := true;
    end;
    exit;
  end;
  for c := 1 to n do
    if not usedCol[c] and not diag1[row + c] and not diag2[row - c] then
    begin
      col[row] := c;
      usedCol[c] := true; diag1[row + c] := true; diag2[row - c] := true;
      Place(row + 1);
      usedCol[c] := false; diag1[row + c] := false; diag2[row - c] := false;
    end;
end;

procedure Clear;
var
  k: integer;
begin
  for k := 1 to MaxN do usedCol[k] := false;
  for k := 2 to 2 * MaxN do diag1[k] := false;
  for k := 1 - MaxN to MaxN - 1 do diag2[k] := false;
end;

begin
  for n := 1 to MaxN do
  begin
    Clear;
    solutions := 0;
    haveFirst := false;
    Place(1);
    writeln(n, ' queens: ', solutions, ' solutions');
  end;
  n := MaxN;
  for i := 1 to n do
  begin
    for solutions := 1 to n do
      if first[i] = solutions then write('Q ') else write('. ');
    writeln;
  end;
end.
