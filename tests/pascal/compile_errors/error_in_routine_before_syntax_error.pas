{ error-line: 5 }
program ErrorInRoutineBeforeSyntaxError;
procedure p;
begin
  k := 2;
end;
procedure q;
begin
  writeln(1)
  writeln(2)
end;
begin
  p;
  q
end.
