{ error-line: 10 }
{ error-match: unsupported: Delete from a dynamic array }
{ dvm-only: fpc 3.2 deletes elements of a dynamic array; dvm names it instead of calling it a string operation }
program DynamicArrayDelete;
var
  a: array of integer;
begin
  SetLength(a, 3);
  a[0] := 1;
  Delete(a, 0, 1);
  writeln(Length(a));
end.
