{ Variant records: a tag field chooses among variants that share one place in
  the record (fpc's layout, so sizeof agrees), variants without a tag field,
  nested variant parts, with statements, arrays of variant records, and
  reading one variant's bytes through another. }
program variants;

type
  TKind = (circle, rect, dot);
  TShape = record
    name: char;
    case kind: TKind of
      circle: (r: real);
      rect: (w, h: real);
      dot: (x, y: byte);
  end;
  TWord = record
    case integer of
      0: (value: longint);
      1: (bytes: array[0..3] of byte);
      2: (lo, hi: word);
  end;
  TToken = record
    line: longint;
    case isnumber: boolean of
      true: (num: int64);
      false: (
        case op: char of
          '+', '-': (priority: byte);
          '(': (depth: smallint)
      );
  end;

var
  shapes: array[1..3] of TShape;
  i: integer;
  total: real;
  w: TWord;
  t: TToken;

function area(const s: TShape): real;
begin
  case s.kind of
    circle: area := 3.0 * s.r * s.r;
    rect: area := s.w * s.h;
    dot: area := 0
  end
end;

begin
  shapes[1].name := 'c'; shapes[1].kind := circle; shapes[1].r := 2.0;
  with shapes[2] do
  begin
    name := 'r'; kind := rect; w := 3.0; h := 4.5
  end;
  shapes[3].name := 'd'; shapes[3].kind := dot; shapes[3].x := 7; shapes[3].y := 9;
  total := 0;
  for i := 1 to 3 do
  begin
    writeln(shapes[i].name, ' ', ord(shapes[i].kind), ' ', area(shapes[i]):0:2);
    total := total + area(shapes[i])
  end;
  writeln('total ', total:0:2, ' dot at ', shapes[3].x, ',', shapes[3].y);
  writeln(sizeof(TShape), ' ', sizeof(TWord), ' ', sizeof(TToken));

  w.value := $04030201;
  writeln(w.bytes[0], ' ', w.bytes[1], ' ', w.bytes[2], ' ', w.bytes[3], ' ', w.lo, ' ', w.hi);
  w.bytes[3] := 255;
  writeln(w.value, ' ', w.hi);

  t.line := 3;
  t.isnumber := false;
  t.op := '(';
  t.depth := -2;
  writeln(t.line, ' ', t.isnumber, ' ', t.op, ' ', t.depth);
  t.op := '+';
  t.priority := 5;
  writeln(t.op, ' ', t.priority);
  t.isnumber := true;
  t.num := 1234567890123;
  writeln(t.num);
end.
