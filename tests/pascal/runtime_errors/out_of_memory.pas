{ runtime-error: 18: out of memory }
{ dvm-options: --memory=16M }
program OutOfMemory;
type
  TBlock = record
    data: array[1..10000] of integer;
    next: ^TBlock;
  end;
  PBlock = ^TBlock;
var
  head, p: PBlock;
  n: integer;
begin
  head := nil;
  n := 0;
  while true do
  begin
    new(p);
    p^.next := head;
    head := p;
    n := n + 1;
  end;
end.
