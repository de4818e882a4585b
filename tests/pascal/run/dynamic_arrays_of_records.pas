program dynamic_arrays_of_records;
{ Dynamic arrays of records holding strings, static arrays of strings and
  dynamic arrays: growing, sorting by whole-record swaps, sharing, copy,
  shrinking, open array parameters, for-in, nested records, two dimensions. }
uses sysutils;
type
  TPerson = record
    name: string;
    age: integer;
    tags: array[1..2] of string;
    nums: array of integer;
  end;
  TPeople = array of TPerson;
  TInner = record a: integer; s: string; end;
  TOuter = record id: integer; inner: TInner; list: array[0..1] of TInner; end;
var
  people, other, third: TPeople;
  outers: array of TOuter;
  grid: array of array of TInner;
  p: TPerson;
  i, j: integer;

function MakePerson(const n: string; a: integer): TPerson;
begin
  Result.name := n;
  Result.age := a;
  Result.tags[1] := n + '-t1';
  Result.tags[2] := 'x' + n;
  SetLength(Result.nums, a mod 4);
  for j := 0 to High(Result.nums) do Result.nums[j] := a * 10 + j;
end;

procedure Show(const ps: TPeople);
var k, m: integer;
begin
  for k := 0 to High(ps) do
  begin
    write(k, ': ', ps[k].name, ' ', ps[k].age, ' ', ps[k].tags[1], ' ', ps[k].tags[2], ' [');
    for m := 0 to High(ps[k].nums) do write(ps[k].nums[m], ' ');
    writeln(']');
  end;
end;

procedure AddPerson(var ps: TPeople; const n: string; a: integer);
begin
  SetLength(ps, Length(ps) + 1);
  ps[High(ps)] := MakePerson(n, a);
end;

procedure SortByName(var ps: TPeople);
var a, b: integer; t: TPerson;
begin
  for a := 0 to High(ps) - 1 do
    for b := a + 1 to High(ps) do
      if ps[b].name < ps[a].name then
      begin t := ps[a]; ps[a] := ps[b]; ps[b] := t; end;
end;

function Oldest(ps: array of TPerson): string;
var k, best: integer;
begin
  best := 0;
  for k := 1 to High(ps) do if ps[k].age > ps[best].age then best := k;
  Oldest := ps[best].name;
  ps[0].name := 'changed';
end;

begin
  AddPerson(people, 'Carol', 41);
  AddPerson(people, 'alice', 30);
  AddPerson(people, 'Bob', 25);
  AddPerson(people, 'Dave', 7);
  Show(people);
  SortByName(people);
  Show(people);
  writeln('oldest ', Oldest(people), ' first still ', people[0].name);
  other := people;
  other[0].name := 'shared';
  writeln(people[0].name);
  third := Copy(people, 1, 2);
  third[0].name := third[0].name + '!';
  Show(third);
  Show(people);
  SetLength(people, 2);
  Show(people);
  Show(other);
  people := nil;
  other := nil;
  Show(third);
  for p in third do writeln(p.name, ' ', Length(p.nums));
  SetLength(outers, 3);
  for i := 0 to 2 do
  begin
    outers[i].id := i;
    outers[i].inner.s := 'in' + chr(ord('a') + i);
    outers[i].list[1].s := StringOfChar('*', i + 1);
    with outers[i] do list[0].a := id * 100;
  end;
  for i := 0 to 2 do writeln(outers[i].id, ' ', outers[i].inner.s, ' ', outers[i].list[1].s, ' ', outers[i].list[0].a);
  SetLength(grid, 2, 3);
  for i := 0 to 1 do for j := 0 to 2 do begin grid[i][j].a := i * j; grid[i, j].s := IntToStr(i) + ',' + IntToStr(j); end;
  for i := 0 to 1 do begin for j := 0 to 2 do write(grid[i][j].s, '=', grid[i][j].a, ' '); writeln; end;
  SetLength(grid[1], 1);
  writeln(Length(grid[0]), Length(grid[1]), grid[1][0].s);
end.
