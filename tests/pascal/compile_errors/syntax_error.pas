{ error-line: 7 }
program SyntaxError;
var
  i: integer;
begin
  i := 0;
  while i < 10 begin
    i := i + 1;
  end;
end.
