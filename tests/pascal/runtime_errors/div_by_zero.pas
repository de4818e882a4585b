{ runtime-error: 12: division by zero }
program DivByZero;
var
  a, b, i: integer;
begin
  a := 100;
  b := 3;
  for i := 1 to 3 do
  begin
    b := b - 1;
    writeln(a, ' div ', b, ' =');
    writeln(a div b);
  end;
  writeln('never printed');
end.
