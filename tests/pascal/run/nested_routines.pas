program NestedRoutines;
{ Nested procedures and functions that read and write the locals and parameters of the
  routines around them, at depths 2 and 3, including recursion of a nested routine and a
  nested routine calling a sibling. }
var
  g: integer;

procedure Outer(n: integer);
var
  total: integer;
  trace: string;

  procedure Add(k: integer);
  begin
    total := total + k;
    trace := trace + '+';
  end;

  procedure Middle(m: integer);
  var
    local: integer;

    procedure Inner;
    var
      deepest: integer;

      procedure Deep;
      begin
        deepest := deepest + 1;
        local := local + deepest;
        total := total + n;
        g := g + 1;
      end;

    begin
      deepest := 0;
      Deep;
      Deep;
      local := local * 10;
      Add(m);
    end;

  begin
    local := m;
    Inner;
    writeln('middle local ', local, ' total ', total);
  end;

  function Fact(k: integer): integer;
  begin
    if k <= 1 then Fact := 1
    else
    begin
      trace := trace + '!';
      Fact := k * Fact(k - 1);
    end;
  end;

begin
  total := 0;
  trace := '';
  Add(n);
  Middle(2);
  Middle(3);
  writeln('outer total ', total, ' fact ', Fact(n), ' trace ', trace);
end;

function Counter(start: integer): integer;
var
  c: integer;

  procedure Step;
  begin
    c := c + start;
  end;

  function Twice: integer;
  begin
    Step;
    Step;
    Twice := c;
  end;

begin
  c := 0;
  Counter := Twice + Twice;
end;

procedure Rec(depth: integer);
var
  mine: integer;

  procedure Show;
  begin
    write('[', depth, ':', mine, ']');
  end;

begin
  mine := depth * depth;
  if depth < 3 then Rec(depth + 1);
  Show;
end;

begin
  g := 0;
  Outer(4);
  writeln('g ', g);
  writeln(Counter(5));
  Rec(1);
  writeln;
end.
