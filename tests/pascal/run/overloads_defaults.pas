program Overloads;
{ Routines overloaded by their parameters (fpc needs no directive in objfpc
  mode; `overload` and `inline` are accepted), default parameter values,
  and a forward-declared overload. }
type
  TPoint = record x, y: integer; end;

function Twice(x: integer): integer; overload; forward;
function Twice(x: real): real; overload;
begin
  Twice := 2 * x;
end;
function Twice(const s: string): string; inline;
begin
  Twice := s + s;
end;
function Twice(x: integer): integer;
begin
  if x > 1000 then Twice := trunc(Twice(1.0 * x)) else
  Twice := 2 * x;
end;

procedure Show(const p: TPoint); overload;
begin
  writeln('(', p.x, ',', p.y, ')');
end;

procedure Show(n: integer; const prefix: string = '#'; width: integer = 0); overload;
begin
  writeln(prefix, n:width);
end;

procedure Bump(var n: integer; by: integer = 1);
begin
  n := n + by;
end;

function Area(w: real; h: real = 2.0): real;
begin
  Area := w * h;
end;

var
  p: TPoint;
  k: integer;
begin
  writeln(Twice(5000), Twice(21), ' ', Twice(1.5):0:2, ' ', Twice('ab'), ' ', Twice(2.0 * 3):0:1);
  p.x := 3; p.y := 4;
  Show(p);
  Show(7);
  Show(8, 'n=');
  Show(9, 'w', 5);
  k := 10;
  Bump(k);
  Bump(k, 5);
  writeln(k, ' ', Area(3):0:1, ' ', Area(3, 4):0:1);
end.
