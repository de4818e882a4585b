{ runtime-error: 13: index out of range }
program dynamic_array_index;
var
  a: array of integer;
  i: integer;
begin
  SetLength(a, 3);
  for i := 0 to 2 do
    a[i] := i;
  writeln(a[2]);
  i := 3;
  { fpc checks no dynamic array index without -Cr; dvm checks every index }
  writeln(a[i]);
end.
