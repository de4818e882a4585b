program Scopes;
{ Scoping: locals shadowing globals, parameters shadowing globals, nested routines
  shadowing outer locals, a user routine hiding a built-in's name, globals changed from
  routines, maxint used without printing it. }
var
  x, y: integer;
  s: string;

procedure ShadowGlobal;
var
  x: integer;
begin
  x := 100;
  y := y + 1;
  writeln('local x ', x, ' global y ', y);
end;

procedure ShadowParam(x: integer);
begin
  x := x + 1;
  writeln('param x ', x);
end;

procedure Outer;
var
  y: string;

  procedure Inner;
  var
    y: real;
  begin
    y := 2.5;
    writeln('inner y ', y:0:1, ' global x ', x);
  end;

begin
  y := 'outer';
  Inner;
  writeln('outer y ', y);
end;

function Sqr(n: integer): integer;
begin
  Sqr := n * n * n;   { hides the built-in sqr }
end;

procedure Bump;
begin
  x := x + 10;
end;

begin
  x := 1;
  y := 2;
  ShadowGlobal;
  ShadowParam(x);
  Outer;
  writeln('globals ', x, ' ', y);
  writeln('user sqr ', Sqr(3));
  Bump; Bump;
  writeln('bumped ', x);
  writeln(maxint >= 2147483647, ' ', maxint > 0);
  s := 'global s';
  writeln(s);
end.
