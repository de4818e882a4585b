program WriteOrder;
{ Each argument of write/writeln is written before the next one is evaluated: functions
  called in the argument list that write themselves interleave with the arguments. }
var
  n: integer;

function Tick: integer;
begin
  n := n + 1;
  write('<tick ', n, '>');
  Tick := n * 10;
end;

function Line(const s: string): string;
begin
  writeln('[line ', s, ']');
  Line := s + s;
end;

function Half(x: real): real;
begin
  write('{half}');
  Half := x / 2;
end;

begin
  n := 0;
  writeln('a', Tick, 'b', Tick, 'c');
  writeln(Tick:6, '|', Tick:1);
  writeln('start ', Line('xy'), ' end');
  write('x = ', Half(5):0:2);
  writeln(' then ', Half(1):6:3, '.');
  writeln(Tick + Tick, ' ', n);
  write(Line('p'), Line('q'));
  writeln;
end.
