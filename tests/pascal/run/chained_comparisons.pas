{ Comparisons chain to the left, as fpc reads them: a = b = c is (a = b) = c. }
program chained_comparisons;
var a, b, c: boolean; i, j: integer;
begin
  a := true; b := false; c := false;
  writeln(a = b = c);
  writeln(1 < 2 = true);
  i := 3; j := 4;
  if i < j = a then writeln('yes') else writeln('no');
  if (i > j) = b = a then writeln('y2') else writeln('n2');
  while i < j = true do i := i + 1;
  writeln(i);
  writeln(false < true = true <> false);
end.
