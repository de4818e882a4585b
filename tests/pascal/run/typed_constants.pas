program TypedConstants;
{ Typed constants of records, of arrays of records and of two-dimensional
  arrays; initialized globals; initialized locals, set again on every call. }
type
  TPoint = record x, y: integer; end;
  TPerson = record name: string; age: integer; pos: TPoint; end;
  TGrid = array[1..2, 1..3] of integer;
const
  Origin: TPoint = (x: 0; y: 0);
  Corner: TPoint = (x: 10; y: 20);
  Grid: TGrid = ((1, 2, 3), (4, 5, 6));
  People: array[1..2] of TPerson = ((name: 'Ann'; age: 31; pos: (x: 1; y: 2)), (name: 'Bob'; age: 42; pos: (x: 3; y: 4)));
  Names: array[0..2] of string = ('zero', 'one', 'two');
  Letters: set of char = ['a'..'c'];
var
  g: TGrid = ((9, 8, 7), (6, 5, 4));
  total: integer = 100;

procedure Count;
var
  calls: integer = 0;
  p: TPoint = (x: 7; y: 8);
  m: array[1..2, 1..2] of real = ((1.5, 2.5), (3.5, 4.5));
begin
  calls := calls + 1;
  p.x := p.x + calls;
  writeln(calls, ' ', p.x, ' ', p.y, ' ', m[2, 1]:0:1);
end;

var i, j: integer;
begin
  writeln(Origin.x, ' ', Corner.y);
  for i := 1 to 2 do
  begin
    for j := 1 to 3 do write(Grid[i, j] + g[i][j], ' ');
    writeln;
  end;
  for i := 1 to 2 do writeln(People[i].name, ' ', People[i].age, ' ', People[i].pos.y);
  writeln(Names[2], ' ', total, ' ', 'b' in Letters);
  Count;
  Count;
end.
