{ Dynamic arrays (array of T): setlength (growing keeps the elements, new ones
  are zero; shrinking; a fresh copy for the variable it changes), length,
  high, low, 0-based indexing, reference semantics (b := a shares the
  elements), copy, nil, assigned, function results, var/const/value
  parameters, passing to open array parameters, for-in, arrays of reals,
  chars, booleans and records, dynamic arrays inside records, and a sieve
  sized at run time. }
program dynamic_arrays;

type
  TInts = array of integer;
  TPoint = record
    x, y: real;
  end;
  TPolygon = record
    name: string;
    corners: array of TPoint;
  end;

var
  a, b, c: TInts;
  pts: array of TPoint;
  flags: array of boolean;
  letters: array of char;
  poly, copy2: TPolygon;
  i, n, total: integer;
  r: array of real;
  primes: TInts;

function squares(n: integer): TInts;
var
  k: integer;
begin
  SetLength(Result, n);
  for k := 0 to n - 1 do
    Result[k] := k * k;
end;

procedure show(const v: TInts);
var
  k: integer;
begin
  write('[', Length(v), ']');
  for k := Low(v) to High(v) do
    write(' ', v[k]);
  writeln;
end;

procedure fill(var v: TInts; x: integer);
var
  k: integer;
begin
  for k := 0 to High(v) do
    v[k] := x + k;
end;

procedure grow(v: TInts);
begin
  { a value parameter shares the elements, but setlength makes its own copy }
  v[0] := -1;
  SetLength(v, 10);
  v[1] := -2;
end;

function sum(const v: array of integer): integer;
var
  k: integer;
begin
  sum := 0;
  for k := 0 to High(v) do
    sum := sum + v[k];
end;

procedure bump(v: array of integer);
begin
  v[0] := 1000;
  writeln('bumped copy ', v[0]);
end;

function sieve(limit: integer): TInts;
var
  composite: array of boolean;
  k, m, count: integer;
begin
  SetLength(composite, limit + 1);
  SetLength(Result, 0);
  count := 0;
  for k := 2 to limit do
    if not composite[k] then
    begin
      SetLength(Result, count + 1);
      Result[count] := k;
      count := count + 1;
      m := k * k;
      while m <= limit do
      begin
        composite[m] := true;
        m := m + k;
      end;
    end;
end;

begin
  show(a);
  writeln(Length(a), ' ', High(a), ' ', Low(a), ' ', a = nil, ' ', Assigned(a));
  SetLength(a, 5);
  for i := 0 to 4 do
    a[i] := i * 10;
  show(a);
  writeln(a = nil, ' ', a <> nil, ' ', Assigned(a));
  b := a;
  b[0] := 99;
  show(a);
  SetLength(b, 7);
  b[6] := 6;
  show(a);
  show(b);
  a := squares(6);
  show(a);
  fill(a, 100);
  show(a);
  grow(a);
  show(a);
  c := Copy(a, 2, 3);
  show(c);
  c := Copy(a, 4, 100);
  show(c);
  c := Copy(a);
  c[5] := 0;
  show(c);
  show(a);
  writeln('sum ', sum(a), ' ', sum(c), ' ', sum(squares(4)));
  bump(a);
  show(a);
  total := 0;
  for n in a do
    total := total + n;
  writeln('for-in total ', total);
  SetLength(a, 2);
  show(a);
  SetLength(a, 4);
  show(a);
  a := nil;
  writeln(Length(a), ' ', High(a));

  SetLength(pts, 3);
  pts[1].x := 1.5;
  pts[2].y := -2;
  writeln(pts[1].x:0:1, ' ', pts[2].y:0:1, ' ', pts[0].x:0:1, ' ', Length(pts));
  SetLength(r, 2);
  r[0] := 0.5;
  r[1] := r[0] * 3;
  writeln(r[1]:0:2);
  SetLength(flags, 3);
  flags[1] := true;
  writeln(flags[0], ' ', flags[1]);
  SetLength(letters, 26);
  for i := 0 to 25 do
    letters[i] := chr(ord('a') + i);
  for i := 25 downto 20 do
    write(letters[i]);
  writeln;

  poly.name := 'triangle';
  SetLength(poly.corners, 3);
  poly.corners[2].x := 7;
  copy2 := poly;
  copy2.corners[0].y := 4;
  writeln(poly.name, ' ', Length(poly.corners), ' ', poly.corners[2].x:0:1, ' ', poly.corners[0].y:0:1);

  primes := sieve(60);
  show(primes);
end.
