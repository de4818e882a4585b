{ runtime-error: 13: dispose of a pointer that is not allocated }
program DisposeTwice;
var
  p, q: ^integer;
begin
  new(p);
  p^ := 5;
  q := p;
  writeln(q^);
  dispose(p);
  p := nil;
  writeln('disposed once');
  dispose(q);
  writeln('never printed');
end.
