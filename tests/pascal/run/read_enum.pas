{ fpc reads an enumeration value by its name, in any case. }
program ReadEnum;
type
  Colour = (red, green, blue);
  Warm = red..green;
var
  c: Colour;
  w: Warm;
  i: integer;
begin
  read(c);
  writeln(ord(c), ' ', c);
  read(c, i);
  writeln(c, ' ', i);
  readln(w);
  writeln(w);
end.
