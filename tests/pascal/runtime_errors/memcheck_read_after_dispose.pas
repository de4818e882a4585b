{ runtime-error: 22: use of freed memory (read of 8 bytes at offset 0 of a 24-byte block allocated by new at }
{ trace: main, memcheck_read_after_dispose.pas:18:3, memcheck_read_after_dispose.pas:21:3 }
{ dvm-options: --check-memory }
{ A record read through a second pointer after it was disposed. }
program readafterdispose;
type
  PNode = ^TNode;
  TNode = record
    value: integer;
    name: string;
    next: PNode;
  end;
var
  p, alias: PNode;
begin
  writeln('start');
  new(p);
  new(p);
  p^.value := 1;
  alias := p;
  dispose(p);
  writeln(alias^.value);
end.
