{ Procedural types: values naming top-level routines (@name), nil, calls
  through variables, record fields, array elements and parameters, var and
  const parameters, string and record results, open arrays, comparisons. }
program procvals;

type
  TReal = function(x: real): real;
  TCompare = function(const a, b: string): integer;
  TAction = procedure;
  TStep = procedure(var n: integer; by: integer);
  TPoint = record x, y: integer end;
  TMaker = function(x, y: integer): TPoint;
  TSum = function(const a: array of integer): integer;
  THandler = record
    name: string;
    run: TAction;
  end;

var
  f, g: TReal;
  cmp: TCompare;
  handlers: array[1..3] of THandler;
  step: TStep;
  make: TMaker;
  sum: TSum;
  words: array[1..6] of string;
  i, n: integer;
  p: TPoint;
  counter: integer;

function sq(x: real): real; begin sq := x * x end;
function half(x: real): real; begin half := x / 2 end;

function integrate(fn: TReal; a, b: real; steps: integer): real;
var k: integer; h, s: real;
begin
  h := (b - a) / steps;
  s := 0;
  for k := 0 to steps - 1 do s := s + fn(a + (k + 0.5) * h);
  integrate := s * h
end;

function compose(outer, inner: TReal; x: real): real;
begin
  compose := outer(inner(x))
end;

function by_length(const a, b: string): integer;
begin
  by_length := length(a) - length(b);
  if by_length = 0 then
    if a < b then by_length := -1 else if a > b then by_length := 1
end;

function reverse_alpha(const a, b: string): integer;
begin
  if a > b then reverse_alpha := -1 else if a < b then reverse_alpha := 1 else reverse_alpha := 0
end;

procedure sort(var w: array of string; order: TCompare);
var a, b: integer; t: string;
begin
  for a := low(w) to high(w) - 1 do
    for b := a + 1 to high(w) do
      if order(w[b], w[a]) < 0 then begin t := w[a]; w[a] := w[b]; w[b] := t end
end;

procedure hello; begin writeln('hello'); counter := counter + 1 end;
procedure tick; begin counter := counter + 10 end;
procedure report; begin writeln('counter ', counter) end;

procedure add_to(var n: integer; by: integer); begin n := n + by end;
procedure times(var n: integer; by: integer); begin n := n * by end;

function point(x, y: integer): TPoint; begin point.x := x; point.y := y end;
function total(const a: array of integer): integer;
var k: integer;
begin
  total := 0;
  for k := low(a) to high(a) do total := total + a[k]
end;

procedure apply_all(const which: array of integer);
var k: integer;
begin
  for k := low(which) to high(which) do
    if assigned(handlers[which[k]].run) then handlers[which[k]].run
    else writeln(handlers[which[k]].name, ' has no action')
end;

begin
  f := @sq;
  g := @half;
  writeln(integrate(f, 0, 1, 1000):0:6, ' ', integrate(@half, 0, 4, 10):0:3);
  writeln(compose(f, g, 6):0:2, ' ', compose(g, f, 6):0:2);
  writeln(f = g, ' ', f = @sq, ' ', f <> nil, ' ', assigned(g));
  g := nil;
  writeln(g = nil, ' ', assigned(g));

  words[1] := 'pear'; words[2] := 'fig'; words[3] := 'banana';
  words[4] := 'kiwi'; words[5] := 'apple'; words[6] := 'date';
  cmp := @by_length;
  sort(words, cmp);
  for i := 1 to 6 do write(words[i], ' ');
  writeln;
  sort(words, @reverse_alpha);
  for i := 1 to 6 do write(words[i], ' ');
  writeln;

  counter := 0;
  handlers[1].name := 'greet'; handlers[1].run := @hello;
  handlers[2].name := 'idle'; handlers[2].run := nil;
  handlers[3].name := 'tick'; handlers[3].run := @tick;
  apply_all([1, 2, 3, 3, 1]);
  handlers[2].run := @report;
  handlers[2].run;
  handlers[2].run();

  n := 3;
  step := @add_to;
  step(n, 4);
  step := @times;
  step(n, 5);
  writeln('n ', n);

  make := @point;
  p := make(3, 4);
  writeln(p.x, ',', p.y, ' ', make(7, 8).y);
  sum := @total;
  writeln(sum([1, 2, 3, 4]));
end.
