{ runtime-error: 17: use of freed memory (write of 8 bytes at offset 8 of a 16-byte block allocated by new at }
{ trace: clear, main }
{ dvm-options: --check-memory }
{ A procedure writing through a pointer whose record the caller disposed. }
program writeafterdispose;
type
  PPoint = ^TPoint;
  TPoint = record
    x, y: integer;
  end;
var
  pt: PPoint;

procedure clear(q: PPoint);
begin
  writeln('clearing');
  q^.y := 0;
end;

begin
  new(pt);
  pt^.x := 0;
  dispose(pt);
  clear(pt);
end.
