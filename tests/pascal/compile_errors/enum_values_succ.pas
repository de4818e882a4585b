{ error-line: 8 }
{ error-match: succ or pred on enums with assignments not possible }
program EnumValuesSucc;
type
  TColor = (Red, Green = 3, Blue);
var c: TColor;
begin
  c := succ(Red);
  writeln(ord(c));
end.
