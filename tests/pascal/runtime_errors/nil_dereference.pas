{ runtime-error: 15: nil pointer dereference }
program NilDereference;
type
  PNode = ^TNode;
  TNode = record
    value: integer;
    next: PNode;
  end;
var
  head: PNode;
begin
  new(head);
  head^.value := 1;
  head^.next := nil;
  writeln(head^.next^.value);
end.
