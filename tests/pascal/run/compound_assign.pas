{ fpc's C-style assignment operators (on by default): x += e is x := x + e,
  for integers, reals, strings, array elements and record fields. }
program compound_assign;
type rec = record n: integer; x: real end;
var i: integer; r: real; s: string; a: array[1..3] of integer; q: rec; c: char;
begin
  i := 1; i += 2; i *= 5; i -= 1;
  r := 2; r /= 4; r += i; r *= 2;
  s := 'ab'; s += 'cd'; s += '!';
  a[1] := 10; a[2] := 20; a[3] := 30;
  for i := 1 to 3 do a[i] += i * 100;
  a[2] *= 2;
  q.n := 3; q.n += 4; q.x := 1.5; q.x -= 0.25;
  c := 'x'; s += c;
  writeln(r:0:3, ' ', s, ' ', a[1], ' ', a[2], ' ', a[3], ' ', q.n, ' ', q.x:0:2);
end.
