{ Corners where fpc's rules are easy to miss: insert and read into a
  string[N] keep N characters (read leaves the rest of the line), a real
  written with a negative width gets the least width, `not` of a subrange of
  naturals works in the smallest unsigned type that holds it, and constants
  outside their range are warnings: the code compiles and runs as long as it
  does not reach them. }
program fpc_corners;

type
  short5 = string[5];
  item = record tag: short5; n: integer end;
  small = 1..10;
  wide = 0..65535;
  bits32 = 0..4294967295;
  signed = -5..5;
  digit = 1..5;

const
  seven: digit = 7;      { warning, kept as fpc keeps it }
  wrapped = chr(300);    { warning, wraps to chr(44) }

var
  s: short5;
  boxes: array[1..2] of short5;
  it: item;
  a3: string[3];
  b2: string[2];
  rest: string;
  ch: char;
  r: real;
  w: integer;
  b: 0..255;
  sm: small;
  wd: wide;
  b32: bits32;
  sg: signed;
  d: digit;
  arr: array[1..3] of integer;
  txt: string;

procedure grow(var x: short5);
begin
  insert('123456', x, 1);
end;

begin
  s := 'abc';
  insert('XYZ', s, 2);
  writeln(s, ' ', length(s));
  boxes[2] := 'hello';
  insert('__', boxes[2], 3);
  writeln(boxes[2], ' ', length(boxes[2]));
  it.tag := 'xy';
  grow(it.tag);
  writeln(it.tag, ' ', length(it.tag));
  s := 'ab';
  insert('c', s, 3);
  writeln(s);

  read(a3);
  read(b2);
  readln(rest);
  writeln('[', a3, '][', b2, '][', rest, ']');
  read(a3, ch);
  writeln('[', a3, '][', ord(ch), ']');
  readln;
  readln(rest, a3);
  writeln('[', rest, '][', a3, ']');

  r := 123.456;
  writeln(r:-3, '|', r:0, '|', r:-30, '|');
  w := -5;
  writeln(r:w, '|');
  w := 12;
  writeln(r:w, '|', r:-8:2, '|');
  str(r:-3, txt);
  writeln(txt, '|');

  b := 5; sm := 3; wd := 5; b32 := 5; sg := 5;
  writeln(not b, ' ', not sm, ' ', not wd, ' ', not b32, ' ', not sg);
  writeln((not b) and 15, ' ', not b + 1);

  writeln(seven, ' ', ord(wrapped));
  d := 1;
  if d > 10 then d := 7;
  w := 1;
  if w > 1 then arr[5] := 1;
  if w > 1 then writeln(chr(300));
  writeln('ok ', d);
end.
