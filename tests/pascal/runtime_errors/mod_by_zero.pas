{ runtime-error: 13: modulo by zero }
program ModByZero;
var
  n, m: integer;

function Zero: integer;
begin
  Zero := 0;
end;

begin
  n := 17;
  m := n mod Zero;
  writeln(m);
end.
