program TypesClient;
type
  TPoint = record x: integer; y: integer; w: real; end;
var p: TPoint;
function scale(p: TPoint; k: integer): TPoint; external 'shapes';
function tag(s: string; n: integer): integer; external 'shapes';
function crash(d: integer): integer; external 'shapes';
begin
  p.x := 3; p.y := -4; p.w := 5.0;
  p := scale(p, 7);
  writeln(p.x, ' ', p.y, ' ', p.w:0:2);
  writeln(tag('héllo', 5));
  writeln(crash(1));
end.
