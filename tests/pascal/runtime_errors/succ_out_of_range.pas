{ runtime-error: 11: succ out of range }
program SuccOutOfRange;
type
  TColor = (Red, Green, Blue);
var
  c: TColor;
begin
  c := Red;
  c := succ(c);
  writeln(c);
  c := succ(succ(c));
  writeln(c);
end.
