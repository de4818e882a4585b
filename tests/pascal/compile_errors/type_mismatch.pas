{ error-line: 9 }
program TypeMismatch;
var
  n: integer;
  s: string;
begin
  n := 3;
  s := 'abc';
  n := s;
  writeln(n);
end.
