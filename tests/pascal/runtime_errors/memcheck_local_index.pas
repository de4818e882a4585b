{ runtime-error: 9: index out of range (index 4, bounds 1..3) }
{ trace: fill, main }
{ dvm-options: --check-memory }
{ Nor is a local array. }
program localindex;
procedure fill;
var local: array[1..3] of integer; k: integer;
begin
  for k := 1 to 4 do local[k] := k;
end;
begin
  fill;
end.
