program probe1;
type
  Color = (Red, Green, Blue);
  PNode = ^Node;
  Node = record
    name: string;
    val: integer;
    next: PNode;
  end;
  Grid = array[Color, 1..2] of integer;
var
  head, p: PNode;
  g: Grid;
  c: Color;
  s: string[5];
  t: string;
  r: real;
  code, i: integer;
  ch: char;

function total(list: PNode): integer;
var sum: integer;
  procedure add(n: PNode);
  begin
    if n <> nil then begin sum := sum + n^.val; add(n^.next) end;
  end;
begin
  sum := 0;
  add(list);
  total := sum;
end;

procedure push(var l: PNode; const n: string; v: integer);
var q: PNode;
begin
  new(q);
  q^.name := n; q^.val := v; q^.next := l;
  l := q;
end;

function fact(n: integer): integer;
begin
  if n <= 1 then exit(1);
  fact := n * fact(n - 1);
end;

begin
  head := nil;
  push(head, 'alpha', 3);
  push(head, 'beta', 4);
  push(head, 'gamma', 5);
  writeln('total ', total(head));
  p := head;
  while p <> nil do
  begin
    with p^ do write(name, '=', val, ' ');
    p := p^.next;
  end;
  writeln;
  for c := Red to Blue do
    for i := 1 to 2 do g[c, i] := ord(c) * 10 + i;
  for c := Blue downto Red do write(c, ':', g[c][2], ' ');
  writeln;
  writeln(succ(Red), ' ', pred(Blue), ' ', ord(Green));
  s := 'abcdefgh';
  writeln(s, ' ', length(s));
  t := 'hello world';
  insert('big ', t, 7);
  writeln(t);
  delete(t, 1, 6);
  writeln(t, ' ', pos('world', t), ' ', copy(t, 5, 100), '|', copy(t, 50, 2), '|');
  str(3.14159:8:3, t);
  writeln('[', t, ']');
  val('2.5e2', r, code);
  writeln(r:0:1, ' ', code);
  val('12x', i, code);
  writeln(i, ' ', code);
  writeln(upcase('mixed Case'), ' ', upcase('q'));
  ch := 'm';
  case ch of
    'a'..'f': writeln('early');
    'g'..'p': writeln('middle');
  else
    writeln('late');
  end;
  writeln(fact(10));
  writeln(Green:8, '|', true:6, '|', 'x':3, '|', 42:5, '|', -7:3);
  writeln(1.5:8:2, ' ', -0.004:0:2, ' ', 123.456:0:0, ' ', 1e10:0:1);
  writeln(7 div -2, ' ', 7 mod -2, ' ', -7 div 2, ' ', -7 mod 2);
  writeln(5 shl 3, ' ', 1000 shr 2, ' ', 6 and 3, ' ', 6 or 3, ' ', 6 xor 3, ' ', not 0);
  writeln(sqr(1.5):0:2, ' ', abs(-3), ' ', round(2.5), ' ', round(3.5), ' ', trunc(-2.7), ' ', odd(7));
  writeln(chr(65), ord('z'), ' ', 'abc' < 'abd', ' ', 'b' > 'abc');
end.
