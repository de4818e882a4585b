{ error-line: 8 }
{ error-match: For in loop cannot be used for the type }
program EnumValuesForIn;
type
  TColor = (Red, Green = 3, Blue);
var c: TColor;
begin
  for c in TColor do
    writeln(ord(c));
end.
