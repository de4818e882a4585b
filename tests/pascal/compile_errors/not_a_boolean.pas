{ error-line: 7 }
program NotABoolean;
var
  n: integer;
begin
  n := 5;
  if n then writeln('yes');
  while n do n := n - 1;
end.
