{ error-line: 6 }
program compound_assign_real_to_integer;
var i: integer;
begin
  i := 1;
  i /= 2;
  writeln(i);
end.
