{ error-line: 6 }
{ error-match: enums with assignments cannot be used as array index }
program EnumValuesArrayIndex;
type
  TColor = (Red, Green = 3, Blue);
  TCounts = array[TColor] of integer;
begin
end.
