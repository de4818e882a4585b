{ error-line: 6 }
{ error-match: unsupported: dynamic arrays of strings }
{ dvm-only: fpc has dynamic arrays of managed types; dvm's hold numbers, chars, booleans, records and static arrays of those }
program DynamicArrayOfStrings;
var
  names: array of string;
begin
  SetLength(names, 2);
  names[0] := 'x';
end.
