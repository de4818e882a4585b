program PriorityQueue;
{ A binary min-heap priority queue of records (priority, name): push, pop, peek, and a
  heap sort built on it; also an event simulation using the queue. }
const
  Cap = 100;
type
  TItem = record
    prio: integer;
    name: string;
  end;
  THeap = record
    items: array[1..Cap] of TItem;
    size: integer;
  end;
var
  h: THeap;
  it: TItem;
  i, clock: integer;
  data: array[1..12] of integer;

procedure Init(var q: THeap);
begin
  q.size := 0;
end;

function Less(const a, b: TItem): boolean;
begin
  Less := (a.prio < b.prio) or ((a.prio = b.prio) and (a.name < b.name));
end;

procedure Push(var q: THeap; p: integer; const n: string);
var
  k: integer;
  tmp: TItem;
begin
  inc(q.size);
  k := q.size;
  q.items[k].prio := p;
  q.items[k].name := n;
  while (k > 1) and Less(q.items[k], q.items[k div 2]) do
  begin
    tmp := q.items[k];
    q.items[k] := q.items[k div 2];
    q.items[k div 2] := tmp;
    k := k div 2;
  end;
end;

function Pop(var q: THeap): TItem;
var
  k, child: integer;
  tmp: TItem;
begin
  Pop := q.items[1];
  q.items[1] := q.items[q.size];
  dec(q.size);
  k := 1;
  while 2 * k <= q.size do
  begin
    child := 2 * k;
    if (child < q.size) and Less(q.items[child + 1], q.items[child]) then inc(child);
    if not Less(q.items[child], q.items[k]) then break;
    tmp := q.items[k];
    q.items[k] := q.items[child];
    q.items[child] := tmp;
    k := child;
  end;
end;

function Empty(const q: THeap): boolean;
begin
  Empty := q.size = 0;
end;

begin
  Init(h);
  Push(h, 5, 'write report');
  Push(h, 1, 'fix outage');
  Push(h, 3, 'review code');
  Push(h, 1, 'call customer');
  Push(h, 4, 'lunch');
  Push(h, 2, 'deploy');
  writeln('peek: ', h.items[1].name, ' size ', h.size);
  while not Empty(h) do
  begin
    it := Pop(h);
    writeln(it.prio, ' ', it.name);
  end;
  { heap sort }
  data[1] := 31; data[2] := -4; data[3] := 15; data[4] := 9; data[5] := 26; data[6] := 5;
  data[7] := 3; data[8] := 58; data[9] := -9; data[10] := 7; data[11] := 9; data[12] := 0;
  for i := 1 to 12 do Push(h, data[i], '');
  for i := 1 to 12 do write(Pop(h).prio, ' ');
  writeln;
  { event simulation: each event schedules its successor }
  clock := 0;
  Push(h, 0, 'A');
  Push(h, 2, 'B');
  Push(h, 3, 'C');
  while not Empty(h) do
  begin
    it := Pop(h);
    clock := it.prio;
    write('t=', clock, ':', it.name, ' ');
    if clock < 12 then
      case it.name[1] of
        'A': Push(h, clock + 5, 'A');
        'B': Push(h, clock + 4, 'B');
        'C': Push(h, clock + 7, 'C');
      end;
  end;
  writeln;
  writeln('final clock ', clock);
end.
