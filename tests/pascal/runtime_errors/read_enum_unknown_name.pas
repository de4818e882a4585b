{ runtime-error: 8: 'purple' names no value of Colour }
program ReadEnumUnknownName;
type
  Colour = (red, green, blue);
var
  c: Colour;
begin
  read(c);
  writeln(c);
end.
