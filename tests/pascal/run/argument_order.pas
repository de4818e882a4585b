{ fpc evaluates a call's arguments from the last to the first; dvm does the
  same, so a program prints what fpc's build prints.  (write's items are
  written one after the other, from the first.) }
program ArgumentOrder;
type
  TPair = record a, b: integer; end;
var
  n: integer;
  arr: array[1..5] of integer;

function next: integer;
begin
  n := n + 1;
  next := n;
end;

function say(s: string): integer;
begin
  write(s);
  say := length(s);
end;

function f3(a, b, c: integer): integer;
begin
  f3 := a * 100 + b * 10 + c;
end;

function make(a: integer): TPair;
begin
  make.a := a;
  make.b := next;
end;

function sum(p: TPair; x: integer): integer;
begin
  sum := p.a * 100 + p.b * 10 + x;
end;

procedure bump(var v: integer; by: integer);
begin
  v := v + by;
end;

function total(const xs: array of integer; k: integer): integer;
var i, t: integer;
begin
  t := 0;
  for i := 0 to high(xs) do t := t + xs[i];
  total := t * 10 + k;
end;

begin
  n := 0;
  writeln(next, ' ', next, ' ', next);
  writeln(f3(next, next, next));
  f3(say('a'), say('b'), say('c'));
  writeln;
  writeln(sum(make(1), next));
  arr[1] := 0; arr[2] := 0; arr[3] := 0;
  n := 0;
  bump(arr[next], next);
  writeln(arr[1], ' ', arr[2], ' ', arr[3]);
  writeln(total([next, next], next));
  writeln(next - next);
end.
