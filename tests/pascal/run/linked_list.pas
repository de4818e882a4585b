program LinkedList;
{ A singly linked list: insertion at the head and in order, search, deletion, reversal,
  and freeing every node. }
type
  PNode = ^TNode;
  TNode = record
    key: integer;
    next: PNode;
  end;
var
  head: PNode;
  i, count: integer;

procedure PushFront(var list: PNode; k: integer);
var
  n: PNode;
begin
  new(n);
  n^.key := k;
  n^.next := list;
  list := n;
end;

procedure InsertSorted(var list: PNode; k: integer);
var
  n, cur: PNode;
begin
  new(n);
  n^.key := k;
  if (list = nil) or (list^.key >= k) then
  begin
    n^.next := list;
    list := n;
  end
  else
  begin
    cur := list;
    while (cur^.next <> nil) and (cur^.next^.key < k) do
      cur := cur^.next;
    n^.next := cur^.next;
    cur^.next := n;
  end;
end;

procedure PrintList(list: PNode);
begin
  write('[');
  while list <> nil do
  begin
    write(list^.key);
    if list^.next <> nil then write(', ');
    list := list^.next;
  end;
  writeln(']');
end;

function Remove(var list: PNode; k: integer): boolean;
var
  cur, prev: PNode;
begin
  Remove := false;
  prev := nil;
  cur := list;
  while cur <> nil do
  begin
    if cur^.key = k then
    begin
      if prev = nil then list := cur^.next else prev^.next := cur^.next;
      dispose(cur);
      Remove := true;
      exit;
    end;
    prev := cur;
    cur := cur^.next;
  end;
end;

procedure Reverse(var list: PNode);
var
  prev, cur, nxt: PNode;
begin
  prev := nil;
  cur := list;
  while cur <> nil do
  begin
    nxt := cur^.next;
    cur^.next := prev;
    prev := cur;
    cur := nxt;
  end;
  list := prev;
end;

function ListLength(list: PNode): integer;
begin
  if list = nil then ListLength := 0 else ListLength := 1 + ListLength(list^.next);
end;

procedure FreeAll(var list: PNode);
var
  n: PNode;
begin
  while list <> nil do
  begin
    n := list;
    list := list^.next;
    dispose(n);
    count := count + 1;
  end;
end;

begin
  head := nil;
  for i := 1 to 5 do PushFront(head, i * i);
  PrintList(head);
  FreeAll(head);
  PrintList(head);
  for i := 1 to 10 do InsertSorted(head, (i * 37) mod 23);
  PrintList(head);
  writeln('length ', ListLength(head));
  writeln(Remove(head, 14), ' ', Remove(head, 14), ' ', Remove(head, 1), ' ', Remove(head, 22));
  PrintList(head);
  Reverse(head);
  PrintList(head);
  count := 0;
  FreeAll(head);
  writeln('freed ', count, ' ', head = nil);
end.
