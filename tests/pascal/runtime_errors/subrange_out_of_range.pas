{ runtime-error: 11: value out of range }
program SubrangeOutOfRange;
type
  TPercent = 0..100;
var
  p: TPercent;
  n: integer;
begin
  n := 60;
  p := n;
  p := n * 2;
  writeln(p);
end.
