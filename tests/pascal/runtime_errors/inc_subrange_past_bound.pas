{ runtime-error: 14: value out of range (value 11, range 1..10) }
program IncSubrangePastBound;
type
  Small = 1..10;
var
  x: Small;
  c: 'a'..'e';
begin
  x := 9;
  inc(x);
  c := 'b';
  dec(c);
  writeln(x, ' ', c);
  inc(x);
  writeln('never printed');
end.
