{ runtime-error: 11: value out of range (value 3, range 0..2) }
program IncEnumPastHigh;
type
  Colour = (red, green, blue);
var
  e: Colour;
begin
  e := red;
  inc(e, 2);
  writeln(e);
  inc(e);
  writeln(e);
end.
