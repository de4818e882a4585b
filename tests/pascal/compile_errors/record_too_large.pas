{ error-line: 7 }
{ dvm-only: an object of dvm is at most 2 GiB (fpc takes 3.2 GB) }
program RecordTooLarge;
type
  Big = record
    a: array[1..200000000] of integer;
    b: array[1..200000000] of integer;
  end;
var
  p: ^Big;
begin
  p := nil;
  writeln(p = nil);
end.
