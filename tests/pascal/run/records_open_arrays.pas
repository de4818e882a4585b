program probe2;
type
  Person = record
    name: string;
    age: integer;
    tags: array[1..2] of string;
  end;
  Arr = array[0..4] of integer;
var
  a, b: Person;
  people: array[1..3] of Person;
  x: Arr;
  i, n, total: integer;
  s, line: string;
  r: real;
  ch: char;

function rev(const s: string): string;
begin
  if length(s) <= 1 then rev := s
  else rev := rev(copy(s, 2, length(s) - 1)) + s[1];
end;

function sum(const v: array of integer): integer;
var i: integer;
begin
  Result := 0;
  for i := low(v) to high(v) do Result := Result + v[i];
end;

procedure scale(var v: array of integer; k: integer);
var i: integer;
begin
  for i := 0 to high(v) do v[i] := v[i] * k;
end;

function isEven(n: integer): boolean; forward;
function isOdd(n: integer): boolean;
begin
  if n = 0 then isOdd := false else isOdd := isEven(n - 1);
end;
function isEven(n: integer): boolean;
begin
  if n = 0 then isEven := true else isEven := isOdd(n - 1);
end;

procedure outer;
var depth: integer;
  procedure mid;
    procedure inner;
    begin
      depth := depth + 100;
    end;
  begin
    depth := depth + 10;
    inner;
  end;
begin
  depth := 1;
  mid;
  writeln('depth ', depth);
end;

begin
  a.name := 'Ann'; a.age := 30; a.tags[1] := 'x'; a.tags[2] := 'y';
  b := a;
  b.name := 'Bob'; b.tags[1] := 'changed';
  writeln(a.name, ' ', a.tags[1], ' ', b.name, ' ', b.tags[1]);
  people[1] := a; people[2] := b; people[3] := people[1];
  people[3].age := 99;
  for i := 1 to 3 do write(people[i].name, people[i].age, ' ');
  writeln;
  for i := 0 to 4 do x[i] := i + 1;
  scale(x, 3);
  writeln(sum(x), ' ', sum([1, 2, 3]));
  writeln(rev('dvm rocks'));
  writeln(isEven(10), ' ', isOdd(7));
  outer;
  s := 'hello';
  s[1] := 'J';
  writeln(s, ' ', s = 'Jello', ' ', (1 < 2) xor (3 < 4));
  total := 0; n := 0;
  while not eof do
  begin
    read(i);
    total := total + i; n := n + 1;
    if eoln then readln;
  end;
  writeln('read ', n, ' numbers, total ', total);
  i := 0;
  repeat
    i := i + 3;
    if i mod 2 = 0 then continue;
    if i > 20 then break;
  until i > 30;
  writeln('i=', i);
end.
