program IncDec;
{ inc and dec with and without a step, on integers, chars, enumerations, array
  elements, record fields and var parameters. }
type
  TLevel = (Low, Medium, High, Max);
  TRec = record
    n: integer;
  end;
var
  i: integer;
  c: char;
  l: TLevel;
  a: array[1..3] of integer;
  r: TRec;

procedure Bump(var v: integer; by: integer);
begin
  inc(v, by);
  inc(v);
end;

begin
  i := 10;
  inc(i); writeln(i);
  inc(i, 5); writeln(i);
  dec(i); writeln(i);
  dec(i, 20); writeln(i);
  inc(i, -3); writeln(i);
  dec(i, -10); writeln(i);
  inc(i, i * 2); writeln(i);
  c := 'a';
  inc(c); writeln(c);
  inc(c, 3); writeln(c);
  dec(c, 2); writeln(c);
  l := Low;
  inc(l); writeln(l);
  inc(l, 2); writeln(l);
  dec(l); writeln(l);
  a[1] := 1; a[2] := 2; a[3] := 3;
  inc(a[2], 40);
  dec(a[a[1]]);
  writeln(a[1], ' ', a[2], ' ', a[3]);
  r.n := 100;
  inc(r.n, 11);
  Bump(r.n, 7);
  writeln(r.n);
  Bump(i, 0);
  writeln(i);
end.
