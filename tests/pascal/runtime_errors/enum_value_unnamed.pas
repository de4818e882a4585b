{ runtime-error: 11: value out of range }
program EnumValueUnnamed;
{ Writing a value of an enumeration that no member has stops the program
  (fpc: runtime error 107, invalid enumeration). }
type
  TColor = (Red, Green = 3, Blue);
var c: TColor;
begin
  c := TColor(1);
  writeln(ord(c));
  writeln(c);
end.
