{ runtime-error: 17: use of freed memory (read of 8 bytes at offset 8 of a 16-byte block allocated by new at }
{ dvm-options: --check-memory }
{ A string field read after its record was disposed. }
program stringafterdispose;
type
  PEntry = ^TEntry;
  TEntry = record
    count: integer;
    name: string;
  end;
var
  e, kept: PEntry;
begin
  new(e);
  e^.name := 'apple';
  kept := e;
  dispose(e); writeln(kept^.name);
end.
