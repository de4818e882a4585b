program Records;
{ Records: nested records, with (single, nested, several records), record assignment is a
  copy, arrays of records, packed records. }
type
  TDate = record
    day, month, year: integer;
  end;
  TPerson = record
    name: string;
    born: TDate;
    height: real;
    active: boolean;
  end;
  TPoint = packed record
    x, y: integer;
    tag: char;
  end;
  TSeg = record
    a, b: TPoint;
  end;
var
  p, q: TPerson;
  people: array[1..3] of TPerson;
  pt: TPoint;
  seg: TSeg;
  flags: packed array[1..4] of boolean;
  i: integer;
begin
  p.name := 'Ada';
  p.born.day := 10; p.born.month := 12; p.born.year := 1815;
  p.height := 1.65;
  p.active := true;
  writeln(p.name, ' ', p.born.day, '/', p.born.month, '/', p.born.year, ' ', p.height:0:2, ' ', p.active);
  q := p;
  q.name := 'Grace';
  q.born.year := 1906;
  writeln(p.name, ' ', p.born.year, ' ', q.name, ' ', q.born.year);
  with q do
  begin
    born.day := 9;
    with born do
    begin
      month := 12;
      writeln(name, ' ', day, '.', month, '.', year);
    end;
  end;
  with q.born do year := year + 1;
  writeln(q.born.year);
  for i := 1 to 3 do
    with people[i] do
    begin
      name := 'P' + chr(ord('0') + i);
      born.year := 2000 + i;
      height := 1.5 + i / 10;
      active := odd(i);
    end;
  for i := 3 downto 1 do
    writeln(people[i].name, ' ', people[i].born.year, ' ', people[i].height:0:1, ' ', people[i].active);
  pt.x := 3; pt.y := -4; pt.tag := 'A';
  seg.a := pt;
  seg.b.x := 10; seg.b.y := 20; seg.b.tag := 'B';
  with seg, a do writeln(x, ' ', y, ' ', tag, ' ', b.tag);
  with seg.a, seg.b do writeln(x, ' ', y, ' ', tag);
  with pt do
  begin
    x := x * 2;
    tag := succ(tag);
  end;
  writeln(pt.x, ' ', pt.tag, ' ', seg.a.x, ' ', seg.a.tag);
  for i := 1 to 4 do flags[i] := i > 2;
  for i := 1 to 4 do write(flags[i], ' ');
  writeln;
end.
