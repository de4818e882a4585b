{ error-line: 7 }
program TypeErrorBeforeSyntaxError;
{ fpc reads from the top: the type error comes before the syntax error below it. }
var
  i: integer;
begin
  i := 'abc';
  writeln(i +);
end.
