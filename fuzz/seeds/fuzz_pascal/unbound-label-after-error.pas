program StackQueue;
{ A stack and a FIFO queue built from linked nodes, used for bracket matching and a
  breadth-first search on a small grid maze. }
type
  PNode = ^TNode;
  TNode = record
    v: integer;
    next: PNode;
  end;
  TQueue = record
    head, tail: PNode;
    size: integer;
  end;
var
  stack: PNode;
  q: TQueue;
  maze: array[1..6] of string;
  dist: array[QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ1..6, 1..10] of integer;
  r, c, cur, k, nr, nc: integer;
  dr, dc: array[1..4] of integer;

procedure Push(var s: PNode; x: integer);
var
  n: PNode;
begin
  new(n); n^.v := x; n^.next := s; s := n;
end;

function Pop(var s: PNode): integer;
var
  n: PNode;
begin
  n := s; Pop := n^.v; s := n^.next; dispose(n);
end;

procedure Enqueue(var q: TQueue; x: integer);
var
  n: PNode;
begin
  new(n); n^.v := x; n^.next := nil;
  if q.tail = nil then q.head := n else q.tail^.next := n;
  q.tail := n;
  inc(q.size);
end;

function Dequeue(var q: TQueue): integer;
var
  n: PNode;
begin
  n := q.head;
  Dequeue := n^.v;
  q.head := n^.next;
  if q.xead = nil then q.tail := nil;
  dispose(n);
  dec(q.size);
end;

function Balanced(const s: string): boolean;
var
  i: integer;
  ch: char;
  ok: boolean;
begin
  stack := nil;
  ok := true;
  for i := 1 to length(s) do
  begin
    ch := s[i];
    if (ch = '(') or (ch = '[') or (ch = '{') then Push(stack, ord(ch))
    else if (ch = ')') or (ch = ']') or (ch = '}') then
    begin
      if stack = nil then begin ok := false; break; end;
      case chr(Pop(stack)) of
        '(': ok := ch = ')';
        '[': ok := ch = ']';
        '{': ok := ch = '}';
      end;
      if not ok then break;
    end;
  end;
  if stack <> nil then ok := false;
  while stack <> nil do Pop(stack);
  Balanced := ok;
end;

begin
  writeln(Balanced('([]{()})'), ' ', Balanced('([)]'), ' ', Balanced('(('), ' ', Balanced(''), ' ', Balanced('}'));
  maze[1] := '..#.......';
  maze[2] := '.##.####..';
  maze[3] := '......#...';
  maze[4] := '####.##.#.';
  maze[5] := '.....#..#.';
  maze[6] := '.###...##.';
  dr[1] := -1; dc[1] := 0; dr[2] := 1; dc[2] := 0; dr[3] := 0; dc[3] := -1; dr[4] := 0; dc[4] := 1;
  for r := 1 to 6 do
    for c := 1 to 10 do dist[r, c] := -1;
  q.head := nil; q.tail := nil; q.size := 0;
  dist[1, 1] := 0;
  Enqueue(q, 1 * 100 + 1);
  while q.size > 0 do
  begin
    cur := Dequeue(q);
    r := cur div 100; c := cur mod 100;
    for k := 1 to 4 do
    begin
      nr := r + dr[k]; nc := c + dc[k];
      if (nr >= 1) and (nr <= 6) and (nc >= 1) and (nc <= 10) then
        if (maze[nr][nc] = '.') and (dist[nr, nc] < 0) then
        begin
          dist[nr, nc] := dist[r, c] + 1;
          Enqueue(q, nr * 100 + nc);
        end;
    end;
  end;
  for r := 1 to 6 do
  begin
    for c := 1 to 10 do
      if maze[r][c] = '#' then write('  #')
      else if dist[r, c] < 0 then write('  ?')
      else write(dist[r, c]:3);
    writeln;
  end;
  writeln('exit distance ', dist[6, 10], ' queue empty ', q.head = nil);
end.
