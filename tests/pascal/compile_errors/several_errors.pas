{ error-line: 8 }
program SeveralErrors;
var
  a: integer;
  s: string;
begin
  a := 1;
  s := a;
  b := 2;
  a := 'text';
  writeln(undefinedThing);
end.
