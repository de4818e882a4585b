{ Labels and goto: forward and backward jumps, leaving nested loops, labels
  as digit sequences (010 is 10) and as identifiers, in the main program and
  in routines, a goto from a case arm and from inside a with, and loops whose
  variables stay coherent when a goto leaves them. }
program goto_labels;

type
  Point = record
    x, y: integer;
  end;

label 10, 20, done, 99;

var
  i, j, total, tries: integer;
  grid: array[1..4, 1..4] of integer;
  p: Point;
  s: string;

{ The first (row, column) whose cell holds the value, by leaving both loops. }
function find(value: integer; var row, col: integer): boolean;
label found;
var
  r, c: integer;
begin
  for r := 1 to 4 do
    for c := 1 to 4 do
      if grid[r, c] = value then
        goto found;
  find := false;
  exit;
found:
  row := r;
  col := c;
  find := true;
end;

{ Euclid with a backward goto instead of a loop. }
function gcd(a, b: integer): integer;
label again;
var
  t: integer;
begin
again:
  if b <> 0 then
  begin
    t := a mod b;
    a := b;
    b := t;
    goto again;
  end;
  gcd := a;
end;

procedure retry;
label 1, 2;
var
  n: integer;
begin
  n := 0;
1:
  n := n + 1;
  case n mod 3 of
    0: goto 2;
    1, 2: goto 1;
  end;
2:
  writeln('retry stopped at ', n);
end;

var
  r, c: integer;

begin
  for i := 1 to 4 do
    for j := 1 to 4 do
      grid[i, j] := i * 10 + j;
  if find(32, r, c) then
    writeln('32 at ', r, ',', c);
  if not find(55, r, c) then
    writeln('55 not found');
  writeln('gcd ', gcd(1071, 462), ' ', gcd(17, 5));
  retry;

  { A loop whose counters are left by a goto: the sum must be complete. }
  total := 0;
  for i := 1 to 100 do
  begin
    total := total + i;
    if total > 50 then
      goto 10;
  end;
  writeln('not reached');
10:
  writeln('left at i=', i, ' total=', total);

  tries := 0;
20:
  tries := tries + 1;
  s := s + chr(ord('a') + tries - 1);
  if tries < 5 then goto 20;
  writeln('tries ', tries, ' ', s);

  p.x := 3;
  p.y := 4;
  with p do
  begin
    if x * x + y * y = 25 then
      goto done;
    writeln('not reached');
  end;
  writeln('not reached either');
done:
  writeln('done: ', p.x, ' ', p.y);

  i := 0;
  repeat
    i := i + 1;
    while true do
    begin
      if i = 3 then goto 99;
      break;
    end;
  until i > 10;
99:
  writeln('repeat left at ', i);
end.
