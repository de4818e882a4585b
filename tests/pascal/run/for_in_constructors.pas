program for_in_constructors;
{ for x in [e1, e2, ...] over strings, reals and records: an array of the
  elements, as fpc makes; ordinal elements
  still make a set (members in order). }
type
  TPoint = record x, y: integer; end;
var
  s: string;
  r: real;
  i: integer;
  p, q, pt: TPoint;

function IsPalindrome(const s: string): boolean;
var i, j: integer;
begin
  i := 1; j := length(s);
  while i < j do
  begin
    if s[i] <> s[j] then exit(false);
    inc(i); dec(j);
  end;
  IsPalindrome := true;
end;

begin
  for s in ['racecar', 'hello', 'abba', ''] do writeln(s, ' ', IsPalindrome(s));
  for s in ['xyz', 'uvw', 'rst'] do write(s, ' ');
  writeln;
  for r in [1.5, 2.0, -0.25] do write(r:0:2, ' ');
  writeln;
  p.x := 1; p.y := 2; q.x := 3; q.y := 4;
  for pt in [p, q, p] do write(pt.x + pt.y, ' ');
  writeln;
  for i in [5, 1, 3] do write(i, ' ');
  writeln;
  for i := 1 to 3 do
    for s in ['ab', 'cd'] do write(s, i);
  writeln;
end.
