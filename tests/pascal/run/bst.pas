program BinarySearchTree;
{ A binary search tree with pointers: insert, search, in/pre/post-order traversal,
  height, minimum, deletion, and freeing. }
type
  PTree = ^TTree;
  TTree = record
    key: integer;
    left, right: PTree;
  end;
var
  root: PTree;
  keys: array[1..11] of integer;
  i: integer;

procedure Insert(var t: PTree; k: integer);
begin
  if t = nil then
  begin
    new(t);
    t^.key := k;
    t^.left := nil;
    t^.right := nil;
  end
  else if k < t^.key then Insert(t^.left, k)
  else if k > t^.key then Insert(t^.right, k);
end;

function Contains(t: PTree; k: integer): boolean;
begin
  while (t <> nil) and (t^.key <> k) do
    if k < t^.key then t := t^.left else t := t^.right;
  Contains := t <> nil;
end;

procedure InOrder(t: PTree);
begin
  if t <> nil then
  begin
    InOrder(t^.left);
    write(t^.key, ' ');
    InOrder(t^.right);
  end;
end;

procedure PreOrder(t: PTree);
begin
  if t = nil then exit;
  write(t^.key, ' ');
  PreOrder(t^.left);
  PreOrder(t^.right);
end;

procedure PostOrder(t: PTree);
begin
  if t = nil then exit;
  PostOrder(t^.left);
  PostOrder(t^.right);
  write(t^.key, ' ');
end;

function Height(t: PTree): integer;
var
  l, r: integer;
begin
  if t = nil then
    Result := 0
  else
  begin
    l := Height(t^.left);
    r := Height(t^.right);
    if l > r then Result := l + 1 else Result := r + 1;
  end;
end;

function MinKey(t: PTree): integer;
begin
  while t^.left <> nil do t := t^.left;
  MinKey := t^.key;
end;

procedure DeleteKey(var t: PTree; k: integer);
var
  old: PTree;
begin
  if t = nil then exit;
  if k < t^.key then DeleteKey(t^.left, k)
  else if k > t^.key then DeleteKey(t^.right, k)
  else if t^.left = nil then
  begin
    old := t; t := t^.right; dispose(old);
  end
  else if t^.right = nil then
  begin
    old := t; t := t^.left; dispose(old);
  end
  else
  begin
    t^.key := MinKey(t^.right);
    DeleteKey(t^.right, t^.key);
  end;
end;

procedure FreeTree(var t: PTree);
begin
  if t <> nil then
  begin
    FreeTree(t^.left);
    FreeTree(t^.right);
    dispose(t);
    t := nil;
  end;
end;

begin
  keys[1] := 50; keys[2] := 30; keys[3] := 70; keys[4] := 20; keys[5] := 40;
  keys[6] := 60; keys[7] := 80; keys[8] := 35; keys[9] := 45; keys[10] := 65;
  keys[11] := 30;
  root := nil;
  for i := 1 to 11 do Insert(root, keys[i]);
  InOrder(root); writeln;
  PreOrder(root); writeln;
  PostOrder(root); writeln;
  writeln('height ', Height(root), ' min ', MinKey(root));
  writeln(Contains(root, 45), ' ', Contains(root, 46));
  DeleteKey(root, 30);
  DeleteKey(root, 50);
  DeleteKey(root, 99);
  InOrder(root); writeln;
  PreOrder(root); writeln;
  writeln('height ', Height(root));
  FreeTree(root);
  writeln(root = nil);
end.
