{ runtime-error: 11: index out of range (index 5, bounds 1..4) }
{ dvm-options: --check-memory }
{ Pascal checks every index: a heap array is not overrun, with or without --check-memory. }
program heapindex;
type
  TArr = array[1..4] of integer;
  PArr = ^TArr;
var p: PArr; i: integer;
begin
  new(p);
  for i := 1 to 5 do p^[i] := i;
end.
